/**
 * Which compiled files in dist/ are older than their TypeScript source, or missing.
 *
 * The engine tests (test/integration) run the providers from dist/: the Pulumi engine loads them by the
 * package's own name in a separate process, so ts-jest never sees them. Running one of those files after an
 * edit without `npm run build` would test the code as it was at the last build and could pass on stale code.
 * Comparing each source with its own output is cheap (one stat per file, no compiler) and exact for what a
 * build writes: `npm run build` wipes dist/ and tsc writes every output, so a file that was edited after the
 * build, or added since, is caught; a source removed since the build leaves an orphan in dist/ that nothing
 * imports, which is harmless.
 */
const fs = require("fs");
const path = require("path");

/** The folders and files tsconfig.json compiles (its "include"), without what it excludes. */
const SOURCES = ["index.ts", "cli", "provider", "components", "emulator", "examples", "bench"];
const EXCLUDED = new Set(["examples/your-stack"]);

function sourceFiles(root, relative, found) {
  if (EXCLUDED.has(relative)) return found;
  const full = path.join(root, relative);
  if (!fs.existsSync(full)) return found;
  if (fs.statSync(full).isFile()) {
    if (relative.endsWith(".ts") && !relative.endsWith(".d.ts")) found.push(relative);
    return found;
  }
  for (const entry of fs.readdirSync(full)) sourceFiles(root, path.posix.join(relative, entry), found);
  return found;
}

/**
 * The sources under `root` whose `dist/` output is missing or older than the source, as "path (reason)"
 * lines, first the most recently edited.
 */
function staleOutputs(root) {
  const stale = [];
  for (const relative of SOURCES.flatMap((entry) => sourceFiles(root, entry, []))) {
    const source = fs.statSync(path.join(root, relative));
    const output = path.join(root, "dist", relative.replace(/\.ts$/, ".js"));
    if (!fs.existsSync(output)) stale.push({ relative, mtimeMs: source.mtimeMs, reason: "not built" });
    else if (fs.statSync(output).mtimeMs < source.mtimeMs)
      stale.push({ relative, mtimeMs: source.mtimeMs, reason: "edited after the last build" });
  }
  return stale.sort((a, b) => b.mtimeMs - a.mtimeMs).map((s) => `${s.relative} (${s.reason})`);
}

module.exports = { staleOutputs };
