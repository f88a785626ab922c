/**
 * zod shapes mirroring model.ts, used to validate snapshots and any model that crosses a trust boundary.
 * The compile-time check at the bottom fails the build if these shapes and the TypeScript model drift apart.
 */
import { z } from "zod";
import type { DatabaseModel, IndexDef } from "./model";

const source = z.strictObject({ file: z.string(), line: z.number().int().positive() });
const qualifiedName = z.strictObject({ schema: z.string(), name: z.string() });

function base<K extends string>(kind: K) {
  return { kind: z.literal(kind), key: z.string().min(1), name: z.string(), source: source.optional() };
}
function schemaScoped<K extends string>(kind: K) {
  return { ...base(kind), schema: z.string() };
}

const dataSpace = z.strictObject({
  kind: z.enum(["filegroup", "partitionScheme"]),
  name: z.string().min(1),
  partitionColumn: z.string().optional(),
});

const column = z.strictObject({
  name: z.string().min(1),
  typeName: z.string(),
  typeSchema: z.string().optional(),
  maxLength: z.number().int().min(-1),
  precision: z.number().int().min(0),
  scale: z.number().int().min(0),
  isNullable: z.boolean(),
  identity: z
    .strictObject({ seed: z.string(), increment: z.string(), notForReplication: z.boolean().optional() })
    .optional(),
  computed: z.strictObject({ definition: z.string(), persisted: z.boolean() }).optional(),
  default: z.strictObject({ name: z.string().optional(), definition: z.string() }).optional(),
  collation: z.string().optional(),
  isRowGuidCol: z.boolean().optional(),
  isFilestream: z.boolean().optional(),
  isSparse: z.boolean().optional(),
  isColumnSet: z.boolean().optional(),
  generatedAlways: z
    .enum(["rowStart", "rowEnd", "transactionIdStart", "transactionIdEnd", "sequenceNumberStart", "sequenceNumberEnd"])
    .optional(),
  isHidden: z.boolean().optional(),
  xmlSchema: z.strictObject({ collection: qualifiedName, document: z.boolean() }).optional(),
  mask: z.string().min(1).optional(),
});

const indexColumn = z.strictObject({ name: z.string().min(1), descending: z.boolean() });

const keyConstraint = z.strictObject({
  name: z.string().optional(),
  type: z.enum(["primaryKey", "unique"]),
  clustered: z.boolean(),
  columns: z.array(indexColumn).min(1),
  dataSpace: dataSpace.optional(),
});

const checkConstraint = z.strictObject({
  name: z.string().optional(),
  definition: z.string(),
  column: z.string().optional(),
  isDisabled: z.boolean().optional(),
  notForReplication: z.boolean().optional(),
});

const referentialAction = z.enum(["NO_ACTION", "CASCADE", "SET_NULL", "SET_DEFAULT"]);

const foreignKey = z.strictObject({
  name: z.string().optional(),
  columns: z.array(z.string()).min(1),
  referencedTable: qualifiedName,
  referencedColumns: z.array(z.string()).min(1),
  onDelete: referentialAction,
  onUpdate: referentialAction,
  isDisabled: z.boolean().optional(),
  notForReplication: z.boolean().optional(),
});

const index = z.strictObject({
  name: z.string().min(1),
  type: z.enum([
    "clustered",
    "nonclustered",
    "clusteredColumnstore",
    "nonclusteredColumnstore",
    "xml",
    "spatial",
    "hash",
  ]),
  isUnique: z.boolean(),
  columns: z.array(indexColumn),
  includedColumns: z.array(z.string()),
  filter: z.string().optional(),
  dataSpace: dataSpace.optional(),
  bucketCount: z.number().int().positive().optional(),
  definition: z.string().optional(),
  xml: z
    .strictObject({
      primary: z.boolean(),
      usingIndex: z.string().optional(),
      secondaryType: z.enum(["PATH", "VALUE", "PROPERTY"]).optional(),
    })
    .optional(),
  spatial: z
    .strictObject({
      tessellation: z.enum(["GEOMETRY_GRID", "GEOMETRY_AUTO_GRID", "GEOGRAPHY_GRID", "GEOGRAPHY_AUTO_GRID"]),
      boundingBox: z.array(z.string()).length(4).optional(),
      grids: z
        .array(z.enum(["LOW", "MEDIUM", "HIGH"]))
        .length(4)
        .optional(),
      cellsPerObject: z.number().int().positive().optional(),
    })
    .optional(),
});

const aliasType = z.strictObject({
  ...schemaScoped("aliasType"),
  baseType: z.string().min(1),
  maxLength: z.number().int().min(-1),
  precision: z.number().int().min(0),
  scale: z.number().int().min(0),
  isNullable: z.boolean(),
});

/** TableBody: what a table and a table type both declare. */
const tableBody = {
  columns: z.array(column),
  primaryKey: keyConstraint.optional(),
  uniqueConstraints: z.array(keyConstraint),
  checkConstraints: z.array(checkConstraint),
  indexes: z.array(index),
};

const tableType = z.strictObject({
  ...schemaScoped("tableType"),
  ...tableBody,
  isMemoryOptimized: z.boolean(),
});

const table = z.strictObject({
  ...schemaScoped("table"),
  ...tableBody,
  foreignKeys: z.array(foreignKey),
  dataSpace: dataSpace.optional(),
  lobFilegroup: z.string().optional(),
  filestreamFilegroup: z.string().optional(),
  isFileTable: z.boolean(),
  isMemoryOptimized: z.boolean(),
  durability: z.enum(["SCHEMA_ONLY", "SCHEMA_AND_DATA"]).optional(),
  period: z.strictObject({ startColumn: z.string().min(1), endColumn: z.string().min(1) }).optional(),
  systemVersioning: z
    .strictObject({
      historyTable: qualifiedName.optional(),
      retention: z
        .strictObject({ period: z.number().int().positive(), unit: z.enum(["DAY", "WEEK", "MONTH", "YEAR"]) })
        .optional(),
    })
    .optional(),
  graphType: z.enum(["node", "edge"]).optional(),
  fulltextIndex: z
    .strictObject({
      catalog: z.string().optional(),
      keyIndex: z.string().min(1),
      columns: z.array(
        z.strictObject({
          name: z.string().min(1),
          typeColumn: z.string().optional(),
          language: z.string().optional(),
          statisticalSemantics: z.boolean().optional(),
        }),
      ),
      changeTracking: z.enum(["AUTO", "MANUAL", "OFF"]),
      stoplist: z.string().optional(),
    })
    .optional(),
  edgeConstraints: z
    .array(
      z.strictObject({
        name: z.string().optional(),
        connections: z.array(z.strictObject({ from: qualifiedName, to: qualifiedName })).min(1),
        onDelete: z.enum(["NO_ACTION", "CASCADE"]),
      }),
    )
    .optional(),
});

function moduleShape<K extends string>(kind: K) {
  return { ...schemaScoped(kind), definition: z.string() };
}

const securable = z.discriminatedUnion("class", [
  z.strictObject({ class: z.literal("database") }),
  z.strictObject({ class: z.literal("schema"), name: z.string() }),
  z.strictObject({ class: z.literal("object"), schema: z.string(), name: z.string() }),
]);

export const databaseModelSchema = z.strictObject({
  databaseName: z.string().optional(),
  options: z.strictObject({
    compatibilityLevel: z.number().int().optional(),
    collation: z.string().optional(),
    recoveryModel: z.enum(["FULL", "BULK_LOGGED", "SIMPLE"]).optional(),
    isTrustworthy: z.boolean().optional(),
    isDbChaining: z.boolean().optional(),
    isBrokerEnabled: z.boolean().optional(),
    containment: z.enum(["NONE", "PARTIAL"]).optional(),
    isReadCommittedSnapshotOn: z.boolean().optional(),
    allowSnapshotIsolation: z.boolean().optional(),
    isFulltextEnabled: z.boolean().optional(),
    filestreamNonTransactedAccess: z.enum(["OFF", "READ_ONLY", "FULL"]).optional(),
    other: z.record(z.string(), z.string()).optional(),
  }),
  filegroups: z.array(
    z.strictObject({
      ...base("filegroup"),
      type: z.enum(["rows", "filestream", "memoryOptimized"]),
      isDefault: z.boolean(),
    }),
  ),
  partitionFunctions: z.array(
    z.strictObject({
      ...base("partitionFunction"),
      parameterType: z.string(),
      rangeType: z.enum(["LEFT", "RIGHT"]),
      boundaries: z.array(z.string()),
    }),
  ),
  partitionSchemes: z.array(
    z.strictObject({
      ...base("partitionScheme"),
      functionName: z.string(),
      filegroups: z.array(z.string()),
      all: z.boolean(),
    }),
  ),
  schemas: z.array(z.strictObject({ ...base("schema"), owner: z.string().optional() })),
  types: z.array(z.discriminatedUnion("kind", [aliasType, tableType])),
  tables: z.array(table),
  views: z.array(
    z
      .strictObject({ ...moduleShape("view"), isSchemaBound: z.boolean(), indexes: z.array(index).min(1).optional() })
      .superRefine((view, ctx) => {
        for (const message of indexedViewIssues(view)) ctx.addIssue({ code: "custom", path: ["indexes"], message });
      }),
  ),
  functions: z.array(
    z.strictObject({
      ...moduleShape("function"),
      functionType: z.enum(["scalar", "inlineTable", "multiStatementTable", "clr"]),
      isSchemaBound: z.boolean(),
    }),
  ),
  procedures: z.array(
    z.strictObject({
      ...moduleShape("procedure"),
      procedureNumber: z.number().int().min(2).optional(),
      isClr: z.boolean().optional(),
    }),
  ),
  triggers: z.array(
    z.strictObject({
      ...moduleShape("trigger"),
      scope: z.enum(["table", "database", "server"]),
      parent: qualifiedName.optional(),
      events: z.array(z.string()),
      timing: z.enum(["AFTER", "INSTEAD OF", "FOR"]),
      isDisabled: z.boolean(),
    }),
  ),
  sequences: z.array(
    z.strictObject({
      ...schemaScoped("sequence"),
      typeName: z.string(),
      startValue: z.string(),
      increment: z.string(),
      minValue: z.string().optional(),
      maxValue: z.string().optional(),
      isCycling: z.boolean(),
      cacheSize: z.number().int().min(0).optional(),
    }),
  ),
  synonyms: z.array(z.strictObject({ ...schemaScoped("synonym"), baseObjectName: z.string().min(1) })),
  users: z.array(
    z.strictObject({
      ...base("user"),
      authentication: z.enum(["sql", "windows", "external", "withoutLogin"]),
      loginName: z.string().optional(),
      defaultSchema: z.string().optional(),
      hasPassword: z.boolean().optional(),
    }),
  ),
  roles: z.array(z.strictObject({ ...base("role"), owner: z.string().optional(), members: z.array(z.string()) })),
  permissions: z.array(
    z.strictObject({
      ...base("permission"),
      state: z.enum(["GRANT", "DENY", "GRANT_WITH_GRANT_OPTION"]),
      permission: z.string().min(1),
      securable,
      principal: z.string().min(1),
    }),
  ),
  assemblies: z.array(
    z.strictObject({
      ...base("assembly"),
      permissionSet: z.enum(["SAFE", "EXTERNAL_ACCESS", "UNSAFE"]),
      definition: z.string().optional(),
    }),
  ),
  queues: z.array(
    z.strictObject({
      ...schemaScoped("queue"),
      activationProcedure: qualifiedName.optional(),
      definition: z.string().optional(),
    }),
  ),
  services: z.array(
    z.strictObject({
      ...base("service"),
      queue: qualifiedName,
      contracts: z.array(z.string()),
      definition: z.string().optional(),
    }),
  ),
  fulltextCatalogs: z.array(z.strictObject({ ...base("fulltextCatalog"), isDefault: z.boolean() })),
  securityPolicies: z.array(
    z.strictObject({
      ...schemaScoped("securityPolicy"),
      predicates: z.array(
        z.strictObject({
          type: z.enum(["FILTER", "BLOCK"]),
          definition: z.string().min(1),
          table: qualifiedName,
          operation: z.enum(["AFTER INSERT", "AFTER UPDATE", "BEFORE UPDATE", "BEFORE DELETE"]).optional(),
        }),
      ),
      isEnabled: z.boolean(),
      isSchemaBound: z.boolean(),
      notForReplication: z.boolean().optional(),
    }),
  ),
  xmlSchemaCollections: z.array(
    z.strictObject({ ...schemaScoped("xmlSchemaCollection"), schemas: z.array(z.string()) }),
  ),
  serverObjects: z.array(
    z.strictObject({ ...base("serverObject"), serverObjectType: z.string().min(1), definition: z.string().optional() }),
  ),
  statements: z.array(
    z.strictObject({ ...base("statement"), firstWords: z.string(), sql: z.string(), unrecognized: z.boolean() }),
  ),
});

/**
 * What SQL Server requires of an indexed view, as messages; empty when the view meets it or has no index. The view
 * must be WITH SCHEMABINDING (error 1939), its first index unique clustered (1940, 1941) — so it has exactly one —
 * and the others plain nonclustered indexes: no filter (10610), no XML, spatial, columnstore or hash index.
 */
export function indexedViewIssues(view: { isSchemaBound: boolean; indexes?: IndexDef[] | undefined }): string[] {
  const indexes = view.indexes ?? [];
  if (indexes.length === 0) return [];
  const issues: string[] = [];
  if (!view.isSchemaBound) issues.push("an indexed view must be created WITH SCHEMABINDING");
  const clustered = indexes.filter((ix) => ix.type === "clustered");
  if (clustered.length !== 1 || !clustered[0]!.isUnique)
    issues.push(
      `an indexed view has exactly one unique clustered index (this one has ${clustered.length === 0 ? "none" : clustered.length === 1 ? "a non-unique one" : clustered.length})`,
    );
  for (const ix of indexes) issues.push(...viewIndexIssues(ix).map((issue) => `index ${ix.name}: ${issue}`));
  return issues;
}

/** Why SQL Server refuses this index on any view (its kind, a filter); empty when it does not. */
export function viewIndexIssues(ix: IndexDef): string[] {
  const issues: string[] = [];
  if (ix.type !== "clustered" && ix.type !== "nonclustered")
    issues.push(`a ${ix.type} index cannot be created on a view`);
  if (ix.filter !== undefined) issues.push("a filtered index cannot be created on a view");
  return issues;
}

// Compile-time guard: the zod shape and the model type must describe the same thing, both ways.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapesMatchModel: Exact<z.infer<typeof databaseModelSchema>, DatabaseModel> = true;
void shapesMatchModel;
