/**
 * The ARM emulator is the independent check of the provider: no file of its ARM modules (arm/, resources/,
 * sql/, datamigration/) may import from provider/ (shapes, names, table names, secrets are written again from
 * the spec), or a field the provider misspells would pass both. The SQL stand-in (emulator/sql-server) serves a
 * provider model, but its knowledge of the catalog views (emulator/sql-server/catalog) is held to the same rule,
 * or a column the catalog queries misspell would pass both.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const EMULATOR = path.join(__dirname, "..", "..", "..", "emulator");
const ARM_MODULES = ["arm", "resources", "sql", "datamigration"];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

/** `file → specifier` for each relative import of a file that reaches into provider/. */
function providerImports(files: string[]): string[] {
  return files.flatMap((file) =>
    [...fs.readFileSync(file, "utf8").matchAll(/(?:from|import|require\()\s*["']([^"']+)["']/g)]
      .map((m) => m[1]!)
      .filter(
        (spec) => spec.startsWith(".") && path.resolve(path.dirname(file), spec).split(path.sep).includes("provider"),
      )
      .map((spec) => `${path.relative(EMULATOR, file)} → ${spec}`),
  );
}

test("no ARM emulator source imports from provider/", () => {
  const files = ARM_MODULES.flatMap((dir) => sources(path.join(EMULATOR, dir)));
  expect(files.length).toBeGreaterThan(50);
  expect(providerImports(files)).toEqual([]);
});

test("the SQL stand-in's knowledge of the catalog views imports nothing from provider/", () => {
  const files = sources(path.join(EMULATOR, "sql-server", "catalog"));
  expect(files.length).toBeGreaterThan(5);
  expect(providerImports(files)).toEqual([]);
});
