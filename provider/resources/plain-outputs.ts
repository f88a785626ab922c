/**
 * Outputs as plain JSON. The dynamic provider host converts outputs to a protobuf Struct, which rejects
 * `undefined` ("Unexpected struct type"); optional fields that are absent must be left out, not undefined.
 */
import type * as pulumi from "@pulumi/pulumi";

export function plainOutputs<T>(outputs: T): T {
  return outputs === undefined ? outputs : (JSON.parse(JSON.stringify(outputs)) as T);
}

/**
 * The provider with every value it hands the host made plain: create/update outputs, read props and inputs, and
 * the properties a ResourceInitError records. One place, so no resource can forget it on one path.
 */
export function withPlainOutputs(provider: pulumi.dynamic.ResourceProvider): pulumi.dynamic.ResourceProvider {
  const recordingPlain = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const recorded = error as { properties?: unknown };
      if (recorded && typeof recorded === "object" && recorded.properties !== undefined) {
        recorded.properties = plainOutputs(recorded.properties);
      }
      throw error;
    }
  };
  return {
    ...provider,
    create:
      provider.create &&
      (async (inputs) => {
        const result = await recordingPlain(() => provider.create!(inputs));
        return { ...result, outs: plainOutputs(result.outs) };
      }),
    read:
      provider.read &&
      (async (id, props) => {
        const result = await provider.read!(id, props);
        return {
          ...result,
          props: plainOutputs(result.props),
          ...(result.inputs ? { inputs: plainOutputs(result.inputs) } : {}),
        };
      }),
    update:
      provider.update &&
      (async (id, olds, news) => {
        const result = await recordingPlain(() => provider.update!(id, olds, news));
        return { ...result, outs: plainOutputs(result.outs) };
      }),
  };
}
