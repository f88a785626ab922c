import { ArmError } from "../../../provider/arm";

/** Resolves with the ArmError a call fails with; a call that succeeds (or fails otherwise) fails the test. */
export async function armFailure(call: Promise<unknown>): Promise<ArmError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ArmError) return error;
    throw error;
  }
  throw new Error("expected the call to fail with an ArmError");
}
