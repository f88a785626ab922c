import { BUILTIN_MODULES } from "../modules";
import type { ResourceModule } from "../services";
import type { DataMigrationModule } from "./module";
import { NAMESPACE } from "./paths";

/** The built-in modules with `module` in place of the default Microsoft.DataMigration one (for tests). */
export function withDataMigrationModule(
  module: DataMigrationModule,
  base: readonly ResourceModule[] = BUILTIN_MODULES,
): ResourceModule[] {
  return [...base.filter((m) => m.name !== NAMESPACE), module];
}
