/**
 * The decision `diff` makes, kept pure so it can be tested without an engine: given the recorded outputs, the
 * new inputs and the hashes of the new source, is there anything to do, does it need a new resource, and what
 * should preview say about it.
 */
import type { SqlConnectionSpec } from "../../sql";
import { targetIdentity, type SchemaDeploymentInputs } from "./inputs";
import { compareObjectHashes, hasSourceChanges, type SourceChanges } from "./object-hashes";
import type { SchemaDeploymentOutputs } from "./outputs";
import { stableJson } from "./object-hashes";

export interface DeploymentDiff {
  changes: boolean;
  replaces: string[];
  /** Inputs whose value changed (other than the source's content). */
  changedInputs: string[];
  /** Objects of the source created, altered or removed since the last complete update; undefined when unknown. */
  sourceChanges?: SourceChanges;
  /** Lines for the preview log, one per reason. */
  messages: string[];
}

const SETTINGS = [
  "include",
  "exclude",
  "failOn",
  "deploy",
  "outputDirectory",
  "allowDataLoss",
  "dropExtraObjects",
  "targetTier",
  "source",
] as const;
const LISTED = 50;

function listed(ids: string[]): string {
  return ids.length > LISTED ? `${ids.slice(0, LISTED).join(", ")} and ${ids.length - LISTED} more` : ids.join(", ");
}

/** The target's settings apart from where it is: credentials, encryption, CA, timeouts. */
function connectionSettings(spec: SqlConnectionSpec): string {
  const { server: _s, port: _p, database: _d, ...rest } = spec;
  return stableJson(rest);
}

/**
 * `sourceHashes` is undefined when the source could not be read during preview (inputs not known yet): then
 * the update decides, and preview says the objects are not known yet.
 */
export function computeDiff(
  olds: SchemaDeploymentOutputs,
  news: SchemaDeploymentInputs,
  sourceHashes: Record<string, string> | undefined,
): DeploymentDiff {
  const messages: string[] = [];
  // Another server or database is another deployment: the old one is left in place (delete never drops).
  const replaces = targetIdentity(olds.target) !== targetIdentity(news.target) ? ["target"] : [];
  const changedInputs = SETTINGS.filter((key) => stableJson(olds[key]) !== stableJson(news[key])) as string[];
  if (replaces.length === 0 && connectionSettings(olds.target) !== connectionSettings(news.target))
    changedInputs.push("target");

  if (replaces.length)
    messages.push(
      `the target changed from ${targetIdentity(olds.target)} to ${targetIdentity(news.target)}: the schema is deployed there, the old database is left as it is`,
    );
  if (changedInputs.length) messages.push(`settings changed: ${changedInputs.join(", ")}`);

  const partial = olds.nextBatchIndex !== undefined;
  if (partial)
    messages.push(
      `the last deployment stopped at batch ${olds.nextBatchIndex! + 1} of ${olds.plannedBatchCount} (${olds.lastError ?? "see the deployment report"}); the update resumes it`,
    );
  const drifted = olds.drift?.detected === true && news.deploy;
  if (drifted) {
    const d = olds.drift!;
    messages.push(
      `refresh found drift on the target (missing: ${d.missing.length}, extra: ${d.extra.length}, changed: ${d.changed.length}); the update deploys what is missing or changed again`,
    );
  }

  let sourceChanges: SourceChanges | undefined;
  if (sourceHashes === undefined) {
    messages.push("the source is not known yet: the objects to deploy are decided during the update");
  } else {
    sourceChanges = compareObjectHashes(olds.objectHashes ?? {}, sourceHashes);
    // Objects the script leaves out are named as such, with why, never as "would create" or "would alter".
    const omitted = news.sourceOmitted ?? {};
    const created = sourceChanges.created.filter((id) => omitted[id] === undefined);
    const altered = sourceChanges.altered.filter((id) => omitted[id] === undefined);
    if (created.length) messages.push(`would create ${created.length}: ${listed(created)}`);
    if (altered.length) messages.push(`would alter ${altered.length}: ${listed(altered)}`);
    const leftOut = Object.keys(omitted).sort();
    if (leftOut.length)
      messages.push(
        `would leave out ${leftOut.length} (see the deployment report): ${listed(leftOut.map((id) => `${id} (${omitted[id]})`))}`,
      );
    if (sourceChanges.removed.length) {
      messages.push(
        `no longer in the source ${sourceChanges.removed.length}: ${listed(sourceChanges.removed)}` +
          (news.dropExtraObjects
            ? " (dropped where that loses no data, or allowDataLoss is set)"
            : " (left on the target: dropExtraObjects is false)"),
      );
    }
  }
  const changes =
    replaces.length > 0 ||
    changedInputs.length > 0 ||
    partial ||
    drifted ||
    sourceHashes === undefined ||
    (sourceChanges !== undefined && hasSourceChanges(sourceChanges));
  return { changes, replaces, changedInputs, ...(sourceChanges ? { sourceChanges } : {}), messages };
}
