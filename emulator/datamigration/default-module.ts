/**
 * The Microsoft.DataMigration instance the emulator serves by default (listed in emulator/modules.ts). The
 * standalone emulator can start with a server catalog: EMULATOR_DMS_CATALOG names a JSON file holding an
 * array of SqlServerDefinition; more can be added over /_emulator/datamigration/servers.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { createDataMigrationModule, type DataMigrationModule } from "./module";
import { sqlServerDefinitionSchema, type SqlServerDefinition } from "./source-catalog";

function catalogFromEnvironment(env: NodeJS.ProcessEnv = process.env): SqlServerDefinition[] {
  const file = env["EMULATOR_DMS_CATALOG"];
  if (!file) return [];
  return z.array(sqlServerDefinitionSchema).parse(JSON.parse(readFileSync(file, "utf8")));
}

export const microsoftDataMigrationModule: DataMigrationModule = createDataMigrationModule({
  servers: () => catalogFromEnvironment(),
});
