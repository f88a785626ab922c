/**
 * A schema model exercising what the catalog queries cover, in the form extraction produces
 * (catalog units, server defaults left out, lists sorted by key).
 */
import { databaseObjectKey, permissionKey, schemaObjectKey } from "../../../provider/schema/keys";
import { emptyModel, type DatabaseModel, type TableDef } from "../../../provider/schema/model";

// Longer than ~80 lines on purpose: one literal fixture model (data, not logic), one block per catalog group.
export function sampleModel(): DatabaseModel {
  const model = emptyModel("SalesDb");
  model.options = {
    compatibilityLevel: 150,
    collation: "SQL_Latin1_General_CP1_CI_AS",
    recoveryModel: "FULL",
    isTrustworthy: false,
    isDbChaining: false,
    isBrokerEnabled: true,
    containment: "NONE",
    isReadCommittedSnapshotOn: true,
    allowSnapshotIsolation: false,
    isFulltextEnabled: true,
  };
  model.filegroups = [
    { kind: "filegroup", key: "[FG_Archive]", name: "FG_Archive", type: "rows", isDefault: false },
    { kind: "filegroup", key: "[PRIMARY]", name: "PRIMARY", type: "rows", isDefault: true },
  ];
  model.partitionFunctions = [
    {
      kind: "partitionFunction",
      key: "[pfByYear]",
      name: "pfByYear",
      parameterType: "date",
      rangeType: "RIGHT",
      boundaries: ["'2023-01-01'", "'2024-01-01'"],
    },
  ];
  model.partitionSchemes = [
    {
      kind: "partitionScheme",
      key: "[psByYear]",
      name: "psByYear",
      functionName: "pfByYear",
      filegroups: ["PRIMARY"],
      all: true,
    },
  ];
  model.schemas = [
    { kind: "schema", key: "[Odd]]Name]", name: "Odd]Name" },
    { kind: "schema", key: "[Sales]", name: "Sales", owner: "SalesOwner" },
  ];
  model.types = [
    {
      kind: "aliasType",
      key: schemaObjectKey("dbo", "Phone"),
      schema: "dbo",
      name: "Phone",
      baseType: "nvarchar",
      maxLength: 40,
      precision: 0,
      scale: 0,
      isNullable: true,
    },
    {
      kind: "tableType",
      key: schemaObjectKey("Sales", "OrderLines"),
      schema: "Sales",
      name: "OrderLines",
      columns: [
        { name: "Sku", typeName: "nvarchar", maxLength: 64, precision: 0, scale: 0, isNullable: false },
        { name: "Qty", typeName: "int", maxLength: 4, precision: 10, scale: 0, isNullable: false },
      ],
      primaryKey: { type: "primaryKey", clustered: false, columns: [{ name: "Sku", descending: false }] },
      uniqueConstraints: [],
      checkConstraints: [],
      indexes: [],
      isMemoryOptimized: false,
    },
  ];
  const customers: TableDef = {
    kind: "table",
    key: schemaObjectKey("Sales", "Customers"),
    schema: "Sales",
    name: "Customers",
    columns: [
      {
        name: "CustomerId",
        typeName: "int",
        maxLength: 4,
        precision: 10,
        scale: 0,
        isNullable: false,
        identity: { seed: "1", increment: "1" },
      },
      {
        name: "Name",
        typeName: "nvarchar",
        maxLength: 200,
        precision: 0,
        scale: 0,
        isNullable: false,
        collation: "Latin1_General_100_CI_AS_SC_UTF8",
      },
      { name: "Phone", typeName: "Phone", typeSchema: "dbo", maxLength: 40, precision: 0, scale: 0, isNullable: true },
      { name: "Notes", typeName: "nvarchar", maxLength: -1, precision: 0, scale: 0, isNullable: true, isSparse: true },
      {
        name: "RowGuid",
        typeName: "uniqueidentifier",
        maxLength: 16,
        precision: 0,
        scale: 0,
        isNullable: false,
        isRowGuidCol: true,
        default: { name: "DF_Customers_RowGuid", definition: "(newsequentialid())" },
      },
    ],
    primaryKey: {
      name: "PK_Customers",
      type: "primaryKey",
      clustered: true,
      columns: [{ name: "CustomerId", descending: false }],
    },
    uniqueConstraints: [
      {
        type: "unique",
        clustered: false,
        columns: [{ name: "Name", descending: false }],
        dataSpace: { kind: "filegroup", name: "FG_Archive" },
      },
    ],
    checkConstraints: [{ name: "CK_Customers_Name", definition: "(len([Name])>(0))", column: "Name" }],
    foreignKeys: [],
    indexes: [
      {
        name: "IX_Customers_Phone",
        type: "nonclustered",
        isUnique: false,
        columns: [{ name: "Phone", descending: true }],
        includedColumns: ["Name"],
        filter: "([Phone] IS NOT NULL)",
      },
    ],
    isFileTable: false,
    isMemoryOptimized: false,
  };
  const orders: TableDef = {
    kind: "table",
    key: schemaObjectKey("Sales", "Orders"),
    schema: "Sales",
    name: "Orders",
    columns: [
      {
        name: "OrderId",
        typeName: "bigint",
        maxLength: 8,
        precision: 19,
        scale: 0,
        isNullable: false,
        identity: { seed: "1000", increment: "5", notForReplication: true },
      },
      { name: "CustomerId", typeName: "int", maxLength: 4, precision: 10, scale: 0, isNullable: false },
      {
        name: "OrderDate",
        typeName: "date",
        maxLength: 3,
        precision: 10,
        scale: 0,
        isNullable: false,
        default: { definition: "(getdate())" },
      },
      { name: "Qty", typeName: "int", maxLength: 4, precision: 10, scale: 0, isNullable: false },
      { name: "Price", typeName: "decimal", maxLength: 9, precision: 18, scale: 2, isNullable: false },
      {
        name: "Total",
        typeName: "decimal",
        maxLength: 13,
        precision: 29,
        scale: 2,
        isNullable: true,
        computed: { definition: "([Qty]*[Price])", persisted: true },
      },
    ],
    primaryKey: {
      type: "primaryKey",
      clustered: true,
      columns: [
        { name: "OrderId", descending: false },
        { name: "OrderDate", descending: false },
      ],
      dataSpace: { kind: "partitionScheme", name: "psByYear", partitionColumn: "OrderDate" },
    },
    uniqueConstraints: [],
    checkConstraints: [{ definition: "([Qty]>(0))", isDisabled: true, notForReplication: true }],
    foreignKeys: [
      {
        name: "FK_Orders_Customers",
        columns: ["CustomerId"],
        referencedTable: { schema: "Sales", name: "Customers" },
        referencedColumns: ["CustomerId"],
        onDelete: "CASCADE",
        onUpdate: "NO_ACTION",
      },
    ],
    indexes: [
      {
        name: "CCI_Orders_Archive",
        type: "nonclusteredColumnstore",
        isUnique: false,
        columns: [
          { name: "OrderDate", descending: false },
          { name: "Qty", descending: false },
        ],
        includedColumns: [],
      },
    ],
    dataSpace: { kind: "partitionScheme", name: "psByYear", partitionColumn: "OrderDate" },
    isFileTable: false,
    isMemoryOptimized: false,
  };
  const odd: TableDef = {
    kind: "table",
    key: schemaObjectKey("Odd]Name", "Table]With]Brackets"),
    schema: "Odd]Name",
    name: "Table]With]Brackets",
    columns: [{ name: "Col]1", typeName: "varchar", maxLength: 10, precision: 0, scale: 0, isNullable: true }],
    uniqueConstraints: [],
    checkConstraints: [],
    foreignKeys: [],
    indexes: [],
    dataSpace: { kind: "filegroup", name: "FG_Archive" },
    lobFilegroup: "FG_Archive",
    isFileTable: false,
    isMemoryOptimized: false,
  };
  model.tables = [odd, customers, orders];
  model.views = [
    {
      kind: "view",
      key: schemaObjectKey("Sales", "vOrders"),
      schema: "Sales",
      name: "vOrders",
      definition: "CREATE VIEW Sales.vOrders WITH SCHEMABINDING AS SELECT OrderId FROM Sales.Orders",
      isSchemaBound: true,
      // An indexed view: its indexes are sys.indexes rows of the view (extraction gives them in name order).
      indexes: [
        {
          name: "CIX_vOrders",
          type: "clustered",
          isUnique: true,
          columns: [{ name: "OrderId", descending: false }],
          includedColumns: [],
        },
        {
          name: "IX_vOrders_Desc",
          type: "nonclustered",
          isUnique: false,
          columns: [{ name: "OrderId", descending: true }],
          includedColumns: [],
          dataSpace: { kind: "filegroup", name: "FG_Archive" },
        },
      ],
    },
    {
      kind: "view",
      key: schemaObjectKey("Sales", "vPlain"),
      schema: "Sales",
      name: "vPlain",
      definition: "CREATE VIEW Sales.vPlain AS SELECT 1 AS x",
      isSchemaBound: false,
    },
  ];
  model.functions = [
    {
      kind: "function",
      key: schemaObjectKey("dbo", "fnTax"),
      schema: "dbo",
      name: "fnTax",
      definition: "CREATE FUNCTION dbo.fnTax(@p decimal(18,2)) RETURNS decimal(18,2) AS BEGIN RETURN @p * 0.2 END",
      functionType: "scalar",
      isSchemaBound: false,
    },
    {
      kind: "function",
      key: schemaObjectKey("dbo", "tvfOrders"),
      schema: "dbo",
      name: "tvfOrders",
      definition: "CREATE FUNCTION dbo.tvfOrders() RETURNS TABLE AS RETURN SELECT 1 AS x",
      functionType: "inlineTable",
      isSchemaBound: false,
    },
  ];
  model.procedures = [
    {
      kind: "procedure",
      key: schemaObjectKey("Sales", "pPlace"),
      schema: "Sales",
      name: "pPlace",
      definition: "CREATE PROCEDURE Sales.pPlace AS SELECT 1",
    },
    {
      kind: "procedure",
      key: `${schemaObjectKey("Sales", "pPlace")};2`,
      schema: "Sales",
      name: "pPlace",
      definition: "CREATE PROCEDURE Sales.pPlace;2 AS SELECT 2",
      procedureNumber: 2,
    },
  ];
  model.triggers = [
    {
      kind: "trigger",
      key: databaseObjectKey("trgDdlAudit"),
      schema: "",
      name: "trgDdlAudit",
      definition: "CREATE TRIGGER trgDdlAudit ON DATABASE FOR DDL_DATABASE_LEVEL_EVENTS AS PRINT 1",
      scope: "database",
      events: ["DDL_DATABASE_LEVEL_EVENTS"],
      timing: "AFTER",
      isDisabled: true,
    },
    {
      kind: "trigger",
      key: schemaObjectKey("Sales", "trgOrders"),
      schema: "Sales",
      name: "trgOrders",
      definition: "CREATE TRIGGER Sales.trgOrders ON Sales.Orders AFTER INSERT, UPDATE AS SET NOCOUNT ON",
      scope: "table",
      parent: { schema: "Sales", name: "Orders" },
      events: ["INSERT", "UPDATE"],
      timing: "AFTER",
      isDisabled: false,
    },
  ];
  model.sequences = [
    {
      kind: "sequence",
      key: schemaObjectKey("Sales", "OrderNumbers"),
      schema: "Sales",
      name: "OrderNumbers",
      typeName: "bigint",
      startValue: "1",
      increment: "1",
      isCycling: false,
    },
    {
      kind: "sequence",
      key: schemaObjectKey("Sales", "Tickets"),
      schema: "Sales",
      name: "Tickets",
      typeName: "decimal(10,0)",
      startValue: "100",
      increment: "10",
      minValue: "100",
      maxValue: "1000",
      isCycling: true,
      cacheSize: 0,
    },
  ];
  model.synonyms = [
    {
      kind: "synonym",
      key: schemaObjectKey("dbo", "RemoteCustomers"),
      schema: "dbo",
      name: "RemoteCustomers",
      baseObjectName: "[OtherDb].[dbo].[Customers]",
    },
  ];
  model.users = [
    { kind: "user", key: "[app]", name: "app", authentication: "sql", loginName: "app_login", defaultSchema: "Sales" },
    { kind: "user", key: "[contained]", name: "contained", authentication: "sql", hasPassword: true },
    { kind: "user", key: "[pipeline@contoso.com]", name: "pipeline@contoso.com", authentication: "external" },
    { kind: "user", key: "[reporting]", name: "reporting", authentication: "withoutLogin" },
  ];
  model.roles = [{ kind: "role", key: "[SalesReaders]", name: "SalesReaders", members: ["app", "reporting"] }];
  const permissions = [
    {
      state: "GRANT" as const,
      permission: "SELECT",
      securable: { class: "schema" as const, name: "Sales" },
      principal: "SalesReaders",
    },
    {
      state: "DENY" as const,
      permission: "DELETE",
      securable: { class: "object" as const, schema: "Sales", name: "Orders" },
      principal: "app",
    },
    {
      state: "GRANT_WITH_GRANT_OPTION" as const,
      permission: "VIEW DEFINITION",
      securable: { class: "database" as const },
      principal: "reporting",
    },
  ];
  model.permissions = permissions.map((p) => ({
    kind: "permission" as const,
    key: permissionKey(p),
    name: p.permission,
    ...p,
  }));
  model.assemblies = [{ kind: "assembly", key: "[ClrUtils]", name: "ClrUtils", permissionSet: "UNSAFE" }];
  model.queues = [
    {
      kind: "queue",
      key: schemaObjectKey("dbo", "OrderQueue"),
      schema: "dbo",
      name: "OrderQueue",
      activationProcedure: { schema: "Sales", name: "pPlace" },
    },
  ];
  model.services = [
    {
      kind: "service",
      key: "[//Sales/OrderService]",
      name: "//Sales/OrderService",
      queue: { schema: "dbo", name: "OrderQueue" },
      contracts: ["//Sales/OrderContract"],
    },
  ];
  model.fulltextCatalogs = [{ kind: "fulltextCatalog", key: "[ftSales]", name: "ftSales", isDefault: true }];
  return model;
}

/** A model with `count` small tables (for the "queries do not grow with objects" test). */
export function modelWithTables(count: number): DatabaseModel {
  const model = emptyModel("SalesDb");
  for (let i = 0; i < count; i++) {
    model.tables.push({
      kind: "table",
      key: schemaObjectKey("dbo", `T${String(i).padStart(4, "0")}`),
      schema: "dbo",
      name: `T${String(i).padStart(4, "0")}`,
      columns: [{ name: "Id", typeName: "int", maxLength: 4, precision: 10, scale: 0, isNullable: false }],
      primaryKey: {
        name: `PK_T${i}`,
        type: "primaryKey",
        clustered: true,
        columns: [{ name: "Id", descending: false }],
      },
      uniqueConstraints: [],
      checkConstraints: [],
      foreignKeys: [],
      indexes: [
        {
          name: `IX_T${i}`,
          type: "nonclustered",
          isUnique: false,
          columns: [{ name: "Id", descending: false }],
          includedColumns: [],
        },
      ],
      isFileTable: false,
      isMemoryOptimized: false,
    });
  }
  return model;
}
