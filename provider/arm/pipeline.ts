import * as fs from "fs";
import * as tls from "tls";
import type { TokenCredential } from "@azure/core-auth";
import { bearerTokenAuthenticationPolicy, createPipelineFromOptions, type Pipeline } from "@azure/core-rest-pipeline";
import type { ArmSettings } from "./settings";

/**
 * The HTTP pipeline every ARM call goes through, built from @azure/core-rest-pipeline's own policies rather than
 * hand-written loops: throttling retry (429/503 honouring Retry-After), exponential retry (5xx and dropped
 * connections) bounded by `maxRetries`, redirects, user agent, and bearer-token authentication (which also
 * refuses to send a token over plain HTTP).
 */
export function createArmPipeline(settings: ArmSettings, credential: TokenCredential): Pipeline {
  const pipeline = createPipelineFromOptions({
    retryOptions: {
      maxRetries: settings.maxRetries,
      retryDelayInMs: settings.retryDelayMs,
      maxRetryDelayInMs: settings.maxRetryDelayMs,
    },
    userAgentOptions: { userAgentPrefix: "pulumi-azure-sql-migration" },
    // Setting `ca` replaces the system trust store, so the extra CA is added to the default roots.
    tlsOptions: settings.caFile
      ? { ca: [...tls.rootCertificates, fs.readFileSync(settings.caFile, "utf8")] }
      : undefined,
  });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: settings.scope }));
  return pipeline;
}
