/**
 * The children of tables and table types (columns, key, check and foreign key constraints, indexes, full-text
 * index, edge constraints) and the indexes of indexed views, by object_id. A column or a check is one row and is
 * assembled as its row arrives; a key, foreign key or index spans rows and is assembled when its query's result
 * set is complete. Either way the rows are dropped before the next query, never all held until the end.
 */
import type {
  CheckConstraintDef,
  ColumnDef,
  EdgeConstraintDef,
  ForeignKeyDef,
  FulltextIndexColumn,
  FulltextIndexDef,
  GeneratedAlwaysType,
  IndexColumn,
  IndexDef,
  IndexType,
  KeyConstraintDef,
  ReferentialAction,
  SpatialIndexSpec,
} from "../schema/model";
import type { CatalogRows } from "./catalog-queries";
import { dataSpace, groupBy, num, str } from "./catalog-assembly-values";

/** The catalog queries whose rows belong to a table, table type or view, found by object_id. */
export const CHILD_QUERIES = [
  "columns",
  "keyConstraints",
  "checkConstraints",
  "foreignKeys",
  "indexes",
  "fulltextIndexes",
  "edgeConstraints",
] as const;
export type ChildQueryName = (typeof CHILD_QUERIES)[number];

/** Definitions of the children, by the object_id of their table, table type or view. */
export interface ChildDefs {
  columns: Map<number | null, ColumnDef[]>;
  keyConstraints: Map<number | null, KeyConstraintDef[]>;
  checkConstraints: Map<number | null, CheckConstraintDef[]>;
  foreignKeys: Map<number | null, ForeignKeyDef[]>;
  indexes: Map<number | null, IndexDef[]>;
  fulltextIndexes: Map<number | null, FulltextIndexDef>;
  edgeConstraints: Map<number | null, EdgeConstraintDef[]>;
}

export function emptyChildDefs(): ChildDefs {
  return {
    columns: new Map(),
    keyConstraints: new Map(),
    checkConstraints: new Map(),
    foreignKeys: new Map(),
    indexes: new Map(),
    fulltextIndexes: new Map(),
    edgeConstraints: new Map(),
  };
}

export function isChildQuery(name: string): name is ChildQueryName {
  return (CHILD_QUERIES as readonly string[]).includes(name);
}

/** Where one query's rows go as they arrive; `end` when the result set is complete. */
export interface ResultSetSink {
  row(row: object): void;
  end(): void;
}

/** A child whose definition comes from one row (a column, a check): folded row by row, no row kept. */
function rowByRow<R extends { object_id: number | null }, D>(
  target: Map<number | null, D[]>,
  assemble: (row: R) => D,
): ResultSetSink {
  return {
    row(row) {
      const objectId = (row as R).object_id;
      const list = target.get(objectId);
      if (list) list.push(assemble(row as R));
      else target.set(objectId, [assemble(row as R)]);
    },
    end() {},
  };
}

/**
 * A child made of several rows (a key's columns, an index's columns...): the query's rows are kept until it is
 * complete, then grouped by object_id into definitions and dropped.
 */
function byObject<R extends { object_id: number | null }, D>(
  target: Map<number | null, D>,
  assemble: (group: R[]) => D,
): ResultSetSink {
  let rows: R[] = [];
  return {
    row(row) {
      rows.push(row as R);
    },
    end() {
      for (const [objectId, group] of groupBy(rows, (row) => row.object_id)) target.set(objectId, assemble(group));
      rows = [];
    },
  };
}

/** Where one child query's rows go, into `defs`. Columns need the database's collation. */
export function childRowSink(
  defs: ChildDefs,
  name: ChildQueryName,
  databaseCollation: string | undefined,
): ResultSetSink {
  switch (name) {
    case "columns":
      return rowByRow(defs.columns, (row: CatalogRows["columns"][number]) => assembleColumn(row, databaseCollation));
    case "checkConstraints":
      return rowByRow(defs.checkConstraints, assembleCheck);
    case "keyConstraints":
      return byObject(defs.keyConstraints, assembleKeyConstraints);
    case "foreignKeys":
      return byObject(defs.foreignKeys, assembleForeignKeys);
    case "indexes":
      return byObject(defs.indexes, assembleIndexes);
    case "fulltextIndexes":
      return byObject(defs.fulltextIndexes, assembleFulltextIndex);
    case "edgeConstraints":
      return byObject(defs.edgeConstraints, assembleEdgeConstraints);
  }
}

function assembleColumn(row: CatalogRows["columns"][number], databaseCollation: string | undefined): ColumnDef {
  const column: ColumnDef = {
    name: str(row.name),
    typeName: str(row.type_name),
    maxLength: num(row.max_length),
    precision: num(row.precision),
    scale: num(row.scale),
    isNullable: row.is_nullable === true,
  };
  if (row.type_schema) column.typeSchema = row.type_schema;
  if (row.identity_seed !== null && row.identity_seed !== undefined) {
    column.identity = { seed: row.identity_seed, increment: str(row.identity_increment) };
    if (row.identity_not_for_replication) column.identity.notForReplication = true;
  }
  if (row.computed_definition)
    column.computed = { definition: row.computed_definition, persisted: row.computed_is_persisted === true };
  if (row.default_definition) {
    column.default = { definition: row.default_definition };
    if (row.default_name && !row.default_is_system_named) column.default.name = row.default_name;
  }
  if (row.collation_name && row.collation_name !== databaseCollation) column.collation = row.collation_name;
  if (row.is_rowguidcol) column.isRowGuidCol = true;
  if (row.is_filestream) column.isFilestream = true;
  if (row.is_sparse) column.isSparse = true;
  if (row.is_column_set) column.isColumnSet = true;
  const generated = GENERATED_ALWAYS_TYPES[num(row.generated_always_type)];
  if (generated) column.generatedAlways = generated;
  if (row.is_hidden) column.isHidden = true;
  if (row.masking_function) column.mask = row.masking_function;
  if (row.xml_collection_name)
    column.xmlSchema = {
      collection: { schema: str(row.xml_collection_schema), name: row.xml_collection_name },
      document: row.is_xml_document === true,
    };
  return column;
}

/** sys.columns.generated_always_type: 1/2 row start/end, 7/8 transaction id, 9/10 sequence number. */
const GENERATED_ALWAYS_TYPES: Record<number, GeneratedAlwaysType> = {
  1: "rowStart",
  2: "rowEnd",
  7: "transactionIdStart",
  8: "transactionIdEnd",
  9: "sequenceNumberStart",
  10: "sequenceNumberEnd",
};

const CHANGE_TRACKING = new Set(["AUTO", "MANUAL", "OFF"]);

function assembleFulltextIndex(rows: CatalogRows["fulltextIndexes"]): FulltextIndexDef {
  const first = rows[0];
  const tracking = str(first.change_tracking_state_desc).toUpperCase();
  const index: FulltextIndexDef = {
    keyIndex: str(first.key_index),
    columns: rows
      .filter((row) => row.column_name)
      .map((row) => {
        const column: FulltextIndexColumn = { name: str(row.column_name) };
        if (row.type_column) column.typeColumn = row.type_column;
        if (row.language_id !== null && row.language_id !== undefined) column.language = String(row.language_id);
        if (row.statistical_semantics) column.statisticalSemantics = true;
        return column;
      }),
    changeTracking: (CHANGE_TRACKING.has(tracking) ? tracking : "AUTO") as FulltextIndexDef["changeTracking"],
  };
  if (first.catalog_name) index.catalog = first.catalog_name;
  if (first.stoplist_id === null || first.stoplist_id === undefined) index.stoplist = "OFF";
  else if (first.stoplist_id !== 0 && first.stoplist_name) index.stoplist = first.stoplist_name;
  return index;
}

function assembleEdgeConstraints(rows: CatalogRows["edgeConstraints"]): EdgeConstraintDef[] {
  return [...groupBy(rows, (row) => row.name).values()].map((group) => {
    const first = group[0];
    const constraint: EdgeConstraintDef = {
      connections: group.map((row) => ({
        from: { schema: str(row.from_schema), name: str(row.from_name) },
        to: { schema: str(row.to_schema), name: str(row.to_name) },
      })),
      onDelete: str(first.delete_referential_action_desc).toUpperCase() === "CASCADE" ? "CASCADE" : "NO_ACTION",
    };
    if (first.name && !first.is_system_named) constraint.name = first.name;
    return constraint;
  });
}

function assembleKeyConstraints(rows: CatalogRows["keyConstraints"]): KeyConstraintDef[] {
  return [...groupBy(rows, (row) => row.name).values()].map((group) => {
    const first = group[0];
    const constraint: KeyConstraintDef = {
      type: first.type?.trim() === "PK" ? "primaryKey" : "unique",
      clustered: first.index_type === 1,
      columns: group.map((row) => ({ name: str(row.column_name), descending: row.is_descending_key === true })),
    };
    if (first.name && !first.is_system_named) constraint.name = first.name;
    const space = dataSpace(
      first.data_space_name,
      first.data_space_type,
      first.data_space_is_default,
      first.partition_column,
    );
    if (space) constraint.dataSpace = space;
    return constraint;
  });
}

function assembleCheck(row: CatalogRows["checkConstraints"][number]): CheckConstraintDef {
  const check: CheckConstraintDef = { definition: str(row.definition) };
  if (row.name && !row.is_system_named) check.name = row.name;
  if (row.column_name) check.column = row.column_name;
  if (row.is_disabled) check.isDisabled = true;
  if (row.is_not_for_replication) check.notForReplication = true;
  return check;
}

function assembleForeignKeys(rows: CatalogRows["foreignKeys"]): ForeignKeyDef[] {
  return [...groupBy(rows, (row) => row.name).values()].map((group) => {
    const first = group[0];
    const fk: ForeignKeyDef = {
      columns: group.map((row) => str(row.column_name)),
      referencedTable: { schema: str(first.referenced_schema), name: str(first.referenced_table) },
      referencedColumns: group.map((row) => str(row.referenced_column)),
      onDelete: (first.delete_referential_action_desc ?? "NO_ACTION") as ReferentialAction,
      onUpdate: (first.update_referential_action_desc ?? "NO_ACTION") as ReferentialAction,
    };
    if (first.name && !first.is_system_named) fk.name = first.name;
    if (first.is_disabled) fk.isDisabled = true;
    if (first.is_not_for_replication) fk.notForReplication = true;
    return fk;
  });
}

const INDEX_TYPES: Record<number, IndexType> = {
  1: "clustered",
  2: "nonclustered",
  3: "xml",
  4: "spatial",
  5: "clusteredColumnstore",
  6: "nonclusteredColumnstore",
  7: "hash",
};

function assembleIndexes(rows: CatalogRows["indexes"]): IndexDef[] {
  return [...groupBy(rows, (row) => row.name).values()].map((group) => {
    const first = group[0];
    const type = INDEX_TYPES[num(first.type)] ?? "nonclustered";
    const withColumns = group.filter((row) => row.column_name);
    const byColumnId = [...withColumns].sort((a, b) => num(a.index_column_id) - num(b.index_column_id));
    let columns: IndexColumn[];
    let includedColumns: string[];
    if (type === "clusteredColumnstore") {
      columns = [];
      includedColumns = [];
    } else if (type === "nonclusteredColumnstore") {
      columns = byColumnId.map((row) => ({ name: str(row.column_name), descending: false }));
      includedColumns = [];
    } else {
      columns = withColumns
        .filter((row) => num(row.key_ordinal) > 0)
        .sort((a, b) => num(a.key_ordinal) - num(b.key_ordinal))
        .map((row) => ({ name: str(row.column_name), descending: row.is_descending_key === true }));
      includedColumns = byColumnId.filter((row) => row.is_included_column).map((row) => str(row.column_name));
    }
    const index: IndexDef = {
      name: str(first.name),
      type,
      isUnique: first.is_unique === true,
      columns,
      includedColumns,
    };
    if (first.filter_definition) index.filter = first.filter_definition;
    const space = dataSpace(
      first.data_space_name,
      first.data_space_type,
      first.data_space_is_default,
      first.partition_column,
    );
    if (space) index.dataSpace = space;
    if (first.bucket_count !== null && first.bucket_count !== undefined) index.bucketCount = first.bucket_count;
    if (type === "xml" && first.xml_index_type !== null && first.xml_index_type !== undefined) {
      index.xml = { primary: first.xml_index_type === 0 };
      const secondary = str(first.xml_secondary_type_desc).toUpperCase();
      if (
        first.xml_index_type === 1 &&
        first.xml_using_index &&
        (secondary === "PATH" || secondary === "VALUE" || secondary === "PROPERTY")
      ) {
        index.xml.usingIndex = first.xml_using_index;
        index.xml.secondaryType = secondary;
      }
    }
    const scheme = str(first.tessellation_scheme).toUpperCase();
    if (type === "spatial" && SPATIAL_SCHEMES.has(scheme)) {
      const spatial: SpatialIndexSpec = { tessellation: scheme as SpatialIndexSpec["tessellation"] };
      if (first.bounding_box) spatial.boundingBox = first.bounding_box.split(",").map((v) => String(Number(v)));
      const grids = str(first.grids).toUpperCase().split(",");
      if (
        !scheme.endsWith("_AUTO_GRID") &&
        grids.length === 4 &&
        grids.every((g) => g === "LOW" || g === "MEDIUM" || g === "HIGH")
      )
        spatial.grids = grids as SpatialIndexSpec["grids"];
      if (first.cells_per_object !== null && first.cells_per_object !== undefined)
        spatial.cellsPerObject = first.cells_per_object;
      index.spatial = spatial;
    }
    return index;
  });
}

const SPATIAL_SCHEMES = new Set(["GEOMETRY_GRID", "GEOMETRY_AUTO_GRID", "GEOGRAPHY_GRID", "GEOGRAPHY_AUTO_GRID"]);
