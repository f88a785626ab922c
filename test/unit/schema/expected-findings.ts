/**
 * The findings a fixture was written to trigger, read from the fixture itself: a line that should raise a
 * finding ends with `-- expect: AZSQL004` (several ids, repeats included, when the line raises several). The
 * expected list is derived from those comments, so it says what the fixture's author meant, not what the
 * assessment happened to print when the list was last copied.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ANNOTATION = /--\s*expect:\s*((?:AZSQL\d{3}\s*)+)$/;

function sqlFiles(root: string, relative = ""): string[] {
  return fs
    .readdirSync(path.join(root, relative), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return child === "bin" ? [] : sqlFiles(root, child);
      return entry.name.toLowerCase().endsWith(".sql") ? [child] : [];
    });
}

/** `ruleId file:line` for every annotated line under `root` (bin/ skipped, as the reader does), sorted. */
export function annotatedFindings(root: string): string[] {
  const expected: string[] = [];
  for (const file of sqlFiles(root)) {
    const lines = fs.readFileSync(path.join(root, file), "utf8").split(/\r?\n/);
    lines.forEach((line, index) => {
      const ids = ANNOTATION.exec(line.trimEnd())?.[1]?.trim().split(/\s+/) ?? [];
      for (const id of ids) expected.push(`${id} ${file}:${index + 1}`);
    });
  }
  return expected.sort();
}
