/**
 * Access tokens for Azure SQL Database from Microsoft Entra ID. DefaultAzureCredential covers what
 * CI pipelines use (environment variables, workload identity, managed identity, Azure CLI).
 */
import type { TokenCredential } from "@azure/core-auth";

/** The resource scope of Azure SQL Database (and SQL Managed Instance). */
export const AZURE_SQL_SCOPE = "https://database.windows.net/.default";

export async function getAzureSqlAccessToken(
  options: { managedIdentityClientId?: string; credential?: TokenCredential } = {},
): Promise<string> {
  let credential = options.credential;
  if (!credential) {
    // Loaded lazily: @azure/identity is heavy, and this module runs inside Pulumi dynamic providers.
    const { DefaultAzureCredential } = require("@azure/identity") as typeof import("@azure/identity");
    credential = new DefaultAzureCredential(
      options.managedIdentityClientId ? { managedIdentityClientId: options.managedIdentityClientId } : {},
    );
  }
  const token = await credential.getToken(AZURE_SQL_SCOPE);
  if (!token) throw new Error(`Microsoft Entra ID returned no access token for ${AZURE_SQL_SCOPE}`);
  return token.token;
}
