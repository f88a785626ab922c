/**
 * Outputs as plain JSON. The dynamic provider host converts outputs to a protobuf Struct, which rejects
 * `undefined` ("Unexpected struct type"); optional fields that are absent must be left out, not undefined.
 */
export function plainOutputs<T>(outputs: T): T {
  return JSON.parse(JSON.stringify(outputs)) as T;
}
