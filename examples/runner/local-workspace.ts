import * as fs from "fs";
import * as path from "path";
import { PACKAGE_NAME } from "../../components/lazy-provider";

/** The folder of this package's package.json, found from this file whether it runs from source or from dist/. */
export function packageRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${start}`);
  }
}

/**
 * Makes `<package>/.work/node_modules/pulumi-azure-sql-migration` a link to the package root and answers that
 * node_modules folder: stacks under .work resolve the package from it, and a program elsewhere in the repository
 * (the root Pulumi.yaml's) does with NODE_PATH pointing at it.
 */
export function linkPackageForStacks(): string {
  const root = packageRoot();
  const nodeModules = path.join(root, ".work", "node_modules");
  const link = path.join(nodeModules, PACKAGE_NAME);
  fs.mkdirSync(nodeModules, { recursive: true });
  if (!fs.existsSync(link)) {
    try {
      fs.symlinkSync(root, link, "dir");
    } catch (error) {
      // Two runs preparing at once: the other one made the link.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return nodeModules;
}

/**
 * A fresh working directory for one stack, under `<package>/.work/stacks`, from which the package resolves itself
 * by name.
 *
 * Dynamic providers load their implementation with `require("pulumi-azure-sql-migration/...")` from the provider
 * process, whose module lookup starts at the stack's working directory. An installed package is found in
 * node_modules as usual; inside this repository a `.work/node_modules/pulumi-azure-sql-migration` link to the
 * package root plays that part (and `@pulumi/pulumi` is found in the repository's own node_modules above).
 */
export function createStackWorkDir(label: string): string {
  const work = path.dirname(linkPackageForStacks());
  fs.mkdirSync(path.join(work, "stacks"), { recursive: true });
  const safe = label.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 40);
  return fs.mkdtempSync(path.join(work, "stacks", `${safe}-`));
}
