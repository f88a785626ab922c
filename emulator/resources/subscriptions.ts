/**
 * Subscriptions are accepted on first use: any well-formed GUID is a subscription, unless the emulator
 * was given a fixed list. ARM answers a malformed id with 400 InvalidSubscriptionId and an unknown one
 * with 404 SubscriptionNotFound; every route with a {subscriptionId} segment goes through ensure().
 */
import { armErrors } from "../arm/errors";
import { idKey, isGuid } from "../arm/ids";

export class SubscriptionDirectory {
  private readonly known?: ReadonlySet<string>;
  private readonly seen = new Map<string, string>();

  constructor(knownSubscriptions?: readonly string[]) {
    this.known = knownSubscriptions ? new Set(knownSubscriptions.map(idKey)) : undefined;
  }

  ensure(subscriptionId: string): void {
    if (!isGuid(subscriptionId)) throw armErrors.invalidSubscriptionId(subscriptionId);
    const key = idKey(subscriptionId);
    if (this.known && !this.known.has(key)) throw armErrors.subscriptionNotFound(subscriptionId);
    if (!this.seen.has(key)) this.seen.set(key, subscriptionId);
  }

  /** Subscriptions used so far, in the casing first seen. */
  list(): string[] {
    return [...this.seen.values()];
  }
}
