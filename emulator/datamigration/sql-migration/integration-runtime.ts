/**
 * The self-hosted integration runtime (SHIR) behind each sqlMigrationService: its two auth keys and the
 * nodes registered with them. A real SHIR registers out of band (RegisterIntegrationRuntime.ps1 with an
 * auth key, no ARM call); tests do the same through the module's controls.
 *
 * Keys live here, in memory only: never in the store, never in a GET body; only listAuthKeys and
 * regenerateAuthKeys answer them. A regenerated key stops working for new registrations (standard ADF SHIR
 * behaviour); nodes already registered stay.
 */
import { randomBytes } from "node:crypto";
import { idKey, newGuid } from "../../arm/ids";
import { sqlMigrationErrors } from "./errors";

/** The runtime's name as listMonitoringData reports it (recorded: "default-ir"). */
export const INTEGRATION_RUNTIME_NAME = "default-ir";
/** The SHIR version the simulated nodes report (ADS's minimum for schema migration, 5.37.8767.4). */
export const SHIR_VERSION = "5.37.8767.4";

export type NodeStatus = "Online" | "Offline";
export type AuthKeyName = "authKey1" | "authKey2";
export type IntegrationRuntimeState = "NeedRegistration" | "Online" | "Offline";
export const AUTH_KEY_NAMES: readonly AuthKeyName[] = ["authKey1", "authKey2"];

interface RuntimeNode {
  nodeName: string;
  status: NodeStatus;
}

interface ServiceRuntime {
  serviceId: string;
  serviceName: string;
  region: string;
  runtimeId: string;
  keys: Record<AuthKeyName, string>;
  /** By lower-cased node name (machine names compare without regard to case). */
  nodes: Map<string, RuntimeNode>;
}

export interface NodeRegistration {
  serviceId: string;
  nodeName: string;
  integrationRuntimeState: IntegrationRuntimeState;
}

export class IntegrationRuntimes {
  private readonly byService = new Map<string, ServiceRuntime>();

  /** `exists` tells whether a service is still in the store (one removed with its resource group has no runtime). */
  constructor(private readonly exists: (serviceId: string) => boolean = () => true) {}

  /** Creates a service's runtime and keys; a service that already has them keeps them. */
  create(serviceId: string, serviceName: string, location: string): void {
    if (this.byService.has(idKey(serviceId))) return;
    const runtime: ServiceRuntime = {
      serviceId,
      serviceName,
      region: location.toLowerCase().replace(/\s+/g, ""),
      runtimeId: newGuid(),
      keys: { authKey1: "", authKey2: "" },
      nodes: new Map(),
    };
    for (const name of AUTH_KEY_NAMES) runtime.keys[name] = this.newKey(runtime);
    this.byService.set(idKey(serviceId), runtime);
  }

  /** Drops a deleted service's keys and nodes. */
  forget(serviceId: string): void {
    this.byService.delete(idKey(serviceId));
  }

  keys(serviceId: string): Record<AuthKeyName, string> {
    return { ...this.runtime(serviceId).keys };
  }

  /** Replaces one key; the old one no longer registers nodes. Returns the new key. */
  regenerate(serviceId: string, keyName: AuthKeyName): string {
    const runtime = this.runtime(serviceId);
    runtime.keys[keyName] = this.newKey(runtime);
    return runtime.keys[keyName];
  }

  /**
   * A node registers with a key (Online at once). The same name again is idempotent (it comes back Online);
   * a node registering with another service's key moves there, as a machine hosts one SHIR.
   */
  registerNode(authKey: string, nodeName: string): NodeRegistration {
    const runtime = [...this.byService.values()].find(
      (r) => this.exists(r.serviceId) && AUTH_KEY_NAMES.some((k) => r.keys[k] === authKey),
    );
    if (!runtime || authKey === "") throw sqlMigrationErrors.invalidAuthKey();
    for (const other of this.byService.values()) if (other !== runtime) other.nodes.delete(nodeName.toLowerCase());
    const existing = runtime.nodes.get(nodeName.toLowerCase());
    runtime.nodes.set(nodeName.toLowerCase(), { nodeName: existing?.nodeName ?? nodeName, status: "Online" });
    return {
      serviceId: runtime.serviceId,
      nodeName: existing?.nodeName ?? nodeName,
      integrationRuntimeState: this.state(runtime.serviceId),
    };
  }

  /** A registered node stops or comes back; throws 404 NodeNotFound for an unknown node. */
  setNodeStatus(nodeName: string, status: NodeStatus): void {
    for (const runtime of this.byService.values()) {
      const node = runtime.nodes.get(nodeName.toLowerCase());
      if (node) {
        node.status = status;
        return;
      }
    }
    throw sqlMigrationErrors.nodeNotFound(nodeName);
  }

  /** Removes a node from a service's runtime; false when the service has no such node. */
  deleteNode(serviceId: string, nodeName: string): boolean {
    return this.byService.get(idKey(serviceId))?.nodes.delete(nodeName.toLowerCase()) ?? false;
  }

  /** NeedRegistration without nodes (none yet, or all deleted); Online with an Online node; Offline otherwise. */
  state(serviceId: string): IntegrationRuntimeState {
    const nodes = [...(this.byService.get(idKey(serviceId))?.nodes.values() ?? [])];
    if (nodes.length === 0) return "NeedRegistration";
    return nodes.some((n) => n.status === "Online") ? "Online" : "Offline";
  }

  /**
   * IntegrationRuntimeMonitoringData. `status` and `version` are extra node-level properties, which the
   * spec's NodeMonitoringData admits (its additionalProperties: "unmatched properties from the message").
   */
  monitoringData(serviceId: string): { name: string; nodes: Array<Record<string, unknown>> } {
    const nodes = [...(this.byService.get(idKey(serviceId))?.nodes.values() ?? [])];
    return {
      name: INTEGRATION_RUNTIME_NAME,
      nodes: nodes.map((n) => ({
        nodeName: n.nodeName,
        availableMemoryInMB: n.status === "Online" ? 8192 : 0,
        cpuUtilization: n.status === "Online" ? 12 : 0,
        concurrentJobsLimit: 20,
        concurrentJobsRunning: 0,
        maxConcurrentJobs: 20,
        sentBytes: 0,
        receivedBytes: 0,
        status: n.status,
        version: SHIR_VERSION,
      })),
    };
  }

  private runtime(serviceId: string): ServiceRuntime {
    const runtime = this.byService.get(idKey(serviceId));
    if (!runtime) throw new Error(`No integration runtime for ${serviceId}`);
    return runtime;
  }

  /** `IR@<runtime guid>@<service>@ServiceEndpoint=<region>.frontend.clouddatahub.net@<base64 of 32 random bytes>`. */
  private newKey(runtime: ServiceRuntime): string {
    return `IR@${runtime.runtimeId}@${runtime.serviceName}@ServiceEndpoint=${runtime.region}.frontend.clouddatahub.net@${randomBytes(32).toString("base64")}`;
  }
}
