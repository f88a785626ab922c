import type { AccessToken, TokenCredential } from "@azure/core-auth";
import type { ArmSettings } from "./settings";

/** A credential that always answers with the same token: for the emulator or a token acquired elsewhere. */
class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}

  async getToken(): Promise<AccessToken> {
    // An hour ahead, so the bearer policy never tries to refresh it.
    return { token: this.token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
  }
}

/**
 * The credential for ARM calls: a static token when one is configured, otherwise DefaultAzureCredential
 * (environment, workload identity, managed identity, Azure CLI, ...), which is what CI pipelines on Azure use.
 */
export function createArmCredential(settings: ArmSettings): TokenCredential {
  if (settings.staticToken) return new StaticTokenCredential(settings.staticToken);
  // Loaded lazily: @azure/identity is heavy and not needed against the emulator.
  const { DefaultAzureCredential } = require("@azure/identity") as typeof import("@azure/identity");
  return new DefaultAzureCredential();
}
