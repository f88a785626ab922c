import { z } from "zod";
import type { KnownOrString } from "./states";

/**
 * Building blocks shared by every Microsoft.DataMigration shape (Common.json in the spec), plus the
 * leniency rules that apply everywhere:
 *  - objects are loose: unknown fields pass through, because the service adds fields without notice;
 *  - enums are strings (`modelAsString: true` in the spec);
 *  - int64 counters may arrive as numbers or numeric strings;
 *  - a few maps are declared `"type": "string"` with `additionalProperties` in the spec (e.g. `databases`,
 *    `databaseSummary`, `objectSummary`, `databasesToTables`): the service sends them as JSON text, some
 *    clients as objects, so both are accepted and the result is always an object.
 */

/** A string enum the service may extend: typed as the known values, accepted as any string. */
export function knownString<const T extends readonly string[]>(_values: T) {
  return z.string() as unknown as z.ZodType<KnownOrString<T[number]>>;
}

/** An int64 counter: a JSON number, or a numeric string (large values are sometimes quoted). */
export const int64 = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/, "expected an integer")
    .transform((s) => Number(s)),
]);

/** A date-time the service returns as an ISO 8601 string; kept as text so no precision or offset is lost. */
export const dateTime = z.string();

/** A map the spec declares as a JSON-encoded string; accepts the string or the object and yields the object. */
export function stringEncodedMap<V extends z.ZodType>(value: V) {
  const record = z.record(z.string(), value);
  return z.union([
    record,
    z.string().transform((text, ctx) => {
      if (text.trim() === "") return {} as z.output<typeof record>;
      let decoded: unknown;
      try {
        decoded = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: "custom", message: "expected a JSON object (the spec sends this map as JSON text)" });
        return z.NEVER;
      }
      const parsed = record.safeParse(decoded);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: "custom", message: issue.message, path: issue.path as PropertyKey[] });
        }
        return z.NEVER;
      }
      return parsed.data;
    }),
  ]);
}

/** ODataError: `{ code, message, details[] }` — task- and command-level `errors` use it. */
export interface ODataError {
  code?: string;
  message?: string;
  details?: ODataError[];
  [extra: string]: unknown;
}
export const odataErrorSchema: z.ZodType<ODataError> = z.lazy(() =>
  z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    details: z.array(odataErrorSchema).optional(),
  }),
);

/** ReportableException: the error object inside task outputs and command outputs. */
export const reportableExceptionSchema = z.looseObject({
  message: z.string().optional(),
  actionableMessage: z.string().optional(),
  filePath: z.string().optional(),
  lineNumber: z.string().optional(),
  hResult: z.number().optional(),
  stackTrace: z.string().optional(),
});
export type ReportableException = z.output<typeof reportableExceptionSchema>;

/** AuthenticationType in SqlConnectionInfo. */
export const AUTHENTICATION_TYPES = [
  "None",
  "WindowsAuthentication",
  "SqlAuthentication",
  "ActiveDirectoryIntegrated",
  "ActiveDirectoryPassword",
] as const;

/**
 * SqlConnectionInfo (ConnectionInfo with `type: "SqlConnectionInfo"`). `password` is write-only in practice:
 * the service accepts it on PUT and never returns it (see the Tasks_CreateOrUpdate example).
 */
export const sqlConnectionInfoSchema = z.looseObject({
  type: z.literal("SqlConnectionInfo"),
  dataSource: z.string().min(1),
  authentication: knownString(AUTHENTICATION_TYPES).optional(),
  encryptConnection: z.boolean().optional(),
  trustServerCertificate: z.boolean().optional(),
  additionalSettings: z.string().optional(),
  platform: z.string().optional(),
  userName: z.string().optional(),
  password: z.string().optional(),
});
export type SqlConnectionInfo = z.output<typeof sqlConnectionInfoSchema>;

/** Any ConnectionInfo (projects accept the base type; only SQL is used here). */
export const connectionInfoSchema = z.looseObject({
  type: z.string(),
  userName: z.string().optional(),
  password: z.string().optional(),
});

/** systemData as ARM common types define it; only read, never sent. */
export const systemDataSchema = z.looseObject({
  createdBy: z.string().optional(),
  createdByType: z.string().optional(),
  createdAt: z.string().optional(),
  lastModifiedBy: z.string().optional(),
  lastModifiedByType: z.string().optional(),
  lastModifiedAt: z.string().optional(),
});

/** The `id`/`name`/`type` every ARM resource response has (Resource in Common.json). */
export const armResourceFields = {
  id: z.string().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  systemData: systemDataSchema.optional(),
};

/** ApiError: the error envelope of every failing Microsoft.DataMigration call. */
export const apiErrorSchema = z.looseObject({ error: odataErrorSchema.optional() });
