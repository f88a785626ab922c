/**
 * The per-object hashes a SchemaDeployment no longer keeps in state: `<db>.objects.json` beside the script,
 * holding the last deployed source's hashes (`deployed`) and the target's read back after it (`target`). State
 * keeps only their summaries (hash-summary.ts).
 *
 * The file is a cache, never the truth: it can be missing (a CI job on a fresh checkout), left by another stack
 * sharing the folder, or older than the state (a crash between writing it and the engine saving state). So a
 * section is used only when its hashes digest to exactly the summary recorded in state; anything else is
 * reported as unavailable, with why, and callers fall back to what the summaries tell (the kinds that changed).
 */
import { promises as fs } from "node:fs";
import { writeFileAtomically } from "../atomic-file";
import { isStringRecord, summarizeHashes, type HashSummary } from "./hash-summary";

export type ObjectsSection = "deployed" | "target";

/** Per-object hashes (`kind key` → hash) when they could be trusted, or why not. */
export type ObjectDetail = { hashes: Record<string, string> } | { unavailable: string };

const FORMAT = 1;

/** No digest is written: a reader recomputes it from the hashes, so one stored here would never be read. */
export async function writeObjectsFile(
  file: string,
  sections: Partial<Record<ObjectsSection, Record<string, string>>>,
): Promise<void> {
  const body: Record<string, unknown> = { format: FORMAT };
  for (const section of ["deployed", "target"] as const) {
    const hashes = sections[section];
    if (hashes !== undefined) body[section] = { hashes };
  }
  // Not indented: 50,000 objects stay about 3 MB.
  await writeFileAtomically(file, `${JSON.stringify(body)}\n`);
}

/** One section of the file, when its hashes digest to `summary`'s digest (recomputed, not taken from the file). */
export async function readObjectsSection(
  file: string,
  section: ObjectsSection,
  summary: HashSummary,
): Promise<ObjectDetail> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { unavailable: code === "ENOENT" ? `${file} is missing` : `${file} cannot be read (${code ?? "error"})` };
  }
  let hashes: unknown;
  try {
    hashes = (JSON.parse(text) as Record<string, { hashes?: unknown } | undefined>)[section]?.hashes;
  } catch {
    return { unavailable: `${file} is not valid JSON` };
  }
  if (!isStringRecord(hashes)) return { unavailable: `${file} has no ${section} hashes` };
  if (summarizeHashes(hashes).digest !== summary.digest)
    return { unavailable: `${file} does not match the state (another deployment's, or older than it)` };
  return { hashes };
}
