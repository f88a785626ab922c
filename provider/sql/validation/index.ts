/** Data validation: source and target compared per table (row counts, or checksums per key range). */
export {
  validationOptionsSchema,
  VALIDATION_DEPTHS,
  ISOLATION_LEVELS,
  type ValidationOptions,
  type ValidationOptionsInput,
  type ValidationDepth,
  type IsolationLevel,
} from "./options";
export {
  validateData,
  listUserTables,
  type ValidateRequest,
  type ValidationResult,
  type ValidationProgress,
} from "./validate";
export { validateTable, type TableValidation, type TableVerdict, type RangeMismatch } from "./table-validation";
export { VALIDATION_MARKERS } from "./queries";
export { isTransientSqlError, TRANSIENT_SQL_ERRORS } from "../transient";
export { describeDifference } from "./describe";
