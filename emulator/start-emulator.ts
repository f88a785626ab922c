/**
 * Wires the emulator together and starts it listening over HTTPS.
 *
 * One store, one clock, one LRO engine, one fault injector and one request log are shared by every
 * resource module, so a fault or a delay behaves the same whichever resource type a test exercises.
 */
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { RealClock, type Clock } from "./arm/clock";
import { BearerTokenAuthenticator } from "./arm/auth";
import { FaultInjector, type FaultSpec, type FaultSummary } from "./arm/faults";
import { LroEngine } from "./arm/lro";
import { createRequestListener } from "./arm/pipeline";
import { RequestLog, type RequestLogEntry } from "./arm/request-log";
import { Router } from "./arm/router";
import { ResourceStore } from "./arm/store";
import { createAdminRouter } from "./admin";
import { BUILTIN_MODULES } from "./modules";
import { resolveTimingAndPort, type EmulatorOptions } from "./options";
import { ProviderCatalog } from "./resources/provider-catalog";
import { ProviderRegistrations, type RegistrationState } from "./resources/provider-registrations";
import { requireResourceGroup } from "./resources/resource-groups";
import { SubscriptionDirectory } from "./resources/subscriptions";
import { WELL_KNOWN_PROVIDERS } from "./resources/well-known-providers";
import type { EmulatorServices } from "./services";
import { ensureEmulatorCertificates } from "./tls/certificates";

export interface EmulatorRequestLog {
  /** Every ARM request so far, oldest first. */
  read(): RequestLogEntry[];
  clear(): void;
  /** Requests matching a method ('*' for any) and a path pattern (case-insensitive). */
  count(method: string, path: RegExp | string): number;
  /** How many PUT/PATCH/POST/DELETE requests arrived. */
  writes(): number;
}

export interface EmulatorFaults {
  add(spec: FaultSpec): FaultSummary;
  clear(): void;
  list(): FaultSummary[];
}

export interface EmulatorProviders {
  /** Forces a namespace's registration state in a subscription (drift: "someone unregistered it"). */
  setState(subscriptionId: string, namespace: string, state: RegistrationState): void;
  getState(subscriptionId: string, namespace: string): RegistrationState;
}

export interface Emulator {
  /** Base URL, e.g. https://127.0.0.1:54321 — the ARM endpoint to give clients. */
  readonly url: string;
  readonly port: number;
  /** The CA certificate file clients must trust (NODE_EXTRA_CA_CERTS), and its PEM for in-process clients. */
  readonly caFile: string;
  readonly caPem: string;
  readonly clock: Clock;
  readonly requestLog: EmulatorRequestLog;
  readonly faults: EmulatorFaults;
  readonly providers: EmulatorProviders;
  /** The resource state, for tests that need to look behind the API. */
  readonly store: ResourceStore;
  stop(): Promise<void>;
}

// Longer than ~80 lines on purpose: the emulator's composition root: each statement builds or wires one part in
// dependency order; split, the same dozen parts would be passed between functions.
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const settings = resolveTimingAndPort(options);
  const host = options.host ?? "127.0.0.1";
  const certificates = ensureEmulatorCertificates(options.tlsDir);
  const clock = options.clock ?? new RealClock();
  const store = new ResourceStore();
  const faults = new FaultInjector();
  const requestLog = new RequestLog();
  const modules = options.modules ?? BUILTIN_MODULES;

  const catalog = new ProviderCatalog();
  for (const definition of WELL_KNOWN_PROVIDERS) catalog.define(definition);
  for (const module of modules) for (const definition of module.providers ?? []) catalog.define(definition);

  const registrations = new ProviderRegistrations(
    catalog,
    clock,
    settings.registrationDelayMs,
    options.registeredProviders,
  );
  const subscriptions = new SubscriptionDirectory(options.subscriptions);
  let url = "";
  const lro = new LroEngine({
    clock,
    faults,
    baseUrl: () => url,
    defaultStepDelayMs: settings.provisioningDelayMs,
    retryAfterSeconds: settings.retryAfterSeconds,
  });

  const services: EmulatorServices = {
    store,
    lro,
    clock,
    catalog,
    registrations,
    timing: {
      provisioningDelayMs: settings.provisioningDelayMs,
      registrationDelayMs: settings.registrationDelayMs,
      retryAfterSeconds: settings.retryAfterSeconds,
    },
    requireRegistered: (subscriptionId, namespace) => registrations.requireRegistered(subscriptionId, namespace),
    requireResourceGroup: (subscriptionId, name) => requireResourceGroup(store, subscriptionId, name),
  };

  const router = new Router();
  lro.registerRoutes(router);
  for (const module of modules) module.register(router, services);

  const adminRouter = createAdminRouter({
    faults,
    requestLog,
    registrations,
    clock,
    info: () => ({ url, caFile: certificates.caFile }),
  });
  for (const module of modules)
    (module as { registerAdmin?: (router: Router, services: EmulatorServices) => void }).registerAdmin?.(
      adminRouter,
      services,
    );

  const log =
    options.log === false ? undefined : (options.log ?? ((line: string) => process.stderr.write(`${line}\n`)));
  const server = https.createServer(
    { cert: certificates.certPem, key: certificates.keyPem },
    createRequestListener({
      router,
      adminRouter,
      authenticator: new BearerTokenAuthenticator(options.acceptedTokens),
      faults,
      requestLog,
      clock,
      checkSubscription: (id) => subscriptions.ensure(id),
      onUnexpectedError: (error, request) =>
        log?.(
          `emulator: unexpected error on ${request.method} ${request.path}: ${error instanceof Error ? error.stack : String(error)}`,
        ),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `https://${urlHost(host)}:${port}`;
  log?.(`ARM emulator listening on ${url}`);
  log?.(`ARM emulator CA certificate: ${certificates.caFile} (export NODE_EXTRA_CA_CERTS=${certificates.caFile})`);

  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    caFile: certificates.caFile,
    caPem: certificates.caPem,
    clock,
    store,
    requestLog: {
      read: () => requestLog.read(),
      clear: () => requestLog.clear(),
      count: (method, path) => requestLog.count(method, path),
      writes: () => requestLog.writes(),
    },
    faults: {
      add: (spec) => faults.add(spec),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    providers: {
      setState: (subscriptionId, namespace, state) => registrations.setState(subscriptionId, namespace, state),
      getState: (subscriptionId, namespace) => registrations.getState(subscriptionId, namespace),
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        clock.cancelAll();
        registrations.dispose();
        server.close(() => resolve());
        // Keep-alive sockets from SDK clients would otherwise hold close() open.
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

/** The host part of the URL clients use: wildcard binds are reached through loopback; IPv6 needs brackets. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
