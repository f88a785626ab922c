/** The engine benchmark's results file and the table it prints (the same rows as bench/README.md). */
import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "../../examples/runner/local-workspace";
import type { EngineResults } from "../engine-overhead";
import type { LargeMigrationState } from "./state-5000";

export function engineResultsFile(mode: EngineResults["mode"]): string {
  return path.join(packageRoot(), "bench", "results", mode === "quick" ? "engine-quick.json" : "engine.json");
}

export function writeEngineResults(results: EngineResults, file = engineResultsFile(results.mode)): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

type Row = string[];

/** Engine overhead: each operation against the bare stack, where the up's time goes, what the provider loads. */
function overheadRows(r: EngineResults): Row[] {
  const rows: Row[] = [];
  for (const [op, f] of Object.entries(r.operations))
    rows.push([
      `converged ${op} (${r.resources.custom} dynamic + ${r.resources.components} components)`,
      `${f.quickstartMedianMs} ms`,
      `${f.bareMedianMs} ms (bare stack)`,
      `${f.ratio}`,
      `≤ ${f.goal}`,
    ]);
  const o = r.operations;
  for (const [name, ms] of Object.entries(o.up.checkAndDiffMs))
    rows.push([
      `  converged up: check + diff of ${name}`,
      `${ms} ms`,
      `${o.up.bareCheckAndDiffMs} ms (trivial resource)`,
      "",
      "",
    ]);
  const load = r.providerLoad;
  if (load !== undefined) {
    rows.push([
      "provider process: modules a converged preview loads",
      `${load.totalMs} ms`,
      `${o.preview.quickstartMedianMs - o.preview.bareMedianMs} ms (preview, quickstart − bare)`,
      "",
      "",
    ]);
    for (const [name, ms] of Object.entries(load.modulesMs)) rows.push([`  require ${name}`, `${ms} ms`, "", "", ""]);
  }
  return rows;
}

/** ARM requests per operation, polls per followed minute, the wait after a 429. */
function armRows(r: EngineResults): Row[] {
  const o = r.operations;
  const polls = r.firstUp.followedPolls;
  const ra = r.firstUp.retryAfter;
  return [
    ["ARM requests per converged up", `${o.up.arm.writes} writes, ${o.up.arm.gets} GETs`, "", "", "0 writes"],
    ["ARM requests per preview", `${o.preview.arm.writes} writes, ${o.preview.arm.gets} GETs`, "", "", "0 writes"],
    [
      "ARM GETs per refresh",
      `${o.refresh.arm.gets} on ${o.refresh.arm.pathsRead} ARM resources`,
      `${r.resources.custom} resources (SchemaDeployment reads SQL, not ARM)`,
      `${Math.round((o.refresh.arm.gets / Math.max(1, o.refresh.arm.pathsRead)) * 100) / 100} per ARM resource`,
      "1 per resource",
    ],
    [
      "migration polls per followed minute",
      `${polls.perMinute} (${polls.polls} polls)`,
      `${Math.round(60_000 / polls.pollIntervalMs)} at the ${polls.pollIntervalMs} ms interval`,
      "",
      "≤ 60000 / interval",
    ],
    [
      "wait after a 429 with Retry-After",
      `${ra.shortestWaitMs} ms (${ra.throttled} throttled polls)`,
      `Retry-After ${ra.retryAfterMs} ms`,
      `${Math.round((ra.shortestWaitMs / ra.retryAfterMs) * 100) / 100}`,
      "≥ 1",
    ],
  ];
}

/** State bytes, the 5,000-table migrations, checkpoints, and the first progress line. */
function stateRows(r: EngineResults): Row[] {
  const rows: Row[] = [
    ["state per resource (quickstart)", kb(r.state.bytesPerResource), `${kb(r.state.bytes)} in all`, "", ""],
  ];
  for (const big of r.state.largest.slice(0, 3)) rows.push([`  state of ${big.name}`, kb(big.bytes), "", "", ""]);
  const large: [string, LargeMigrationState | undefined][] = [
    ["DatabaseMigration", r.state.migration5000],
    ["MigrationTask (classic)", r.state.migrationTask5000],
  ];
  for (const [resource, m] of large)
    if (m)
      rows.push([
        `${resource} state, ${m.tables} tables (${m.failedTables} failed)`,
        kb(m.stateBytes),
        `data-move file ${kb(m.dataMoveFileBytes)}`,
        `${Math.round((m.stateBytes / m.dataMoveFileBytes) * 1000) / 1000}`,
        `< ${kb(m.goalBytes)}`,
      ]);
  rows.push(["state checkpoints, first up", `${r.firstUp.stateWrites}`, "", "", "bounded by resources"]);
  rows.push(["state checkpoints, converged up", `${r.operations.up.stateWrites}`, "", "", "bounded by resources"]);
  rows.push([
    "first progress line after the migration starts",
    `${r.firstUp.firstProgressLineMs} ms`,
    "",
    "",
    "< 10000 ms",
  ]);
  return rows;
}

export function formatEngineTable(r: EngineResults): string {
  const rows: Row[] = [
    ["figure", "value", "baseline", "ratio", "goal"],
    ...overheadRows(r),
    ...armRows(r),
    ...stateRows(r),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}
