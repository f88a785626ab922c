/**
 * Plays the part of the person who installs the self-hosted integration runtime (SHIR) next to the source:
 * once a sqlMigrationService is provisioned in the resource group, read its key as
 * `az datamigration sql-service list-auth-key` does, and register a runtime node with it through the
 * emulator's admin endpoint, as RegisterIntegrationRuntime.ps1 does with a real runtime. The quickstart and
 * the engine tests run it beside `pulumi up`, which waits for the runtime to come online.
 */
import { ArmClient, sleep } from "../../provider/arm";
import { SQL_MIGRATION_API_VERSION } from "../../provider/dms/sql-migration";

export interface RuntimeOperator {
  /** Resolves with the service the node registered with, or undefined when stopped first. */
  registered: Promise<string | undefined>;
  stop(): void;
}

export function operateSelfHostedRuntime(
  arm: ArmClient,
  scope: { subscriptionId: string; resourceGroupName: string },
  options: {
    nodeName?: string;
    pollMs?: number;
    log?: (line: string) => void;
    /** Registers only once this holds (tests use it to make the provider see the runtime offline first). */
    registerWhen?: () => boolean;
  } = {},
): RuntimeOperator {
  let stopped = false;
  const services = `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroupName}/providers/Microsoft.DataMigration/sqlMigrationServices`;
  const nodeName = options.nodeName ?? "shir-node-1";
  const registered = (async () => {
    while (!stopped) {
      const list = await arm
        .find<{ value: { id: string; name: string; properties?: { provisioningState?: string } }[] }>(
          services,
          SQL_MIGRATION_API_VERSION,
        )
        .catch(() => undefined);
      const ready = list?.value.find((s) => s.properties?.provisioningState === "Succeeded");
      if (ready && (options.registerWhen?.() ?? true)) {
        const keys = await arm.post<{ authKey1: string }>(`${ready.id}/listAuthKeys`, SQL_MIGRATION_API_VERSION);
        await arm.request({
          method: "POST",
          path: "/_emulator/datamigration/integration-runtime/nodes",
          body: { authKey: keys.authKey1, nodeName },
        });
        options.log?.(`self-hosted integration runtime: node ${nodeName} registered with ${ready.name} using authKey1`);
        return ready.name;
      }
      await sleep(options.pollMs ?? 500);
    }
    return undefined;
  })();
  return { registered, stop: () => void (stopped = true) };
}
