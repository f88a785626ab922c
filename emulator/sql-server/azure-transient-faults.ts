/**
 * The transient errors Azure SQL Database sends during reconfigurations, failovers and resource governance, as
 * the ERROR token carries them: number, state, class (severity) and the server's message text. Numbers, severities
 * and message texts follow Microsoft's "Troubleshooting connectivity issues and other errors with Azure SQL
 * Database" list of transient faults; the states are ones the service uses (the docs do not fix them).
 *
 * Severity 20 and above is fatal to the session: SQL Server sends the error and then closes the connection,
 * which is why those faults also drop the connection here (see ScriptedError.closeConnection).
 */
import type { ScriptedError } from "./scripted-failures";

export const AZURE_TRANSIENT_ERROR_NUMBERS = [40613, 40197, 40501, 49918, 10928, 10929, 4060] as const;
export type AzureTransientErrorNumber = (typeof AZURE_TRANSIENT_ERROR_NUMBERS)[number];

interface FaultText {
  state: number;
  class: number;
  message: (database: string, server: string) => string;
}

const FAULTS: Record<AzureTransientErrorNumber, FaultText> = {
  40613: {
    state: 4,
    class: 17,
    message: (database, server) =>
      `Database '${database}' on server '${server}' is not currently available. Please retry the connection later. ` +
      `If the problem persists, contact customer support, and provide them the session tracing ID of ` +
      `'{8F5A2C1D-5B2E-4C4F-9E0A-1C2D3E4F5A6B}'.`,
  },
  40197: {
    state: 1,
    class: 20,
    message: () => "The service has encountered an error processing your request. Please try again. Error code 4815.",
  },
  40501: {
    state: 1,
    class: 20,
    message: () =>
      "The service is currently busy. Retry the request after 10 seconds. " +
      "Incident ID: {3B9C1E77-0D4A-4F2B-A1C3-6E5D4C3B2A19}. Code: 4194307.",
  },
  49918: {
    state: 1,
    class: 16,
    message: () => "Cannot process request. Not enough resources to process request. Please retry you request later.",
  },
  10928: {
    state: 1,
    class: 20,
    message: () =>
      "Resource ID: 1. The request limit for the database is 60 and has been reached. " +
      "See 'https://docs.microsoft.com/azure/azure-sql/database/resource-limits-logical-server' for assistance.",
  },
  10929: {
    state: 1,
    class: 20,
    message: () =>
      "Resource ID: 1. The request minimum guarantee is 0, maximum limit is 60, and the current usage for the " +
      "database is 60. However, the server is currently too busy to support requests greater than 60 for this " +
      "database. See 'https://docs.microsoft.com/azure/azure-sql/database/resource-limits-logical-server' for " +
      "assistance. Otherwise, please try again later.",
  },
  4060: {
    state: 1,
    class: 16,
    message: (database) => `Cannot open database "${database}" requested by the login. The login failed.`,
  },
};

/** The error as Azure SQL sends it; severity 20+ also closes the connection, as the server does. */
export function azureTransientError(
  number: AzureTransientErrorNumber,
  where: { database: string; server: string },
): ScriptedError {
  const fault = FAULTS[number];
  return {
    number,
    state: fault.state,
    class: fault.class,
    message: fault.message(where.database, where.server),
    ...(fault.class >= 20 ? { closeConnection: true } : {}),
  };
}
