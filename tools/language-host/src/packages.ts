/**
 * What a program's node_modules say about it: the resource plugins its packages need (packages whose package.json
 * has `"pulumi": { "resource": true }`, as the official host finds them), the copies of @pulumi/pulumi it holds, and
 * its dependencies with their installed versions.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface PulumiPackageField {
  resource?: boolean;
  name?: string;
  version?: string;
  server?: string;
  parameterization?: { name: string; version: string; value: string };
}

interface PackageJson {
  name?: string;
  version?: string;
  pulumi?: PulumiPackageField;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface RequiredPackage {
  name: string;
  kind: "resource";
  /** With a leading `v`, as the engine expects. */
  version: string;
  server?: string;
  parameterization?: { name: string; version: string; value: string };
  /** The package.json it came from. */
  from: string;
}

export interface PackageScan {
  packages: RequiredPackage[];
  /** Every @pulumi/pulumi found: package.json path → version. */
  pulumiSdks: Map<string, string>;
  /** Unreadable or malformed files, reported but not fatal (the official host only logs them). */
  problems: string[];
}

function readJson(file: string): PackageJson | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The plugin a package.json declares, named and versioned the way the official host names them. */
export function pluginOf(info: PackageJson, from: string): RequiredPackage | string | undefined {
  if (!info.pulumi?.resource) return undefined;
  let name = info.pulumi.name;
  if (!name) {
    if (!info.name) return `${from}: missing "name"`;
    if (!info.name.startsWith("@pulumi/")) return `${from}: third-party plugin package without "pulumi.name"`;
    name = info.name.slice("@pulumi/".length);
  }
  const raw = info.pulumi.version ?? info.version;
  if (!raw) return `${from}: missing "version"`;
  return {
    name,
    kind: "resource",
    version: raw.startsWith("v") ? raw : `v${raw}`,
    ...(info.pulumi.server ? { server: info.pulumi.server } : {}),
    ...(info.pulumi.parameterization ? { parameterization: info.pulumi.parameterization } : {}),
    from,
  };
}

/**
 * Walks `root` the way the official host does: every folder below it (following links once, by real path),
 * reading package.json files only inside node_modules, and not entering policy packs or .git.
 */
export function scanPackages(root: string): PackageScan {
  const scan: PackageScan = { packages: [], pulumiSdks: new Map(), problems: [] };
  const visited = new Set<string>();
  const walk = (dir: string, inNodeModules: boolean): void => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (error) {
      scan.problems.push(`${dir}: ${(error as Error).message}`);
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      scan.problems.push(`${dir}: ${(error as Error).message}`);
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = fs.statSync(full).isDirectory();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) {
        if (entry.name === ".git") continue;
        if (fs.existsSync(path.join(full, "PulumiPolicy.yaml"))) continue;
        walk(full, inNodeModules || path.basename(dir) === "node_modules");
      } else if (inNodeModules && entry.name === "package.json") {
        const info = readJson(full);
        if (!info) {
          scan.problems.push(`${full}: not valid JSON`);
          continue;
        }
        if (info.name === "@pulumi/pulumi" && info.version) scan.pulumiSdks.set(full, info.version);
        const plugin = pluginOf(info, full);
        if (typeof plugin === "string") scan.problems.push(plugin);
        else if (plugin) scan.packages.push(plugin);
      }
    }
  };
  walk(root, false);
  return scan;
}

/** The official host's warning: copies of @pulumi/pulumi of different major versions cannot work together. */
export function incompatibleSdks(sdks: Map<string, string>): string | undefined {
  const entries = [...sdks.entries()];
  const [firstPath, firstVersion] = entries[0] ?? [];
  for (const [where, version] of entries.slice(1)) {
    if (version.split(".")[0] !== firstVersion!.split(".")[0]) {
      return (
        "Found incompatible versions of @pulumi/pulumi. Differing major versions are not supported.\n" +
        `  Version ${firstVersion} referenced at ${firstPath}\n  Version ${version} referenced at ${where}\n`
      );
    }
  }
  return undefined;
}

export interface Dependency {
  name: string;
  version: string;
}

/** Name and installed version of one package folder, or undefined when it is not a package. */
function installed(dir: string): Dependency | undefined {
  const info = readJson(path.join(dir, "package.json"));
  return info?.name && info.version ? { name: info.name, version: info.version } : undefined;
}

/** The package folders directly inside a node_modules folder (scoped ones included). */
function packageDirs(nodeModules: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(nodeModules, { withFileTypes: true });
  } catch {
    return [];
  }
  const dirs: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(nodeModules, entry.name);
    if (entry.name.startsWith("@")) {
      for (const scoped of fs.readdirSync(full, { withFileTypes: true })) dirs.push(path.join(full, scoped.name));
    } else {
      dirs.push(full);
    }
  }
  return dirs;
}

/**
 * The program's dependencies with their installed versions: the ones its package.json lists (the version found in
 * node_modules, or the declared range when not installed), or with `transitive` every package installed under its
 * node_modules, nested copies included.
 */
export function programDependencies(programDir: string, transitive: boolean): Dependency[] {
  const manifestDir = findManifestDir(programDir);
  if (!manifestDir) return [];
  const found = new Map<string, Dependency>();
  if (transitive) {
    const walk = (nodeModules: string): void => {
      for (const dir of packageDirs(nodeModules)) {
        const dep = installed(dir);
        if (dep) found.set(`${dep.name}@${dep.version}`, dep);
        walk(path.join(dir, "node_modules"));
      }
    };
    walk(path.join(manifestDir, "node_modules"));
  } else {
    const manifest = readJson(path.join(manifestDir, "package.json")) ?? {};
    for (const [name, range] of Object.entries({ ...manifest.devDependencies, ...manifest.dependencies })) {
      let version = range;
      try {
        const file = require.resolve(`${name}/package.json`, { paths: [manifestDir] });
        version = readJson(file)?.version ?? range;
      } catch {
        // Not installed, or a package that does not export its package.json: the declared range says enough.
      }
      found.set(name, { name, version });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** The nearest folder at or above `dir` with a package.json. */
export function findManifestDir(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, "package.json"))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}
