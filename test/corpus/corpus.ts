/**
 * Real-world public schemas the schema step is checked against (issue: trust on real databases). The files are
 * not in this repository: the project commits none of what its tools fetch, and CI reaches no code host. Point
 * SCHEMA_CORPUS_DIR at a folder holding them (scripts/schema-corpus.sh makes one from a clone of
 * microsoft/sql-server-samples, MIT); without it the corpus suite reports itself as skipped, saying why.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const CORPUS_ENV = "SCHEMA_CORPUS_DIR";

export interface CorpusEntry {
  name: string;
  /** Relative to SCHEMA_CORPUS_DIR: a folder (SSDT project) or one install script. */
  relativePath: string;
  /** The database the scripts build, so three-part names naming it are not cross-database references. */
  databaseName: string;
  style: string;
  /** True cross-database references (`database.schema.object`) the schema really makes; anything else is false. */
  crossDatabaseReferences: string[];
}

/** The samples and where they live in microsoft/sql-server-samples (MIT licence). */
export const CORPUS: CorpusEntry[] = [
  {
    name: "WideWorldImporters",
    relativePath: "samples/databases/wide-world-importers/wwi-ssdt/wwi-ssdt",
    databaseName: "WideWorldImporters",
    style: "SSDT project (~340 files): temporal tables, masked columns, spatial and JSON, in-memory tables, partitions",
    crossDatabaseReferences: [],
  },
  {
    name: "AdventureWorks",
    relativePath: "samples/databases/adventure-works/oltp-install-script/instawdb.sql",
    databaseName: "AdventureWorks",
    style: "one-file install script (BOM, CRLF, sqlcmd variables): CLR types (hierarchyid, geography, xml), triggers",
    // instawdb.sql line 87, the install script's own guard before DROP DATABASE: IF EXISTS (SELECT [name] FROM
    // [master].[sys].[databases] ...). A real reference to master, reported whenever the reader keeps that statement.
    crossDatabaseReferences: ["master.sys.databases"],
  },
  {
    name: "Northwind",
    relativePath: "samples/databases/northwind-pubs/instnwnd.sql",
    databaseName: "Northwind",
    style: "one-file install script with data inserts, no semicolons",
    crossDatabaseReferences: [],
  },
  {
    name: "pubs",
    relativePath: "samples/databases/northwind-pubs/instpubs.sql",
    databaseName: "pubs",
    style: "one-file install script with data inserts, old-style T-SQL",
    crossDatabaseReferences: [],
  },
];

/** The corpus folder, or undefined with the reason it cannot be used. */
export function corpusRoot(env: NodeJS.ProcessEnv = process.env): { root?: string; reason?: string } {
  const root = env[CORPUS_ENV];
  if (!root)
    return {
      reason: `no ${CORPUS_ENV} set (scripts/schema-corpus.sh <clone of microsoft/sql-server-samples> makes the folder)`,
    };
  const missing = CORPUS.filter((entry) => !fs.existsSync(path.join(root, entry.relativePath)));
  if (missing.length) return { reason: `${CORPUS_ENV}=${root} lacks ${missing.map((m) => m.relativePath).join(", ")}` };
  return { root };
}
