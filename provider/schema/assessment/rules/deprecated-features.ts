/** AZSQL020: deprecated features that still deploy (SETUSER, numbered procedures, sp_addrolemember-style calls). */
import { isWord } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";
import { isModelObject, objectNames } from "./object-names";

/** Deprecated system procedures with a direct replacement. */
const DEPRECATED_PROCS: Record<string, string> = {
  sp_addrolemember: "ALTER ROLE ... ADD MEMBER",
  sp_droprolemember: "ALTER ROLE ... DROP MEMBER",
  sp_adduser: "CREATE USER",
  sp_addlogin: "CREATE LOGIN",
  sp_changeobjectowner: "ALTER SCHEMA ... TRANSFER / ALTER AUTHORIZATION",
  sp_bindrule: "CHECK constraints",
  sp_bindefault: "DEFAULT constraints",
};

export const deprecatedFeatures: AssessmentRule = {
  id: "AZSQL020",
  title: "Deprecated feature",
  severity: "warning",
  detects: `SETUSER, numbered procedures (CREATE PROCEDURE p;2), and calls to deprecated system procedures (${Object.keys(DEPRECATED_PROCS).join(", ")}).`,
  recommendation:
    "These still work but are deprecated and may be removed. Replace SETUSER with EXECUTE AS USER, numbered procedures with separately named procedures, and each deprecated system procedure with its replacement statement.",
  code: { words: ["SETUSER", ...Object.keys(DEPRECATED_PROCS)] },
  check(ctx) {
    const findings: Finding[] = [];
    for (const proc of ctx.model.procedures) {
      if (proc.procedureNumber !== undefined)
        findings.push(ctx.finding(this, proc, `numbered procedure ${proc.name};${proc.procedureNumber}`));
    }
    for (const unit of ctx.codeUnits(this)) {
      for (const t of unit.tokens)
        if (isWord(t, "SETUSER"))
          findings.push(ctx.finding(this, unit.object, "SETUSER is deprecated (use EXECUTE AS USER)", t));
      for (const name of objectNames(ctx, unit)) {
        if (name.position !== "object") continue;
        const replacement = DEPRECATED_PROCS[(name.object ?? "").toLowerCase()];
        if (replacement !== undefined && !isModelObject(ctx, unit, name))
          findings.push(
            ctx.finding(this, unit.object, `${name.parts.join(".")} is deprecated (use ${replacement})`, name.token),
          );
      }
    }
    return findings;
  },
};
