/** Files the resources write for people (reports, scripts): whole or not at all, named safely. */
import { promises as fs } from "node:fs";
import * as path from "node:path";

/** Writes through a temporary file and a rename, so a reader (or a crash) never sees half a file. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, text, "utf8");
  await fs.rename(temp, file);
}

/** File names keep letters, digits, '-', '_' and '.'; anything else becomes '_'. */
export function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_") || "database";
}
