/** Every assessment rule, in id order. Adding a rule means adding its file and one line here. */
import type { AssessmentRule } from "../types";
import { bulkFromLocalPath } from "./bulk-local-path";
import { clrAssemblies } from "./clr";
import { crossDatabaseReferences } from "./cross-database";
import { databaseMail } from "./database-mail";
import { databaseOptions } from "./database-options";
import { dbccAndTraceFlags } from "./dbcc";
import { deprecatedFeatures } from "./deprecated-features";
import { deprecatedTypes } from "./deprecated-types";
import { extendedProcedures } from "./extended-procedures";
import { filegroupPlacement } from "./filegroup-placement";
import { fileTable, filestream } from "./filestream";
import { inMemoryOltp } from "./in-memory-oltp";
import { linkedServerReferences } from "./linked-server";
import { removedSyntax } from "./removed-syntax";
import { serverObjects, serverTriggers } from "./server-scope";
import { serviceBroker } from "./service-broker";
import { spConfigure } from "./sp-configure";
import { sqlAgent } from "./sql-agent";
import { useStatements } from "./use-statement";
import { windowsUsers } from "./windows-users";

export const ASSESSMENT_RULES: readonly AssessmentRule[] = [
  crossDatabaseReferences,
  linkedServerReferences,
  clrAssemblies,
  filestream,
  fileTable,
  serviceBroker,
  sqlAgent,
  extendedProcedures,
  databaseMail,
  useStatements,
  serverTriggers,
  serverObjects,
  windowsUsers,
  dbccAndTraceFlags,
  spConfigure,
  bulkFromLocalPath,
  filegroupPlacement,
  deprecatedTypes,
  removedSyntax,
  deprecatedFeatures,
  inMemoryOltp,
  databaseOptions,
];
