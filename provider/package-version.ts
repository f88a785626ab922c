/** The version of this package, from the package.json above the calling file (dist/... or the sources). */
import { promises as fs } from "node:fs";
import * as path from "node:path";

export const PACKAGE_NAME = "pulumi-azure-sql-migration";

/** Walks up from `fromDir` to the package.json named PACKAGE_NAME; "unknown" when there is none. */
export async function packageVersion(fromDir: string = __dirname): Promise<string> {
  let dir = fromDir;
  for (;;) {
    try {
      const pkg = JSON.parse(await fs.readFile(path.join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === "string") return pkg.version;
    } catch {
      // not here: go up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}
