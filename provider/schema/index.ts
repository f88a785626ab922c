/** Public API of the schema library: model, snapshots, tokenizer, script reader, assessment, generator, compare. */
export * from "./model";
export {
  schemaObjectKey,
  databaseObjectKey,
  qualifiedKey,
  childObjectKey,
  permissionKey,
  statementKey,
  serverObjectKey,
} from "./keys";
export { quoteName, quoteParts, quoteString } from "./quote";
export { databaseModelSchema, indexedViewIssues } from "./model-validation";
export {
  saveSnapshot,
  loadSnapshot,
  serializeSnapshot,
  parseSnapshot,
  SnapshotError,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
  type SchemaSnapshot,
} from "./snapshot";
export {
  tokenize,
  significantTokens,
  isSignificant,
  type Token,
  type TokenType,
  type TokenizeOptions,
} from "./tokenizer";
export { splitBatches, type Batch } from "./batches";
export {
  formatDataType,
  sizeOfDeclaredType,
  isNarrowing,
  isSystemType,
  type TypeRef,
  type TypeSize,
} from "./data-types";
export {
  readScripts,
  readScriptSources,
  readScriptText,
  type ReadScriptsOptions,
  type ScriptReadResult,
  type ScriptSource,
  type ScriptWarning,
  type ScriptWarningKind,
} from "./script-reader";
export { assess, findRule, compareFindings, type AssessmentReport } from "./assessment/assess";
export { ASSESSMENT_RULES } from "./assessment/rules";
export type { AssessmentRule, AssessOptions, Finding, RuleFix, Severity, TargetTier } from "./assessment/types";
export {
  evaluateFailPolicy,
  shouldFail,
  type FailOn,
  type FailDecision,
  type FailPolicyOptions,
} from "./assessment/fail-policy";
export { renderAssessmentJson, ASSESSMENT_REPORT_FORMAT } from "./assessment/report-json";
export { renderAssessmentMarkdown } from "./assessment/report-markdown";
export {
  generateScript,
  writeScript,
  writeScriptFile,
  type ScriptSink,
  type ScriptSummary,
  type GeneratedScript,
  type GenerateOptions,
  type ScriptBatch,
  type BatchKind,
  type AppliedFix,
  type Blocker,
  type OmittedObject,
} from "./script-generator";
export { findReferences, type ReferenceScope } from "./references";
export {
  compareSchemas,
  findAnomalies,
  type SchemaComparison,
  type SchemaChange,
  type ChangeAction,
  type CompareOptions,
  type Anomalies,
} from "./compare";
export { fingerprint, type FingerprintOptions } from "./fingerprint";
export { redactSecrets } from "./redact";
