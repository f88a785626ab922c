/**
 * The resource modules the emulator serves, in registration order. A new namespace (e.g. the
 * Microsoft.DataMigration module) is added here; see services.ts for the ResourceModule contract.
 */
import { microsoftDataMigrationModule } from "./datamigration/default-module";
import { microsoftResourcesModule } from "./resources";
import type { ResourceModule } from "./services";

export const BUILTIN_MODULES: readonly ResourceModule[] = [microsoftResourcesModule, microsoftDataMigrationModule];
