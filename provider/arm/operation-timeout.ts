/**
 * A long-running operation still running when the caller's budget ran out. Not a failure of the operation:
 * it goes on in Azure, and the next `pulumi up` finds it (adoption) and waits again.
 */
export class OperationTimeoutError extends Error {
  override readonly name = "OperationTimeoutError";

  constructor(
    /** What was being done, e.g. `PUT /subscriptions/.../services/dms1`. */
    readonly operation: string,
    readonly timeoutMs: number,
    /** The last status core-lro saw (`running`, …). */
    readonly lastStatus: string | undefined,
  ) {
    super(
      `${operation} did not finish within ${Math.round(timeoutMs / 1000)} s (last status: ${lastStatus ?? "unknown"}); ` +
        "it goes on in Azure: run `pulumi up` again to keep waiting, or raise the resource's timeoutSeconds",
    );
  }
}
