/**
 * The engine tests' guard against stale dist/ (test/support/dist-freshness.js): a built tree passes, and a
 * source edited after the build, or added since, is named.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { staleOutputs } = require("../../support/dist-freshness") as { staleOutputs(root: string): string[] };

let root: string;

function write(relative: string, text: string, mtime: Date): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.utimesSync(file, mtime, mtime);
}

const built = new Date("2026-01-01T10:00:00Z");
const before = new Date("2026-01-01T09:00:00Z");
const after = new Date("2026-01-01T11:00:00Z");

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "dist-freshness-"));
  write("index.ts", "export {};", before);
  write("provider/a.ts", "export const a = 1;", before);
  write("provider/types.d.ts", "export {};", after);
  write("examples/your-stack/index.ts", "export {};", after);
  write("dist/index.js", "", built);
  write("dist/provider/a.js", "", built);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test("a tree built after its last edit is current (declaration files and the excluded example aside)", () => {
  expect(staleOutputs(root)).toEqual([]);
});

test("a source edited after the build is named", () => {
  write("provider/a.ts", "export const a = 2;", after);
  expect(staleOutputs(root)).toEqual(["provider/a.ts (edited after the last build)"]);
});

test("a source added since the build is named, newest first", () => {
  write("provider/a.ts", "export const a = 2;", after);
  write("components/b.ts", "export const b = 1;", new Date("2026-01-01T12:00:00Z"));
  expect(staleOutputs(root)).toEqual(["components/b.ts (not built)", "provider/a.ts (edited after the last build)"]);
});
