export { ResourceProviderRegistration, type ResourceProviderRegistrationArgs } from "./resource-provider-registration";
