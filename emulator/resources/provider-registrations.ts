/**
 * Per-subscription registration state of each provider namespace, and the check other handlers use.
 *
 * ARM moves a namespace NotRegistered → Registering → Registered after POST .../register (and
 * Registered → Unregistering → NotRegistered after .../unregister), taking a while in between; the
 * emulator waits `registrationDelayMs` on its clock. Until the state is Registered, ARM refuses calls
 * to that namespace with 409 MissingSubscriptionRegistration — requireRegistered() is that refusal.
 */
import type { Clock, ClockTimer } from "../arm/clock";
import { armErrors } from "../arm/errors";
import { idKey } from "../arm/ids";
import type { ProviderCatalog, ProviderDefinition, ProviderResourceType, RegistrationPolicy } from "./provider-catalog";

export type RegistrationState = "NotRegistered" | "Registering" | "Registered" | "Unregistering";

export const REGISTRATION_STATES: readonly RegistrationState[] = [
  "NotRegistered",
  "Registering",
  "Registered",
  "Unregistering",
];

/** The `Provider` definition of the spec, as GET/POST on /providers/{namespace} return it. */
export interface ProviderBody {
  id: string;
  namespace: string;
  registrationState: RegistrationState;
  registrationPolicy: RegistrationPolicy;
  resourceTypes: ProviderResourceType[];
}

interface Entry {
  state: RegistrationState;
  timer?: ClockTimer;
}

export class ProviderRegistrations {
  private readonly entries = new Map<string, Entry>();
  private readonly preRegistered: ReadonlySet<string>;

  constructor(
    private readonly catalog: ProviderCatalog,
    private readonly clock: Clock,
    private readonly registrationDelayMs: number,
    preRegisteredNamespaces: readonly string[] = [],
  ) {
    this.preRegistered = new Set(preRegisteredNamespaces.map(idKey));
  }

  getState(subscriptionId: string, namespace: string): RegistrationState {
    return this.entry(subscriptionId, this.definition(namespace)).state;
  }

  /** Forces a state, cancelling any transition in flight (drift tests: "someone unregistered it"). */
  setState(subscriptionId: string, namespace: string, state: RegistrationState): void {
    const entry = this.entry(subscriptionId, this.definition(namespace));
    this.cancelTransition(entry);
    entry.state = state;
  }

  register(subscriptionId: string, namespace: string): ProviderBody {
    const definition = this.definition(namespace);
    const entry = this.entry(subscriptionId, definition);
    if (entry.state === "NotRegistered" || entry.state === "Unregistering") {
      this.transition(entry, "Registering", "Registered");
    }
    return this.describe(subscriptionId, definition);
  }

  unregister(subscriptionId: string, namespace: string): ProviderBody {
    const definition = this.definition(namespace);
    const entry = this.entry(subscriptionId, definition);
    if (entry.state === "Registered" || entry.state === "Registering") {
      this.transition(entry, "Unregistering", "NotRegistered");
    }
    return this.describe(subscriptionId, definition);
  }

  get(subscriptionId: string, namespace: string): ProviderBody {
    return this.describe(subscriptionId, this.definition(namespace));
  }

  list(subscriptionId: string): ProviderBody[] {
    return this.catalog.list().map((definition) => this.describe(subscriptionId, definition));
  }

  /** Throws ARM's 409 MissingSubscriptionRegistration unless `namespace` is Registered for the subscription. */
  requireRegistered(subscriptionId: string, namespace: string): void {
    const definition = this.catalog.get(namespace);
    if (definition?.registrationPolicy === "RegistrationFree") return;
    const state = definition ? this.entry(subscriptionId, definition).state : "NotRegistered";
    if (state !== "Registered") throw armErrors.missingSubscriptionRegistration(definition?.namespace ?? namespace);
  }

  /** Cancels pending transitions (the emulator is stopping). */
  dispose(): void {
    for (const entry of this.entries.values()) this.cancelTransition(entry);
  }

  private definition(namespace: string): ProviderDefinition {
    const definition = this.catalog.get(namespace);
    if (!definition) throw armErrors.invalidResourceNamespace(namespace);
    return definition;
  }

  private entry(subscriptionId: string, definition: ProviderDefinition): Entry {
    const key = `${idKey(subscriptionId)}|${idKey(definition.namespace)}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const startsRegistered =
        definition.registrationPolicy === "RegistrationFree" || this.preRegistered.has(idKey(definition.namespace));
      entry = { state: startsRegistered ? "Registered" : "NotRegistered" };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private transition(entry: Entry, during: RegistrationState, after: RegistrationState): void {
    this.cancelTransition(entry);
    entry.state = during;
    entry.timer = this.clock.schedule(this.registrationDelayMs, () => {
      entry.timer = undefined;
      entry.state = after;
    });
  }

  private cancelTransition(entry: Entry): void {
    if (entry.timer) this.clock.cancel(entry.timer);
    entry.timer = undefined;
  }

  private describe(subscriptionId: string, definition: ProviderDefinition): ProviderBody {
    return {
      id: `/subscriptions/${subscriptionId}/providers/${definition.namespace}`,
      namespace: definition.namespace,
      registrationState: this.entry(subscriptionId, definition).state,
      registrationPolicy: definition.registrationPolicy,
      resourceTypes: definition.resourceTypes,
    };
  }
}
