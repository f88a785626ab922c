/**
 * Entry point for `pulumi up` with your own Pulumi CLI (the root Pulumi.yaml points here after `npm run build`).
 * Set `pulumi config set subscriptionId <guid>` first.
 */
import * as pulumi from "@pulumi/pulumi";
import { quickstartProgram } from "./program";

const config = new pulumi.Config();
const outputs = quickstartProgram({ subscriptionId: config.require("subscriptionId") })();
export const dataMigrationProvider = outputs.then((o) => o.dataMigrationProvider);
