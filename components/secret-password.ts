import * as pulumi from "@pulumi/pulumi";

/** Wraps an endpoint so its password is a secret in state even when it was given as plain text. */
export function withSecretPassword<T extends { password: pulumi.Input<string> }>(
  endpoint: pulumi.Input<T>,
): pulumi.Output<T> {
  return pulumi
    .output(endpoint)
    .apply((e) => ({ ...e, password: pulumi.secret(e.password) })) as unknown as pulumi.Output<T>;
}
