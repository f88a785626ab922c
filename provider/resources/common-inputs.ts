/** Input rules shared by the resources that address Azure resources; messages say what was expected. */
import { z } from "zod";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const subscriptionIdInput = z
  .string()
  .regex(GUID, "must be a subscription GUID such as 00000000-0000-0000-0000-000000000000");

/**
 * An ARM resource id that `parse` splits into its parts, with a GUID for its subscription: ARM refuses any other
 * subscription segment, so a typo there fails preview rather than the first request of an `up`.
 */
export function armIdInput(parse: (id: string) => { subscriptionId: string } | undefined, message: string) {
  return z.string().refine((id) => GUID.test(parse(id)?.subscriptionId ?? ""), message);
}

/** ARM's resource group rule: 1-90 letters, digits, underscores, hyphens, periods, parentheses; no trailing period. */
export const resourceGroupNameInput = z
  .string()
  .regex(/^[-\w.()]{1,90}$/, "must be 1-90 letters, digits, '_', '-', '.', '(' or ')'")
  .refine((name) => !name.endsWith("."), "must not end with a period");

/** DMS service, project and task names: alphanumerics, '.', '_', '-', starting with an alphanumeric. */
export function dmsNameInput(maxLength: number) {
  return z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      "must start with a letter or digit and use only letters, digits, '.', '_' or '-'",
    )
    .min(2, "must be at least 2 characters")
    .max(maxLength, `must be at most ${maxLength} characters`);
}

export const locationInput = z
  .string()
  .regex(/^[A-Za-z0-9]+$/, "must be an Azure region name such as westeurope")
  .max(64, "must be at most 64 characters (an Azure region name such as westeurope)");

export const tagsInput = z.record(z.string(), z.string()).optional();

export const timeoutSecondsInput = (fallback: number) =>
  z.number().int("must be a whole number of seconds").positive("must be greater than 0").default(fallback);

/** Tags compare equal when they hold the same pairs, in any order; absent and empty are the same. */
export function sameTags(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const left = Object.entries(a ?? {}).sort(([x], [y]) => x.localeCompare(y));
  const right = Object.entries(b ?? {}).sort(([x], [y]) => x.localeCompare(y));
  return JSON.stringify(left) === JSON.stringify(right);
}
