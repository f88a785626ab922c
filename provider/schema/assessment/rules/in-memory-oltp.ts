/** AZSQL021: In-Memory OLTP, available only in some service tiers. */
import { isWord } from "../../tokenizer";
import type { AssessmentRule, Finding, Severity, TargetTier } from "../types";

const IN_MEMORY_TIERS: TargetTier[] = ["Premium", "BusinessCritical"];

export const inMemoryOltp: AssessmentRule = {
  id: "AZSQL021",
  title: "In-Memory OLTP",
  severity: "warning",
  detects:
    "Memory-optimized tables and table types, natively compiled modules (WITH NATIVE_COMPILATION) and MEMORY_OPTIMIZED_DATA filegroups.",
  recommendation:
    "In-Memory OLTP is available only in the Premium (DTU) and Business Critical (vCore) service tiers. Choose one of those tiers, or convert the objects to disk-based tables and interpreted modules. Severity is info when the target tier is known to be Premium or Business Critical.",
  code: { words: ["NATIVE_COMPILATION"] },
  check(ctx) {
    const tier = ctx.options.targetTier;
    const severity: Severity = tier !== undefined && IN_MEMORY_TIERS.includes(tier) ? "info" : "warning";
    const suffix = "(needs the Premium or Business Critical tier)";
    const findings: Finding[] = [];
    for (const table of ctx.model.tables)
      if (table.isMemoryOptimized)
        findings.push(ctx.finding(this, table, `memory-optimized table ${suffix}`, undefined, severity));
    for (const type of ctx.model.types)
      if (type.kind === "tableType" && type.isMemoryOptimized)
        findings.push(ctx.finding(this, type, `memory-optimized table type ${suffix}`, undefined, severity));
    for (const fg of ctx.model.filegroups)
      if (fg.type === "memoryOptimized")
        findings.push(
          ctx.finding(
            this,
            fg,
            `MEMORY_OPTIMIZED_DATA filegroup ${fg.name} (not needed on Azure) ${suffix}`,
            undefined,
            severity,
          ),
        );
    for (const unit of ctx.codeUnits(this)) {
      const t = unit.tokens;
      // An option of the module header: WITH NATIVE_COMPILATION, SCHEMABINDING / WITH SCHEMABINDING, NATIVE_COMPILATION.
      const at = t.findIndex(
        (tok, i) => isWord(tok, "NATIVE_COMPILATION") && (isWord(t[i - 1], "WITH") || t[i - 1]?.text === ","),
      );
      if (at >= 0) findings.push(ctx.finding(this, unit.object, `natively compiled module ${suffix}`, t[at], severity));
    }
    return findings;
  },
};
