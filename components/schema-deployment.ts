import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "./lazy-provider";

/** How to sign in: SQL authentication, Entra ID through DefaultAzureCredential, or an Entra ID access token. */
export type SqlAuthenticationArgs =
  | { type: "sql"; user: pulumi.Input<string>; /** Always stored as a Pulumi secret. */ password: pulumi.Input<string> }
  | { type: "entra-default"; managedIdentityClientId?: pulumi.Input<string> }
  | { type: "entra-token"; /** Always stored as a Pulumi secret. */ token: pulumi.Input<string> };

/** A SQL Server or Azure SQL database (see provider/sql/connection-spec.ts for every field). */
export interface SqlConnectionArgs {
  server: pulumi.Input<string>;
  port?: pulumi.Input<number>;
  database: pulumi.Input<string>;
  authentication: pulumi.Input<SqlAuthenticationArgs>;
  /** "strict" (TDS 8.0), true (default) or false. */
  encrypt?: pulumi.Input<"strict" | boolean>;
  trustServerCertificate?: pulumi.Input<boolean>;
  /** PEM of a CA to trust for this server (e.g. a test server's). */
  ca?: pulumi.Input<string>;
  hostNameInCertificate?: pulumi.Input<string>;
  connectTimeoutMs?: pulumi.Input<number>;
  requestTimeoutMs?: pulumi.Input<number>;
}

/** Exactly one of: a live database, T-SQL scripts (a .sql file or a folder of them), a model snapshot JSON. */
export type SchemaSourceArgs = { connection: pulumi.Input<SqlConnectionArgs> } | { scriptPath: pulumi.Input<string> } | { snapshotPath: pulumi.Input<string> };

export interface SchemaDeploymentArgs {
  source: SchemaSourceArgs;
  /** The Azure SQL Database to deploy to. */
  target: pulumi.Input<SqlConnectionArgs>;
  /** Kinds (`table`, `view`, ...) or name patterns (`Sales.*`, `dbo.usp_*`) to deploy; default everything. */
  include?: pulumi.Input<pulumi.Input<string>[]>;
  /** Kinds or name patterns to leave out. */
  exclude?: pulumi.Input<pulumi.Input<string>[]>;
  /** Which findings fail preview: "blocking" (default), "warning", "never". */
  failOn?: pulumi.Input<"blocking" | "warning" | "never">;
  /** false: assess and write the script and reports only (default true). */
  deploy?: pulumi.Input<boolean>;
  /** Folder for the script and reports (default "schema-deployment", relative to the project directory). */
  outputDirectory?: pulumi.Input<string>;
  /** Apply changes that could lose data (default false). */
  allowDataLoss?: pulumi.Input<boolean>;
  /** Drop target objects the source does not have (default false). */
  dropExtraObjects?: pulumi.Input<boolean>;
  /** Service tier of the target, for tier-dependent findings. */
  targetTier?: pulumi.Input<"Basic" | "Standard" | "Premium" | "GeneralPurpose" | "BusinessCritical" | "Hyperscale">;
}

const provider = lazyProvider("schema-deployment");

/** The connection with its password or token wrapped as a secret, whether or not it was given as one. */
function withSecretCredentials(connection: pulumi.Input<SqlConnectionArgs>): pulumi.Output<SqlConnectionArgs> {
  return pulumi.output(connection).apply((c) => {
    const auth = c.authentication as SqlAuthenticationArgs;
    const authentication =
      auth.type === "sql" ? { ...auth, password: pulumi.secret(auth.password) } : auth.type === "entra-token" ? { ...auth, token: pulumi.secret(auth.token) } : auth;
    return { ...c, authentication };
  }) as pulumi.Output<SqlConnectionArgs>;
}

function withSecretSource(source: SchemaSourceArgs): pulumi.Input<SchemaSourceArgs> {
  return "connection" in source ? { connection: withSecretCredentials(source.connection) } : source;
}

/**
 * Assesses a SQL Server schema for Azure SQL Database, writes the deployment script and reports, and (unless
 * deploy is false) deploys what the target lacks and reports anomalies. Blockers fail `pulumi preview`.
 */
export class SchemaDeployment extends pulumi.dynamic.Resource {
  declare readonly sourceFingerprint: pulumi.Output<string>;
  /** Source objects by kind, after include/exclude. */
  declare readonly objectCounts: pulumi.Output<Record<string, number>>;
  /** Findings by severity, blocking rule ids, and whether failOn stops the deployment. */
  declare readonly assessment: pulumi.Output<{ blocking: number; warning: number; info: number; blockingRuleIds: string[]; failsPolicy: boolean }>;
  declare readonly appliedFixes: pulumi.Output<string[]>;
  declare readonly omittedObjects: pulumi.Output<string[]>;
  declare readonly scriptPath: pulumi.Output<string>;
  declare readonly reportPaths: pulumi.Output<{ assessmentJson: string; assessmentMarkdown: string; deploymentReport: string }>;
  declare readonly deployed: pulumi.Output<boolean>;
  declare readonly plannedBatchCount: pulumi.Output<number>;
  declare readonly deployedBatchCount: pulumi.Output<number>;
  /** Set while a deployment is partial: the batch the next update resumes at. */
  declare readonly nextBatchIndex: pulumi.Output<number | undefined>;
  declare readonly lastError: pulumi.Output<string | undefined>;
  declare readonly heldBack: pulumi.Output<{ id: string; reason: string; details: string[] }[]>;
  /** Fingerprint of the target's schema read back after the deployment. */
  declare readonly fingerprint: pulumi.Output<string | undefined>;
  declare readonly anomalies: pulumi.Output<{ missing: string[]; extra: string[]; different: { id: string; details: string[] }[]; clean: boolean } | undefined>;
  /** Set by refresh: whether the target's schema drifted since it was deployed, and how. */
  declare readonly drift: pulumi.Output<
    { detected: boolean; checkedAt: string; fingerprint: string; missing: string[]; extra: string[]; changed: string[] } | undefined
  >;

  constructor(name: string, args: SchemaDeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        source: withSecretSource(args.source),
        target: withSecretCredentials(args.target),
        sourceFingerprint: undefined,
        objectCounts: undefined,
        objectHashes: undefined,
        assessment: undefined,
        appliedFixes: undefined,
        omittedObjects: undefined,
        scriptPath: undefined,
        reportPaths: undefined,
        deployed: undefined,
        plannedBatchCount: undefined,
        deployedBatchCount: undefined,
        nextBatchIndex: undefined,
        pendingBatchIds: undefined,
        pendingSourceFingerprint: undefined,
        pendingTarget: undefined,
        lastError: undefined,
        statementsRun: undefined,
        heldBack: undefined,
        fingerprint: undefined,
        targetObjectHashes: undefined,
        anomalies: undefined,
        drift: undefined,
      },
      // The outputs repeat the inputs, credentials included: keep them encrypted in state.
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["source", "target"] }),
      "azure-sql-migration",
      "SchemaDeployment",
    );
  }
}
