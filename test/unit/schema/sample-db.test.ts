/**
 * The sample database end to end through its scripts: what the reader builds, exactly which findings the
 * assessment reports, and the order the generator puts things in.
 */
import * as path from "node:path";
import { assess } from "../../../provider/schema/assessment/assess";
import type { DatabaseModel } from "../../../provider/schema/model";
import { readScripts, type ScriptReadResult } from "../../../provider/schema/script-reader";
import { generateScript, type GeneratedScript } from "../../../provider/schema/script-generator";
import { annotatedFindings } from "./expected-findings";

const SAMPLE_DB = path.join(__dirname, "../../fixtures/sample-db");

/** AZSQL022 (database options Azure SQL Database ignores), raised for the database, not for a line. */
const WHOLE_DATABASE_FINDINGS = ["AZSQL022 DATABASE", "AZSQL022 DATABASE"];

/** Blocking rules stop a deployment; warnings do not (docs/assessment-rules.md). */
const SEVERITY_BY_RULE = {
  AZSQL001: "blocking",
  AZSQL002: "blocking",
  AZSQL003: "blocking",
  AZSQL004: "blocking",
  AZSQL005: "blocking",
  AZSQL006: "blocking",
  AZSQL007: "blocking",
  AZSQL008: "blocking",
  AZSQL009: "blocking",
  AZSQL010: "warning",
  AZSQL011: "blocking",
  AZSQL012: "warning",
  AZSQL013: "blocking",
  AZSQL014: "blocking",
  AZSQL015: "blocking",
  AZSQL016: "blocking",
  AZSQL017: "warning",
  AZSQL018: "warning",
  AZSQL019: "blocking",
  AZSQL020: "warning",
  AZSQL021: "warning",
  AZSQL022: "warning",
};

let read: ScriptReadResult;
let model: DatabaseModel;
let generated: GeneratedScript;

beforeAll(async () => {
  read = await readScripts(SAMPLE_DB, { databaseName: "SampleDb" });
  model = read.model;
  generated = generateScript(model);
});

describe("sample database: model", () => {
  it("reads every .sql file outside bin/ in sorted path order", () => {
    expect(read.files).toHaveLength(48);
    expect(read.files).toEqual([...read.files].sort());
    expect(read.files.some((f) => f.startsWith("bin/"))).toBe(false);
    expect(model.tables.map((t) => t.key)).not.toContain("[dbo].[BuildOutput]");
  });

  it("reports only the seed INSERT, as data (not schema, not kept)", () => {
    expect(read.warnings).toEqual([
      {
        file: "Scripts/Seed.sql",
        line: 2,
        firstWords: "INSERT INTO [Sales].[Regions] (",
        kind: "data",
        message: "data statement (INSERT), not part of the schema; not deployed (data is moved by the data migration)",
      },
    ]);
    expect(model.statements.map((s) => s.firstWords)).not.toContain("INSERT");
  });

  it("holds every object kind", () => {
    const counts = Object.fromEntries(
      Object.entries(model)
        .filter(([, v]) => Array.isArray(v))
        .map(([k, v]) => [k, (v as unknown[]).length]),
    );
    expect(counts).toEqual({
      filegroups: 3,
      partitionFunctions: 1,
      partitionSchemes: 1,
      schemas: 3,
      types: 3,
      tables: 10,
      views: 4,
      functions: 4,
      procedures: 11,
      triggers: 3,
      sequences: 1,
      synonyms: 2,
      users: 4,
      roles: 1,
      permissions: 4,
      assemblies: 1,
      queues: 1,
      services: 1,
      fulltextCatalogs: 1,
      securityPolicies: 0,
      xmlSchemaCollections: 0,
      serverObjects: 2,
      statements: 6,
    });
    expect(model.options).toEqual({
      isTrustworthy: true,
      recoveryModel: "SIMPLE",
      compatibilityLevel: 150,
      isReadCommittedSnapshotOn: true,
    });
  });

  it("collects constraints from inline, table-level and separate ALTER TABLE statements", () => {
    const orderLines = model.tables.find((t) => t.key === "[Sales].[OrderLines]")!;
    expect(orderLines.foreignKeys.map((f) => f.name)).toEqual(["FK_OrderLines_Orders"]);
    expect(orderLines.indexes.map((i) => [i.name, i.type])).toEqual([["NCCI_OrderLines", "nonclusteredColumnstore"]]);
    const orders = model.tables.find((t) => t.key === "[Sales].[Orders]")!;
    expect(orders.foreignKeys.map((f) => [f.name, f.onDelete])).toEqual([["FK_Orders_Customers", "CASCADE"]]);
    const employees = model.tables.find((t) => t.key === "[HR].[Employees]")!;
    expect(employees.columns.find((c) => c.name === "Resume")).toMatchObject({ isFilestream: true, maxLength: -1 });
    expect(employees.filestreamFilegroup).toBe("FG_Files");
    expect(model.tables.find((t) => t.key === "[HR].[Documents]")!.isFileTable).toBe(true);
    expect(model.tables.find((t) => t.key === "[Audit].[SessionCache]")).toMatchObject({
      isMemoryOptimized: true,
      durability: "SCHEMA_ONLY",
    });
  });

  it("reads users with their authentication types and no password", () => {
    expect(model.users.map((u) => [u.name, u.authentication])).toEqual([
      ["AppUser", "sql"],
      ["ReportsApp", "external"],
      ["AuditOwner", "withoutLogin"],
      ["CONTOSO\\Alice", "windows"],
    ]);
    expect(JSON.stringify(model)).not.toContain("N0t-In-The-Model!");
  });
});

describe("sample database: assessment", () => {
  it("reports exactly the findings the fixture's `-- expect:` comments announce, on those lines", () => {
    const findings = assess(model).findings;
    const fromLines = findings.filter((f) => f.file !== undefined).map((f) => `${f.ruleId} ${f.file}:${f.line}`);
    expect(fromLines.sort()).toEqual(annotatedFindings(SAMPLE_DB));
    // Findings about the database as a whole come from no line, so no comment can announce them.
    expect(findings.filter((f) => f.file === undefined).map((f) => `${f.ruleId} ${f.objectKey}`)).toEqual(
      WHOLE_DATABASE_FINDINGS,
    );
  });

  it("gives each rule the severity the rule catalogue says", () => {
    const severities = new Map(assess(model).findings.map((f) => [f.ruleId, f.severity]));
    expect(Object.fromEntries([...severities].sort())).toEqual(SEVERITY_BY_RULE);
  });

  it("raises nothing for the objects marked CLEAN", () => {
    const clean = [
      "[Sales].[usp_GetOrders]",
      "[Sales].[usp_ImportFromBlob]",
      "[Sales].[Customers]",
      "[Sales].[Orders]",
      "[Sales].[OrderLines]",
      "[Sales].[Regions]",
      "[Sales].[vOrderTotals]",
      "[Sales].[vCustomerOrders]",
      "[Sales].[fn_TopCustomers]",
      "[dbo].[fn_IsValidEmail]",
      "[Sales].[Clients]",
      "[trg_DDL_Audit]",
      "[Sales].[trg_Orders_Audit]",
      "[AppUser]",
      "[ReportsApp]",
      "[ftSales]",
      "[Audit].[OrderLog]",
    ];
    const keys = new Set(assess(model).findings.map((f) => f.objectKey));
    expect(clean.filter((k) => keys.has(k))).toEqual([]);
  });

  it("lowers In-Memory OLTP findings to info for a Business Critical target", () => {
    const inMemory = assess(model, { targetTier: "BusinessCritical" }).findings.filter((f) => f.ruleId === "AZSQL021");
    expect(inMemory.map((f) => f.severity)).toEqual(["info", "info", "info"]);
  });
});

describe("sample database: generated script", () => {
  const order = (key: string, kind?: string): number => {
    const i = generated.batches.findIndex((b) => b.objectKey === key && (kind === undefined || b.kind === kind));
    if (i === -1) throw new Error(`no batch for ${key}`);
    return i;
  };

  it("creates a view after the view it reads, although it sorts first", () => {
    expect(order("[Sales].[vOrderTotals]")).toBeLessThan(order("[Sales].[vCustomerOrders]"));
    expect(order("[Sales].[vCustomerOrders]")).toBeLessThan(order("[Sales].[fn_TopCustomers]"));
  });

  it("adds each foreign key after both of its tables and after the referenced key", () => {
    const fk = order("[Sales].[Customers].[FK_Customers_Regions]");
    expect(fk).toBeGreaterThan(order("[Sales].[Customers]", "table"));
    expect(fk).toBeGreaterThan(order("[Sales].[Regions]", "table"));
    expect(fk).toBeGreaterThan(order("[Sales].[Regions] (unnamed primaryKey)"));
    expect(order("[Sales].[OrderLines].[FK_OrderLines_Orders]")).toBeGreaterThan(order("[Sales].[Orders].[PK_Orders]"));
  });

  it("follows the phase order: schemas, types, tables, constraints, foreign keys, indexes, modules, security", () => {
    const firstOf = (kind: string): number => generated.batches.findIndex((b) => b.kind === kind);
    const lastOf = (kind: string): number => generated.batches.map((b) => b.kind).lastIndexOf(kind as never);
    expect(lastOf("schema")).toBeLessThan(firstOf("aliasType"));
    expect(lastOf("tableType")).toBeLessThan(firstOf("table"));
    expect(lastOf("table")).toBeLessThan(firstOf("constraint"));
    expect(lastOf("constraint")).toBeLessThan(firstOf("foreignKey"));
    expect(lastOf("foreignKey")).toBeLessThan(firstOf("index"));
    expect(lastOf("index")).toBeLessThan(firstOf("view"));
    expect(lastOf("view")).toBeLessThan(firstOf("procedure"));
    expect(lastOf("procedure")).toBeLessThan(firstOf("trigger"));
    expect(lastOf("trigger")).toBeLessThan(firstOf("user"));
    expect(lastOf("user")).toBeLessThan(firstOf("role"));
    expect(lastOf("role")).toBeLessThan(firstOf("permission"));
  });

  it("creates the function a check constraint calls before the tables", () => {
    expect(order("[dbo].[fn_IsValidEmail]")).toBeLessThan(order("[Sales].[Customers]", "table"));
  });

  it("applies the safe fixes and lists them", () => {
    expect(generated.appliedFixes.map((f) => [f.ruleId, f.objectKeys])).toEqual([
      ["AZSQL010", ["Database/Setup.sql:2"]],
      ["AZSQL012", ["LOGIN [AppLogin]"]],
      ["AZSQL017", ["[FG_Archive]", "[Sales].[OrderArchive]", "[psOrderDate]"]],
      ["AZSQL022", ["DATABASE"]],
    ]);
    expect(generated.script).not.toMatch(/^USE /m);
    expect(generated.script).not.toContain("FG_Archive");
    expect(generated.script).toContain(
      "CREATE PARTITION SCHEME [psOrderDate] AS PARTITION [pfOrderDate] ALL TO ([PRIMARY])",
    );
    expect(generated.script).not.toContain("TRUSTWORTHY");
    expect(generated.script).not.toContain("CREATE LOGIN");
  });

  it("leaves out blocked objects and what depends on them, and lists them", () => {
    const omitted = new Set(generated.omitted.map((o) => o.objectKey));
    for (const key of [
      "[HR].[Employees]",
      "[HR].[Documents]",
      "[Sales].[vRemoteCustomers]",
      "[Sales].[vActiveCustomers]",
      "[CONTOSO\\Alice]",
      "[StringUtils]",
      "[Sales].[usp_ExportOrders]",
    ]) {
      expect(omitted).toContain(key);
      expect(generated.batches.some((b) => b.objectKey === key)).toBe(false);
    }
    expect(generated.omitted.find((o) => o.objectKey === "[Sales].[vActiveCustomers]")!.reason).toBe(
      "depends on [Sales].[vRemoteCustomers], which is left out",
    );
    expect(generated.omitted.find((o) => o.objectKey === "DENY DELETE ON [HR].[Employees] TO [AppUser]")!.reason).toBe(
      "its principal or object is left out",
    );
    expect(generated.blockers.every((b) => b.omitted)).toBe(true);
    expect(generated.blockers).toHaveLength(28);
  });

  it("is byte-identical for the same input, and for the same objects listed in another order", () => {
    expect(generateScript(model).script).toBe(generated.script);
    const shuffled = structuredClone(model);
    // Loose statements are scripts whose order is their meaning, so only object lists are shuffled.
    for (const [name, value] of Object.entries(shuffled))
      if (Array.isArray(value) && name !== "statements") value.reverse();
    expect(generateScript(shuffled).script).toBe(generated.script);
  });
});
