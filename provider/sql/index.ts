/**
 * The SQL Server data plane: connections (SQL or Microsoft Entra ID authentication), catalog
 * extraction into the schema model, batch deployment with resume, and row counts / checksums.
 * Each concern lives in its own module; this file only re-exports them.
 */
export { buildMssqlConfig, withConnection } from "./connection";
export { sqlConnectionSpecSchema, type SqlAuthentication, type SqlConnectionSpec } from "./connection-spec";
export { SqlError, type SqlErrorKind } from "./errors";
export type { QueryResult, SqlParam, SqlParamType, SqlSession } from "./session";
export { CATALOG_QUERY_COUNT, extractCatalog, extractCatalogFromSession } from "./catalog";
export {
  deployBatches,
  deployBatchesWithSession,
  type DeploymentBatch,
  type DeploymentFailure,
  type DeploymentResult,
  type DeployOptions,
} from "./deploy";
export {
  compareTableFigures,
  readTableFigures,
  readTableFiguresWithSession,
  type TableComparison,
  type TableFigures,
  type VerifyOptions,
} from "./verify";
export { getAzureSqlAccessToken, AZURE_SQL_SCOPE } from "./entra-token";
