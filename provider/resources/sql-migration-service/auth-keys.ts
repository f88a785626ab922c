/** The service's two auth keys: read with listAuthKeys, rotated one at a time with regenerateAuthKeys. */
import { ArmClient } from "../../arm";
import {
  authKeysSchema,
  parseDms,
  SQL_MIGRATION_API_VERSION,
  sqlMigrationServicePath,
  type SqlMigrationServiceAddress,
} from "../../dms";
import { logInfo } from "../log";
import { AUTH_KEY_NAMES, type SqlMigrationServiceInputs } from "./inputs";

export interface AuthKeyPair {
  authKey1: string;
  authKey2: string;
}

export async function listAuthKeys(arm: ArmClient, address: SqlMigrationServiceAddress): Promise<AuthKeyPair> {
  const body = await arm.post(`${sqlMigrationServicePath(address)}/listAuthKeys`, SQL_MIGRATION_API_VERSION);
  const keys = parseDms(authKeysSchema, body, "AuthenticationKeys");
  return { authKey1: keys.authKey1 ?? "", authKey2: keys.authKey2 ?? "" };
}

/** Regenerates every key whose counter was bumped since the last update: one call per bumped key. */
export async function regenerateBumpedKeys(
  arm: ArmClient,
  address: SqlMigrationServiceAddress,
  olds: Pick<SqlMigrationServiceInputs, "regenerateAuthKeys">,
  news: Pick<SqlMigrationServiceInputs, "regenerateAuthKeys">,
): Promise<void> {
  for (const keyName of AUTH_KEY_NAMES) {
    if (news.regenerateAuthKeys[keyName] === olds.regenerateAuthKeys[keyName]) continue;
    logInfo(
      `regenerating ${keyName} of sqlMigrationService ${address.serviceName}: the old key no longer registers runtime nodes`,
    );
    await arm.post(`${sqlMigrationServicePath(address)}/regenerateAuthKeys`, SQL_MIGRATION_API_VERSION, { keyName });
  }
}
