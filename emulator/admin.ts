/**
 * The emulator's own control surface, for tests and scripts in another process:
 *
 *   GET    /_emulator/health                         { status, url, caFile }
 *   GET    /_emulator/requests                       { value: RequestLogEntry[] }
 *   DELETE /_emulator/requests                       clears the log
 *   GET    /_emulator/requests/count?method=&path=   { count } (path is a regex source; method '*' = any)
 *   GET    /_emulator/requests/writes                { count } of PUT/PATCH/POST/DELETE
 *   GET    /_emulator/faults                         { value: FaultSummary[] }
 *   POST   /_emulator/faults                         body: { method?, path, count, kind, retryAfterSeconds?, code?, message? }
 *   DELETE /_emulator/faults                         clears every fault
 *   GET    /_emulator/providers/{sub}/{namespace}    { registrationState }
 *   POST   /_emulator/providers/{sub}/{namespace}?state=NotRegistered   forces a registration state
 *   POST   /_emulator/clock/advance?ms=N             steps a ManualClock (409 on real time)
 *
 * No api-version, no token: these are not ARM calls, and they are not written to the request log.
 */
import { ManualClock, type Clock } from "./arm/clock";
import { armErrorResponse, armErrors } from "./arm/errors";
import { faultSpecSchema, type FaultInjector } from "./arm/faults";
import { respond } from "./arm/request";
import type { RequestLog } from "./arm/request-log";
import { Router } from "./arm/router";
import {
  REGISTRATION_STATES,
  type ProviderRegistrations,
  type RegistrationState,
} from "./resources/provider-registrations";

export interface AdminDeps {
  faults: FaultInjector;
  requestLog: RequestLog;
  registrations: ProviderRegistrations;
  clock: Clock;
  info: () => { url: string; caFile: string };
}

export function createAdminRouter(deps: AdminDeps): Router {
  const router = new Router();
  const { faults, requestLog, registrations, clock } = deps;

  router.add("GET", "/_emulator/health", () => respond.ok({ status: "ok", ...deps.info() }));

  router.add("GET", "/_emulator/requests", () => respond.ok({ value: requestLog.read() }));
  router.add("DELETE", "/_emulator/requests", () => {
    requestLog.clear();
    return respond.noContent();
  });
  router.add("GET", "/_emulator/requests/count", (req) =>
    respond.ok({ count: requestLog.count(req.query.get("method") ?? "*", req.query.get("path") ?? "") }),
  );
  router.add("GET", "/_emulator/requests/writes", () => respond.ok({ count: requestLog.writes() }));

  router.add("GET", "/_emulator/faults", () => respond.ok({ value: faults.list() }));
  router.add("POST", "/_emulator/faults", (req) => {
    const parsed = faultSpecSchema.safeParse(req.body);
    if (!parsed.success)
      throw armErrors.invalidRequestBody(
        parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      );
    return respond.created(faults.add(parsed.data));
  });
  router.add("DELETE", "/_emulator/faults", () => {
    faults.clear();
    return respond.noContent();
  });

  router.add("GET", "/_emulator/providers/{subscriptionId}/{namespace}", (req) =>
    respond.ok({ registrationState: registrations.getState(req.params["subscriptionId"]!, req.params["namespace"]!) }),
  );
  router.add("POST", "/_emulator/providers/{subscriptionId}/{namespace}", (req) => {
    const state = REGISTRATION_STATES.find((s) => s.toLowerCase() === (req.query.get("state") ?? "").toLowerCase());
    if (!state)
      throw armErrors.invalidRequestBody(`Query parameter 'state' must be one of ${REGISTRATION_STATES.join(", ")}.`);
    registrations.setState(req.params["subscriptionId"]!, req.params["namespace"]!, state as RegistrationState);
    return respond.ok({ registrationState: state });
  });

  router.add("POST", "/_emulator/clock/advance", (req) => {
    if (!(clock instanceof ManualClock))
      throw armErrorResponse(
        409,
        "ClockNotManual",
        "The emulator runs on real time; start it with a ManualClock to step time.",
      );
    const ms = Number(req.query.get("ms") ?? "0");
    if (!Number.isFinite(ms) || ms < 0)
      throw armErrors.invalidRequestBody("Query parameter 'ms' must be a non-negative number.");
    clock.advance(ms);
    return respond.ok({ now: new Date(clock.now()).toISOString() });
  });

  return router;
}
