/**
 * The resource modules the emulator serves, in registration order. A new namespace is added here; see
 * services.ts for the ResourceModule contract.
 */
import { microsoftDataMigrationModule } from "./datamigration/default-module";
import { microsoftResourcesModule } from "./resources";
import type { ResourceModule } from "./services";
import { microsoftSqlModule } from "./sql";

export const BUILTIN_MODULES: readonly ResourceModule[] = [
  microsoftResourcesModule,
  microsoftSqlModule,
  microsoftDataMigrationModule,
];
