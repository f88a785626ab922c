/**
 * An error that still records the resource: the remote object exists (it was created or followed), but it did
 * not reach a healthy state. Pulumi's dynamic provider host turns an error carrying `id` and `properties` into
 * "resource initialization failed", so the engine saves these outputs in state and fails the update — the next
 * update starts from what was really reached instead of forgetting the remote object.
 */
export class ResourceInitError extends Error {
  readonly reasons: string[];

  constructor(
    message: string,
    readonly id: string,
    readonly properties: object,
    reasons: string[] = [],
  ) {
    super(message);
    this.reasons = reasons.length ? reasons : [message];
  }
}
