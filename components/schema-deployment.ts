import * as pulumi from "@pulumi/pulumi";
import { SCHEMA_DEPLOYMENT_OUTPUTS, outputPlaceholders } from "../provider/resources/output-keys";
import { lazyProvider } from "./lazy-provider";

/** How to sign in: SQL authentication, Entra ID through DefaultAzureCredential, or an Entra ID access token. */
export type SqlAuthenticationArgs =
  | { type: "sql"; user: pulumi.Input<string>; /** Always stored as a Pulumi secret. */ password: pulumi.Input<string> }
  | { type: "entra-default"; managedIdentityClientId?: pulumi.Input<string> }
  | { type: "entra-token"; /** Always stored as a Pulumi secret. */ token: pulumi.Input<string> };

/** A SQL Server or Azure SQL database, and how to reach it. */
export interface SqlConnectionArgs {
  /** Host name or IP address, e.g. `sql01.contoso.local` or `sales.database.windows.net`. Required. */
  server: pulumi.Input<string>;
  /** TCP port; default 1433. */
  port?: pulumi.Input<number>;
  /** Database name. Required. */
  database: pulumi.Input<string>;
  /** `{ type: "sql", user, password }`, `{ type: "entra-default", managedIdentityClientId? }` or `{ type: "entra-token", token }`. Required. */
  authentication: pulumi.Input<SqlAuthenticationArgs>;
  /** "strict" (TDS 8.0, TLS first), true (default, TDS 7.x encryption) or false (login only; Azure SQL refuses it). */
  encrypt?: pulumi.Input<"strict" | boolean>;
  /** Skip certificate validation; default false (development servers with self-signed certificates only). */
  trustServerCertificate?: pulumi.Input<boolean>;
  /** PEM of a CA to trust for this server (e.g. a test server's); default the system's CAs. */
  ca?: pulumi.Input<string>;
  /** Name to validate the certificate against when connecting by IP address or through a tunnel; default `server`. */
  hostNameInCertificate?: pulumi.Input<string>;
  /** Connection timeout; default 30 000 ms. */
  connectTimeoutMs?: pulumi.Input<number>;
  /** Per-statement timeout; default 300 000 ms (schema deployment runs long DDL). */
  requestTimeoutMs?: pulumi.Input<number>;
}

/** Exactly one of: a live database, T-SQL scripts (a .sql file or a folder of them), a model snapshot JSON. */
export type SchemaSourceArgs =
  | { connection: pulumi.Input<SqlConnectionArgs> }
  | { scriptPath: pulumi.Input<string> }
  | { snapshotPath: pulumi.Input<string> };

export interface SchemaDeploymentArgs {
  /** Where the schema comes from. Required; a changed source is deployed in place (created/altered objects listed in the diff). */
  source: SchemaSourceArgs;
  /** The Azure SQL Database to deploy to. Required; another server or database replaces (the old one is left as it is), other connection settings update in place. */
  target: pulumi.Input<SqlConnectionArgs>;
  /** Kinds (`table`, `view`, ...) or name patterns (`Sales.*`, `dbo.usp_*`) to deploy; default everything. Updated in place. */
  include?: pulumi.Input<pulumi.Input<string>[]>;
  /** Kinds or name patterns to leave out; default none. Updated in place. */
  exclude?: pulumi.Input<pulumi.Input<string>[]>;
  /** Which findings fail preview: "blocking" (default), "warning", "never". Updated in place. */
  failOn?: pulumi.Input<"blocking" | "warning" | "never">;
  /** false: assess and write the script and reports only (default true). Updated in place. */
  deploy?: pulumi.Input<boolean>;
  /** Folder for the script and reports (default "schema-deployment", relative to the project directory). Updated in place. */
  outputDirectory?: pulumi.Input<string>;
  /** Apply changes that could lose data (default false). Updated in place. */
  allowDataLoss?: pulumi.Input<boolean>;
  /** Drop target objects the source does not have (default false). Updated in place. */
  dropExtraObjects?: pulumi.Input<boolean>;
  /** Service tier of the target, for tier-dependent findings; default none (tier-dependent rules stay silent). Updated in place. */
  targetTier?: pulumi.Input<"Basic" | "Standard" | "Premium" | "GeneralPurpose" | "BusinessCritical" | "Hyperscale">;
}

const provider = lazyProvider("schema-deployment");

/** The connection with its password or token wrapped as a secret, whether or not it was given as one. */
function withSecretCredentials(connection: pulumi.Input<SqlConnectionArgs>): pulumi.Output<SqlConnectionArgs> {
  return pulumi.output(connection).apply((c) => {
    const auth = c.authentication as SqlAuthenticationArgs;
    const authentication =
      auth.type === "sql"
        ? { ...auth, password: pulumi.secret(auth.password) }
        : auth.type === "entra-token"
          ? { ...auth, token: pulumi.secret(auth.token) }
          : auth;
    return { ...c, authentication };
  }) as pulumi.Output<SqlConnectionArgs>;
}

function withSecretSource(source: SchemaSourceArgs): pulumi.Input<SchemaSourceArgs> {
  // The other fields stay: a source giving two kinds is refused by check, not quietly narrowed to one.
  return "connection" in source && source.connection
    ? { ...source, connection: withSecretCredentials(source.connection) }
    : source;
}

/** A set of per-object hashes summarized: how many objects and one digest, overall and per kind. */
export interface HashSummaryOutput {
  count: number;
  digest: string;
  kinds: Record<string, { count: number; digest: string }>;
}

/**
 * Assesses a SQL Server schema for Azure SQL Database, writes the deployment script and reports, and (unless
 * deploy is false) deploys what the target lacks and reports anomalies. Blockers fail `pulumi preview`.
 */
export class SchemaDeployment extends pulumi.dynamic.Resource {
  /** Fingerprint of the (filtered) source schema this update worked from. */
  declare readonly sourceFingerprint: pulumi.Output<string>;
  /** Source objects by kind, after include/exclude. */
  declare readonly objectCounts: pulumi.Output<Record<string, number>>;
  /** Findings by severity, blocking rule ids, and whether failOn stops the deployment. */
  declare readonly assessment: pulumi.Output<{
    blocking: number;
    warning: number;
    info: number;
    blockingRuleIds: string[];
    failsPolicy: boolean;
  }>;
  /** Rule ids of the safe fixes the script applies. */
  declare readonly appliedFixes: pulumi.Output<string[]>;
  /** Objects left out of the script (blockers under failOn "never", their dependants), as `kind key`. */
  declare readonly omittedObjects: pulumi.Output<string[]>;
  /** The deployment script written. */
  declare readonly scriptPath: pulumi.Output<string>;
  /** The assessment (JSON, Markdown) and deployment reports written. */
  declare readonly reportPaths: pulumi.Output<{
    assessmentJson: string;
    assessmentMarkdown: string;
    deploymentReport: string;
  }>;
  /** True once the whole plan ran on the target (false with deploy: false or while a run is partial). */
  declare readonly deployed: pulumi.Output<boolean>;
  /** Batches in the current plan. */
  declare readonly plannedBatchCount: pulumi.Output<number>;
  /** Batches of the plan that ran, across resumed runs. */
  declare readonly deployedBatchCount: pulumi.Output<number>;
  /** Set while a deployment is partial: the batch the next update resumes at. */
  declare readonly nextBatchIndex: pulumi.Output<number | undefined>;
  /** The first error of a partial run: object, batch and the server's message. */
  declare readonly lastError: pulumi.Output<string | undefined>;
  /** Changes found but not applied (column changes, data loss without allowDataLoss, ...), with why. */
  declare readonly heldBack: pulumi.Output<{ id: string; reason: string; details: string[] }[]>;
  /** Fingerprint of the target's schema read back after the deployment. */
  declare readonly fingerprint: pulumi.Output<string | undefined>;
  /** What the target lacks, has extra, or has differently after the deployment (clean when none). */
  declare readonly anomalies: pulumi.Output<
    { missing: string[]; extra: string[]; different: { id: string; details: string[] }[]; clean: boolean } | undefined
  >;
  /**
   * Summary of the last deployed source's objects: count and digest, overall and per kind. The per-object
   * hashes are in `<db>.objects.json` in outputDirectory, not in state.
   */
  declare readonly objectSummary: pulumi.Output<HashSummaryOutput>;
  /** The same summary of the target's objects read back after the deployment. */
  declare readonly targetSummary: pulumi.Output<HashSummaryOutput | undefined>;
  /**
   * Set by refresh: whether the target's schema drifted since it was deployed, and how: the objects missing,
   * extra or changed, and the kinds that drifted (with counts as deployed and now). When the objects file is
   * missing or does not match the state, only the kinds are given, and namesUnavailable says why.
   */
  declare readonly drift: pulumi.Output<
    | {
        detected: boolean;
        checkedAt: string;
        fingerprint: string;
        missing: string[];
        extra: string[];
        changed: string[];
        kinds?: { kind: string; before: number; after: number }[];
        namesUnavailable?: string;
      }
    | undefined
  >;

  constructor(name: string, args: SchemaDeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        source: withSecretSource(args.source),
        target: withSecretCredentials(args.target),
        ...outputPlaceholders(SCHEMA_DEPLOYMENT_OUTPUTS),
      },
      // The outputs repeat the inputs, credentials included: keep them encrypted in state.
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["source", "target"] }),
      "azure-sql-migration",
      "SchemaDeployment",
    );
  }
}
