/**
 * A small resource module used by the tests, written the way the Microsoft.DataMigration module will
 * be: its own namespace, routes on the shared router, requireRegistered, the shared store and LRO engine.
 */
import {
  armErrors,
  provisioningStateSetter,
  respond,
  type ProviderDefinition,
  type ResourceModule,
  BUILTIN_MODULES,
} from "../../../emulator";

export const TEST_NAMESPACE = "Microsoft.EmulatorTest";

const WIDGET =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.EmulatorTest/widgets/{widgetName}";

const definition: ProviderDefinition = {
  namespace: TEST_NAMESPACE,
  registrationPolicy: "RegistrationRequired",
  resourceTypes: [{ resourceType: "widgets", locations: ["West Europe"], apiVersions: ["2024-01-01"] }],
};

export const widgetModule: ResourceModule = {
  name: TEST_NAMESPACE,
  providers: [definition],
  register(router, services) {
    const { store, lro } = services;
    const idOf = (p: Readonly<Record<string, string>>) =>
      `/subscriptions/${p["subscriptionId"]}/resourceGroups/${p["resourceGroupName"]}/providers/Microsoft.EmulatorTest/widgets/${p["widgetName"]}`;

    // PUT: 201 + Azure-AsyncOperation, the widget moves Accepted → Creating → Succeeded.
    router.add("PUT", WIDGET, (req) => {
      const subscriptionId = req.params["subscriptionId"]!;
      services.requireRegistered(subscriptionId, TEST_NAMESPACE);
      const group = services.requireResourceGroup(subscriptionId, req.params["resourceGroupName"]!);
      const id = idOf(req.params);
      const { created } = store.put({
        id,
        name: req.params["widgetName"]!,
        type: "Microsoft.EmulatorTest/widgets",
        location: group.location,
        properties: { ...((req.body as { properties?: object } | undefined)?.properties ?? {}) },
      });
      return lro.accept(
        req,
        {
          subscriptionId,
          namespace: TEST_NAMESPACE,
          location: group.location ?? "westeurope",
          states: ["Accepted", "Creating"],
          applyState: provisioningStateSetter(store, id),
        },
        { status: created ? 201 : 200, headers: "azureAsyncOperation", body: () => store.get(id) },
      );
    });

    router.add("GET", WIDGET, (req) => {
      services.requireRegistered(req.params["subscriptionId"]!, TEST_NAMESPACE);
      const widget = store.get(idOf(req.params));
      if (!widget)
        throw armErrors.resourceNotFound(
          "Microsoft.EmulatorTest/widgets",
          req.params["widgetName"]!,
          req.params["resourceGroupName"]!,
        );
      return respond.ok(widget);
    });

    // POST action: 202 with both headers; the Location answers 200 with a result body when done.
    router.add("POST", `${WIDGET}/polish`, (req) => {
      const id = idOf(req.params);
      if (!store.has(id))
        throw armErrors.resourceNotFound(
          "Microsoft.EmulatorTest/widgets",
          req.params["widgetName"]!,
          req.params["resourceGroupName"]!,
        );
      return lro.accept(
        req,
        {
          subscriptionId: req.params["subscriptionId"]!,
          namespace: TEST_NAMESPACE,
          location: "westeurope",
          states: ["Polishing"],
          complete: () => {
            store.update(id, (w) => {
              w.properties = { ...(w.properties ?? {}), shine: "bright" };
            });
          },
          result: () => ({ shine: "bright" }),
        },
        { status: 202, headers: "both" },
      );
    });
  },
};

export const MODULES_WITH_WIDGETS = [...BUILTIN_MODULES, widgetModule];
