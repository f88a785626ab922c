/**
 * The quickstart stack: what a platform team declares to migrate a database. It runs unchanged against Azure
 * and against the project's ARM emulator (the environment decides which; see the README).
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceProviderRegistration } from "../../components";

export interface QuickstartSettings {
  subscriptionId: string;
}

export function quickstartProgram(settings: QuickstartSettings) {
  return async () => {
    const registration = new ResourceProviderRegistration("datamigration-provider", {
      subscriptionId: settings.subscriptionId,
      namespace: "Microsoft.DataMigration",
    });
    return {
      dataMigrationProvider: pulumi.interpolate`${registration.namespace}: ${registration.registrationState}`,
    };
  };
}
