/**
 * The same controls over HTTPS, for tests and scripts in another process (the standalone emulator). Served on
 * the emulator's admin router (no token, no api-version, not in the request log):
 *
 *   GET    /_emulator/datamigration/servers                 { value: [...] } (login names, never passwords)
 *   PUT    /_emulator/datamigration/servers/{server}        body: SqlServerDefinition (server taken from the path)
 *   DELETE /_emulator/datamigration/servers/{server}
 *   DELETE /_emulator/datamigration/servers                 clears the catalog
 *   POST   /_emulator/datamigration/source-changes          body: { database, table, server?, inserts?, updates?, deletes? }
 *   GET    /_emulator/datamigration/faults                  { value: [...] }
 *   POST   /_emulator/datamigration/faults                  body: DataMigrationFaultSpec → 201
 *   DELETE /_emulator/datamigration/faults
 *   GET    /_emulator/datamigration/simulation              SimulationSettings
 *   PATCH  /_emulator/datamigration/simulation              body: Partial<SimulationSettings>
 *   POST   /_emulator/datamigration/integration-runtime/nodes                    body: { authKey, nodeName? }
 *          → { serviceId, nodeName, integrationRuntimeState }, or 400 InvalidAuthKey (the key is never echoed)
 *   POST   /_emulator/datamigration/integration-runtime/nodes/{nodeName}/status  body: { status: "Online" | "Offline" }
 *          → { nodeName, status }, or 404 NodeNotFound
 */
import { z } from "zod";
import { respond } from "../arm/request";
import type { Router } from "../arm/router";
import { DEFAULT_NODE_NAME, type DataMigrationControls } from "./controls";
import { dataMigrationFaultSchema } from "./faults";
import { readBody } from "./request-body";
import { simulationSettingsSchema } from "./settings";
import { sqlServerDefinitionSchema } from "./source-catalog";

const PREFIX = "/_emulator/datamigration";

const sourceChange = z.object({
  database: z.string().min(1),
  table: z.string().min(1),
  server: z.string().optional(),
  inserts: z.number().int().min(0).optional(),
  updates: z.number().int().min(0).optional(),
  deletes: z.number().int().min(0).optional(),
});

const nodeRegistration = z.strictObject({ authKey: z.string().min(1), nodeName: z.string().min(1).optional() });
const nodeStatus = z.strictObject({ status: z.enum(["Online", "Offline"]) });

export function registerDataMigrationAdminRoutes(router: Router, controls: DataMigrationControls): void {
  router.add("GET", `${PREFIX}/servers`, () => respond.ok({ value: controls.servers.list() }));
  router.add("PUT", `${PREFIX}/servers/{server}`, (req) => {
    const body = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>;
    controls.servers.define(readBody(sqlServerDefinitionSchema, { ...body, server: req.params["server"] }));
    return respond.ok(
      controls.servers.list().find((s) => s.server.toLowerCase() === req.params["server"]!.toLowerCase()),
    );
  });
  router.add("DELETE", `${PREFIX}/servers/{server}`, (req) =>
    controls.servers.remove(req.params["server"]!) ? respond.ok(undefined) : respond.noContent(),
  );
  router.add("DELETE", `${PREFIX}/servers`, () => {
    controls.servers.clear();
    return respond.noContent();
  });

  router.add("POST", `${PREFIX}/source-changes`, (req) =>
    respond.ok({ tasks: controls.sourceChanges(readBody(sourceChange, req.body)) }),
  );

  router.add("GET", `${PREFIX}/faults`, () => respond.ok({ value: controls.faults.list() }));
  router.add("POST", `${PREFIX}/faults`, (req) =>
    respond.created(controls.faults.add(readBody(dataMigrationFaultSchema, req.body))),
  );
  router.add("DELETE", `${PREFIX}/faults`, () => {
    controls.faults.clear();
    return respond.noContent();
  });

  router.add("GET", `${PREFIX}/simulation`, () => respond.ok(controls.simulation.get()));
  router.add("PATCH", `${PREFIX}/simulation`, (req) =>
    respond.ok(controls.simulation.set(readBody(simulationSettingsSchema.partial(), req.body))),
  );

  router.add("POST", `${PREFIX}/integration-runtime/nodes`, (req) => {
    const body = readBody(nodeRegistration, req.body);
    return respond.ok(controls.integrationRuntime.registerNode(body.authKey, body.nodeName ?? DEFAULT_NODE_NAME));
  });
  router.add("POST", `${PREFIX}/integration-runtime/nodes/{nodeName}/status`, (req) => {
    const { status } = readBody(nodeStatus, req.body);
    controls.integrationRuntime.setNodeStatus(req.params["nodeName"]!, status);
    return respond.ok({ nodeName: req.params["nodeName"], status });
  });
}
