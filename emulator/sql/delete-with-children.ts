/**
 * A Microsoft.Sql delete as ARM answers it: 204 when the resource is absent; otherwise 202 with both
 * Azure-AsyncOperation and Location, and the resource gone when the operation completes — with everything under
 * its ID (a server's databases, and extension resources such as DMS databaseMigrations).
 */
import { respond, type ArmRequest, type ArmResponse } from "../arm/request";
import type { StoredResource } from "../arm/store";
import type { EmulatorServices } from "../services";
import { SQL_NAMESPACE } from "./paths";

export function deleteWithChildren(
  services: EmulatorServices,
  req: ArmRequest,
  resource: StoredResource | undefined,
): ArmResponse {
  if (!resource) return respond.noContent();
  return services.lro.accept(
    req,
    {
      subscriptionId: req.params["subscriptionId"]!,
      namespace: SQL_NAMESPACE,
      location: resource.location ?? "global",
      states: [],
      complete: () => void services.store.deleteTree(resource.id),
    },
    { status: 202, headers: "both" },
  );
}
