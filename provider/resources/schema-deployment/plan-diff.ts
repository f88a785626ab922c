/**
 * The decision `diff` makes, kept pure so it can be tested without an engine: given the recorded outputs, the
 * new inputs, and the last deployed and the new source's objects (summaries, with per-object hashes when they
 * could be had), is there anything to do, does it need a new resource, and what should preview say about it.
 */
import type { SqlConnectionSpec } from "../../sql";
import { changedKinds, describeKindChanges, type HashSummary, type KindChange } from "./hash-summary";
import { targetIdentity, type SchemaDeploymentInputs } from "./inputs";
import { compareObjectHashes, scriptedChanges, stableJson, type SourceChanges } from "./object-hashes";
import type { ObjectDetail } from "./objects-file";
import type { SchemaDeploymentOutputs } from "./outputs";

/** One side of the comparison: its summary, and its per-object hashes (or why they are unavailable). */
export interface ObjectSet {
  summary: HashSummary;
  detail: ObjectDetail;
}

/** The last source completely processed and the new one. */
export interface SourceSides {
  previous: ObjectSet;
  next: ObjectSet;
}

export interface DeploymentDiff {
  changes: boolean;
  replaces: string[];
  /** Inputs whose value changed (other than the source's content). */
  changedInputs: string[];
  /** Objects of the source created, altered or removed since the last complete update; undefined when unknown. */
  sourceChanges?: SourceChanges;
  /** When the objects cannot be named: the kinds that changed, found by their digests. */
  kindChanges?: KindChange[];
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

function driftMessage(drift: NonNullable<SchemaDeploymentOutputs["drift"]>): string {
  const what =
    drift.namesUnavailable !== undefined
      ? `in ${describeKindChanges(drift.kinds ?? [])}; objects not named: ${drift.namesUnavailable}`
      : `missing: ${drift.missing.length}, extra: ${drift.extra.length}, changed: ${drift.changed.length}`;
  return `refresh found drift on the target (${what}); the update deploys what is missing or changed again`;
}

/** What preview says about the source's objects, and what changed in them. */
function sourceMessages(
  sides: SourceSides,
  news: SchemaDeploymentInputs,
): { messages: string[]; sourceChanges?: SourceChanges; kindChanges?: KindChange[] } {
  const messages: string[] = [];
  // Objects the script leaves out are named as such, with why, never as "would create" or "would alter".
  const omitted = news.sourceOmitted ?? {};
  const leftOut = Object.keys(omitted).sort();
  const leftOutMessage = `would leave out ${leftOut.length} (see the deployment report): ${listed(leftOut.map((id) => `${id} (${omitted[id]})`))}`;
  if (sides.previous.summary.digest === sides.next.summary.digest) {
    // Equal digests: nothing to name, and no per-object hashes were needed to know it.
    if (leftOut.length) messages.push(leftOutMessage);
    return { messages, sourceChanges: { created: [], altered: [], removed: [] } };
  }
  const { previous, next } = sides;
  if (!("hashes" in previous.detail) || !("hashes" in next.detail)) {
    // The digests tell that something changed, and in which kinds; never "no changes".
    const kindChanges = changedKinds(previous.summary, next.summary);
    const why = [previous.detail, next.detail].flatMap((d) => ("unavailable" in d ? [d.unavailable] : []));
    messages.push(`would change ${describeKindChanges(kindChanges)} (per-object names unavailable: ${why.join("; ")})`);
    if (leftOut.length) messages.push(leftOutMessage);
    return { messages, kindChanges };
  }
  const sourceChanges = compareObjectHashes(previous.detail.hashes, next.detail.hashes);
  const { created, altered } = scriptedChanges(sourceChanges, omitted);
  if (created.length) messages.push(`would create ${created.length}: ${listed(created)}`);
  if (altered.length) messages.push(`would alter ${altered.length}: ${listed(altered)}`);
  if (leftOut.length) messages.push(leftOutMessage);
  if (sourceChanges.removed.length) {
    messages.push(
      `no longer in the source ${sourceChanges.removed.length}: ${listed(sourceChanges.removed)}` +
        (news.dropExtraObjects
          ? " (dropped where that loses no data, or allowDataLoss is set)"
          : " (left on the target: dropExtraObjects is false)"),
    );
  }
  return { messages, sourceChanges };
}

/**
 * `source` is undefined when the source could not be read during preview (inputs not known yet): then the
 * update decides, and preview says the objects are not known yet. The source changed exactly when the two
 * summaries' digests differ; the per-object hashes only serve to name what changed.
 */
export function computeDiff(
  olds: SchemaDeploymentOutputs,
  news: SchemaDeploymentInputs,
  source: SourceSides | undefined,
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
  if (drifted) messages.push(driftMessage(olds.drift!));

  let described: ReturnType<typeof sourceMessages> | undefined;
  if (source === undefined) {
    messages.push("the source is not known yet: the objects to deploy are decided during the update");
  } else {
    described = sourceMessages(source, news);
    messages.push(...described.messages);
  }
  const changes =
    replaces.length > 0 ||
    changedInputs.length > 0 ||
    partial ||
    drifted ||
    source === undefined ||
    source.previous.summary.digest !== source.next.summary.digest;
  return {
    changes,
    replaces,
    changedInputs,
    ...(described?.sourceChanges ? { sourceChanges: described.sourceChanges } : {}),
    ...(described?.kindChanges ? { kindChanges: described.kindChanges } : {}),
    messages,
  };
}
