/** AZSQL022: database options that Azure SQL Database does not offer or fixes to one value. */
import type { DatabaseModel, DatabaseOptions } from "../../model";
import type { AssessmentRule } from "../types";

interface OptionCheck {
  describe(o: DatabaseOptions): string | undefined;
  clear(o: DatabaseOptions): void;
}

const CHECKS: OptionCheck[] = [
  { describe: (o) => (o.isTrustworthy === true ? "TRUSTWORTHY ON" : undefined), clear: (o) => delete o.isTrustworthy },
  {
    describe: (o) => (o.isDbChaining === true ? "DB_CHAINING ON (cross-database ownership chaining)" : undefined),
    clear: (o) => delete o.isDbChaining,
  },
  {
    describe: (o) =>
      o.recoveryModel !== undefined && o.recoveryModel !== "FULL"
        ? `RECOVERY ${o.recoveryModel} (always FULL on Azure)`
        : undefined,
    clear: (o) => delete o.recoveryModel,
  },
  {
    describe: (o) => (o.isBrokerEnabled === true ? "ENABLE_BROKER" : undefined),
    clear: (o) => delete o.isBrokerEnabled,
  },
  {
    describe: (o) => (o.containment === "PARTIAL" ? "CONTAINMENT = PARTIAL (contained users are built in)" : undefined),
    clear: (o) => delete o.containment,
  },
  {
    describe: (o) =>
      o.filestreamNonTransactedAccess !== undefined && o.filestreamNonTransactedAccess !== "OFF"
        ? `FILESTREAM NON_TRANSACTED_ACCESS = ${o.filestreamNonTransactedAccess}`
        : undefined,
    clear: (o) => delete o.filestreamNonTransactedAccess,
  },
  {
    describe: (o) =>
      o.compatibilityLevel !== undefined && o.compatibilityLevel < 100
        ? `COMPATIBILITY_LEVEL = ${o.compatibilityLevel} (minimum is 100)`
        : undefined,
    clear: (o) => delete o.compatibilityLevel,
  },
];

export const databaseOptions: AssessmentRule = {
  id: "AZSQL022",
  title: "Unsupported database option",
  severity: "warning",
  detects:
    "TRUSTWORTHY, DB_CHAINING, a recovery model other than FULL, ENABLE_BROKER, CONTAINMENT = PARTIAL, FILESTREAM non-transacted access, compatibility level below 100.",
  recommendation:
    "Azure SQL Database does not offer these settings (or fixes them). Code that relied on TRUSTWORTHY or ownership chaining across databases needs module signing or a redesign; the options themselves are not carried over.",
  fix: {
    description: "Unsupported database options not carried over to the target.",
    apply(model: DatabaseModel) {
      for (const check of CHECKS) if (check.describe(model.options) !== undefined) check.clear(model.options);
    },
  },
  check(ctx) {
    return CHECKS.map((c) => c.describe(ctx.model.options))
      .filter((d): d is string => d !== undefined)
      .map((d) => ctx.databaseFinding(this, d));
  },
};
