/** What a progress line of a replication says: phase, articles, backlog, agent, latency — and why it is not ready. */
import type { LiveStatus, PhaseReading } from "./status";
import type { MeasuredLatency } from "./follow";

/** Above this many articles a line counts articles per state instead of listing them. */
export const PER_TABLE_LIMIT = 20;

const ARTICLE_STATE: Record<number, string> = { 0: "inactive", 1: "waiting for the snapshot", 2: "active" };
export const articleState = (status: number) => ARTICLE_STATE[status] ?? `status ${status}`;

export function describeProgress(
  label: string,
  status: LiveStatus,
  reading: PhaseReading,
  latency?: MeasuredLatency,
): string {
  const active = status.articles.filter((a) => a.status === 2).length;
  const parts = [
    `${active}/${status.articles.length} articles active`,
    ...(status.pending
      ? [`${status.pending.pendingCommands} commands pending (~${status.pending.estimatedSeconds} s)`]
      : []),
    ...(status.agent ? [`agent ${status.agent.description}`] : []),
    ...(latency ? [`latency ${latency.seconds} s`] : []),
  ];
  const lines = [`replication ${label}: ${reading.phase}, ${parts.join(", ")}`];
  if (status.articles.length <= PER_TABLE_LIMIT)
    lines.push(...status.articles.map((a) => `  ${a.article}: ${articleState(a.status)}`));
  else {
    const counts = new Map<string, number>();
    for (const a of status.articles) counts.set(articleState(a.status), (counts.get(articleState(a.status)) ?? 0) + 1);
    lines.push(`  articles: ${[...counts].map(([state, n]) => `${n} ${state}`).join(", ")}`);
  }
  if (reading.reasons.length) lines.push(`  not ready: ${reading.reasons.join("; ")}`);
  return lines.join("\n");
}

/** The states in a line (not the counters), so a state change is reported at once. */
export function progressStates(status: LiveStatus, reading: PhaseReading): string {
  return [reading.phase, status.agent?.status ?? "", ...status.articles.map((a) => a.status)].join("|");
}
