/**
 * A synthetic catalog of a given size for the benchmarks: the proportions of a typical line-of-business
 * database (tables with keys, foreign keys and indexes; views that read tables and other views; functions;
 * procedures; users and permissions), plus a sprinkling of objects the assessment flags, so the rules, the
 * fixes and the omission logic all do real work. Deterministic: the same size always gives the same model.
 */
import { emptyModel, type DatabaseModel, type TableDef } from "../provider/schema/model";
import { databaseObjectKey, permissionKey, schemaObjectKey } from "../provider/schema/keys";

/** Share of each object kind in the catalog. */
const MIX = { tables: 0.4, views: 0.15, functions: 0.1, procedures: 0.3, users: 0.02 } as const;
const SCHEMAS = ["dbo", "Sales", "HR", "Audit", "Ops"];

export function buildSyntheticCatalog(objectCount: number): DatabaseModel {
  const model = emptyModel("BenchDb");
  for (const name of SCHEMAS.slice(1)) model.schemas.push({ kind: "schema", key: databaseObjectKey(name), name });
  model.filegroups.push({
    kind: "filegroup",
    key: databaseObjectKey("FG_Archive"),
    name: "FG_Archive",
    type: "rows",
    isDefault: false,
  });

  const tableCount = Math.max(1, Math.round(objectCount * MIX.tables));
  for (let i = 0; i < tableCount; i++) model.tables.push(table(i, tableCount));

  const viewCount = Math.round(objectCount * MIX.views);
  for (let i = 0; i < viewCount; i++) {
    const schema = SCHEMAS[i % SCHEMAS.length]!;
    const t = model.tables[i % tableCount]!;
    // Every fourth view reads the previous view, so the topological sort has chains to follow.
    const from = i % 4 === 3 ? `[${SCHEMAS[(i - 1) % SCHEMAS.length]}].[View${i - 1}]` : `[${t.schema}].[${t.name}]`;
    const crossDb = i % 97 === 0 ? " JOIN [OtherDb].[dbo].[Lookup] AS l ON l.[Id] = x.[Id]" : "";
    model.views.push({
      kind: "view",
      key: schemaObjectKey(schema, `View${i}`),
      schema,
      name: `View${i}`,
      isSchemaBound: false,
      definition: `CREATE VIEW [${schema}].[View${i}]\nAS\n-- reporting view ${i}\nSELECT x.[Id], x.[Name], x.[Amount]\nFROM ${from} AS x${crossDb}\nWHERE x.[Amount] > 0;`,
    });
  }

  const functionCount = Math.round(objectCount * MIX.functions);
  for (let i = 0; i < functionCount; i++) {
    const schema = SCHEMAS[i % SCHEMAS.length]!;
    model.functions.push({
      kind: "function",
      key: schemaObjectKey(schema, `Fn${i}`),
      schema,
      name: `Fn${i}`,
      functionType: "scalar",
      isSchemaBound: true,
      definition: `CREATE FUNCTION [${schema}].[Fn${i}] (@amount decimal(18, 2))\nRETURNS decimal(18, 2)\nWITH SCHEMABINDING\nAS\nBEGIN\n    RETURN @amount * ${1 + (i % 10) / 10};\nEND`,
    });
  }

  const procedureCount = Math.round(objectCount * MIX.procedures);
  for (let i = 0; i < procedureCount; i++) {
    const schema = SCHEMAS[i % SCHEMAS.length]!;
    const t = model.tables[i % tableCount]!;
    const risky =
      i % 53 === 0
        ? "\n    EXEC master.dbo.xp_cmdshell 'dir';"
        : i % 59 === 0
          ? "\n    EXEC msdb.dbo.sp_send_dbmail @recipients = N'ops@example.com';"
          : "";
    model.procedures.push({
      kind: "procedure",
      key: schemaObjectKey(schema, `Proc${i}`),
      schema,
      name: `Proc${i}`,
      definition: `CREATE PROCEDURE [${schema}].[Proc${i}] @id int\nAS\nBEGIN\n    SET NOCOUNT ON;\n    /* xp_cmdshell in a comment does not count */\n    SELECT t.[Id], t.[Name], t.[Amount] FROM [${t.schema}].[${t.name}] AS t WHERE t.[Id] = @id;\n    UPDATE [${t.schema}].[${t.name}] SET [Amount] = [Amount] + 1 WHERE [Id] = @id;${risky}\nEND`,
    });
  }

  const userCount = Math.max(1, Math.round(objectCount * MIX.users));
  for (let i = 0; i < userCount; i++) {
    const windows = i % 10 === 0;
    const name = windows ? `CORP\\user${i}` : `user${i}`;
    model.users.push({
      kind: "user",
      key: databaseObjectKey(name),
      name,
      authentication: windows ? "windows" : "external",
    });
    const securable = { class: "schema" as const, name: SCHEMAS[i % SCHEMAS.length]! };
    const p = { state: "GRANT" as const, permission: "SELECT", securable, principal: name };
    model.permissions.push({ kind: "permission", key: permissionKey(p), name: "SELECT", ...p });
  }
  return model;
}

function table(i: number, tableCount: number): TableDef {
  const schema = SCHEMAS[i % SCHEMAS.length]!;
  const name = `Table${i}`;
  const t: TableDef = {
    kind: "table",
    key: schemaObjectKey(schema, name),
    schema,
    name,
    columns: [
      {
        name: "Id",
        typeName: "int",
        maxLength: 4,
        precision: 10,
        scale: 0,
        isNullable: false,
        identity: { seed: "1", increment: "1" },
      },
      { name: "Name", typeName: "nvarchar", maxLength: 200, precision: 0, scale: 0, isNullable: false },
      {
        name: "Amount",
        typeName: "decimal",
        maxLength: 9,
        precision: 18,
        scale: 2,
        isNullable: false,
        default: { name: `DF_${name}_Amount`, definition: "((0))" },
      },
      { name: "ParentId", typeName: "int", maxLength: 4, precision: 10, scale: 0, isNullable: true },
      {
        name: "CreatedAt",
        typeName: "datetime2",
        maxLength: 8,
        precision: 27,
        scale: 7,
        isNullable: false,
        default: { definition: "(sysutcdatetime())" },
      },
    ],
    primaryKey: {
      name: `PK_${name}`,
      type: "primaryKey",
      clustered: true,
      columns: [{ name: "Id", descending: false }],
    },
    uniqueConstraints: [],
    checkConstraints: [{ name: `CK_${name}_Amount`, definition: "([Amount]>=(0))" }],
    foreignKeys: [],
    indexes: [
      {
        name: `IX_${name}_Name`,
        type: "nonclustered",
        isUnique: false,
        columns: [{ name: "Name", descending: false }],
        includedColumns: ["Amount"],
      },
    ],
    isFileTable: false,
    isMemoryOptimized: false,
  };
  if (i > 0) {
    const parent = Math.floor(i / 2);
    t.foreignKeys.push({
      name: `FK_${name}_Parent`,
      columns: ["ParentId"],
      referencedTable: { schema: SCHEMAS[parent % SCHEMAS.length]!, name: `Table${parent}` },
      referencedColumns: ["Id"],
      onDelete: "NO_ACTION",
      onUpdate: "NO_ACTION",
    });
  }
  if (i % 41 === 0 && tableCount > 1) t.dataSpace = { kind: "filegroup", name: "FG_Archive" };
  return t;
}
