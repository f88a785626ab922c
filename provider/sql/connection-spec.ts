/**
 * What it takes to reach a SQL Server or Azure SQL Database: a plain, serializable description
 * (it travels through Pulumi dynamic-provider inputs), validated with zod so a bad spec fails
 * `pulumi preview` with the field's path.
 */
import { z } from "zod";
import { databaseNameInput } from "./name-rules";

export type SqlAuthentication =
  /** SQL authentication (a login and its password). */
  | { type: "sql"; user: string; password: string }
  /** Microsoft Entra ID through DefaultAzureCredential (environment, workload/managed identity, Azure CLI...). */
  | { type: "entra-default"; managedIdentityClientId?: string }
  /** Microsoft Entra ID with an access token for https://database.windows.net/ acquired elsewhere. */
  | { type: "entra-token"; token: string };

export interface SqlConnectionSpec {
  /** Host name or IP address. */
  server: string;
  /** Default 1433. */
  port?: number;
  database: string;
  authentication: SqlAuthentication;
  /**
   * "strict" is TDS 8.0 (TLS before anything else); true is TDS 7.x encryption; false only encrypts
   * the login packet, which Azure SQL Database refuses. Default true.
   */
  encrypt?: "strict" | boolean;
  /** Skip certificate validation. Default false; only for development servers with self-signed certificates. */
  trustServerCertificate?: boolean;
  /** PEM of a CA to trust for this server in addition to nothing else (the server certificate must chain to it). */
  ca?: string;
  /** Name to validate the certificate against, when connecting by IP address or through a tunnel. */
  hostNameInCertificate?: string;
  /** Default 30 000. */
  connectTimeoutMs?: number;
  /** Per statement; default 300 000 (schema deployment runs long DDL). */
  requestTimeoutMs?: number;
}

const authenticationSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("sql"), user: z.string().min(1), password: z.string().min(1) }),
  z.object({ type: z.literal("entra-default"), managedIdentityClientId: z.string().min(1).optional() }),
  z.object({ type: z.literal("entra-token"), token: z.string().min(1) }),
]);

export const sqlConnectionSpecSchema = z.object({
  server: z.string().min(1),
  port: z.number().int().min(1).max(65535).optional(),
  database: databaseNameInput,
  authentication: authenticationSchema,
  encrypt: z.union([z.literal("strict"), z.boolean()]).optional(),
  trustServerCertificate: z.boolean().optional(),
  ca: z.string().includes("-----BEGIN CERTIFICATE-----").optional(),
  hostNameInCertificate: z.string().min(1).optional(),
  connectTimeoutMs: z.number().int().positive().optional(),
  requestTimeoutMs: z.number().int().positive().optional(),
}) satisfies z.ZodType<SqlConnectionSpec>;

/** The secret strings of a spec, so error messages can be scrubbed of them. */
export function secretsOf(spec: SqlConnectionSpec): string[] {
  const auth = spec.authentication;
  if (auth.type === "sql") return [auth.password];
  if (auth.type === "entra-token") return [auth.token];
  return [];
}
