/**
 * The baseline of the engine benchmark: a stack of `count` trivial dynamic resources, the least a stack of
 * that many dynamic resources can cost the engine (one provider process, a check/diff per resource, nothing
 * loaded, no network). The quickstart's figures are divided by this stack's, measured in the same run.
 */
import * as pulumi from "@pulumi/pulumi";

/** A provider that does nothing: its serialized form captures no module and no value. */
const trivialProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `trivial-${inputs.index}`, outs: inputs };
  },
  async diff() {
    return { changes: false };
  },
  async read(id, props) {
    return { id, props };
  },
};

class TrivialResource extends pulumi.dynamic.Resource {
  constructor(name: string, index: number) {
    super(trivialProvider, name, { index }, {});
  }
}

export function bareProgram(count: number) {
  return async () => {
    for (let i = 0; i < count; i++) new TrivialResource(`trivial-${i}`, i);
    return {};
  };
}
