/**
 * Body and query helpers of the Microsoft.DataMigration handlers: the core's (emulator/arm/request-body.ts),
 * so classic and current routes word a refused body the same way.
 */
export { queryFlag, queryValue, readBody } from "../arm/request-body";
