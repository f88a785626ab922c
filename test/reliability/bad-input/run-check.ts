/**
 * Runs one bad input through its resource's `check`, as the engine does at preview, and says what happened:
 * refused naming the field, accepted, refused naming other fields, crashed, or refused with a password in
 * the message.
 */
import type { BadInputCase } from "./generate";

export interface CheckVerdict {
  passed: boolean;
  observed: string;
}

interface CheckResult {
  failures?: { property: string; reason: string }[];
}

/**
 * The field is named when a failure is on it, or on its object with a message naming the key (zod's strict
 * objects). A failure on an input holding a credential has no property and leads its reason with the path.
 */
function namesField(given: { property: string; reason: string }, field: string): boolean {
  const led = /^([\w.[\]]+): ([\s\S]*)$/.exec(given.reason);
  const failure = given.property === "" && led ? { property: led[1], reason: led[2] } : given;
  if (failure.property === field) return true;
  const key = field.slice(failure.property.length + 1);
  return field.startsWith(`${failure.property}.`) && !key.includes(".") && failure.reason.includes(`"${key}"`);
}

export async function runBadInputCheck(
  check: (olds: unknown, news: unknown) => Promise<CheckResult>,
  badInput: BadInputCase,
  passwords: string[],
): Promise<CheckVerdict> {
  let result: CheckResult;
  try {
    result = await check(undefined, badInput.inputs);
  } catch (error) {
    return { passed: false, observed: `check threw: ${(error as Error).message}` };
  }
  const failures = result.failures ?? [];
  if (failures.length === 0) return { passed: false, observed: "accepted" };
  const leaked = failures.some((f) => passwords.some((p) => f.reason.includes(p) || f.property.includes(p)));
  if (leaked) return { passed: false, observed: "refused, with a password in the message" };
  // The engine prints the value of the property a failure is on: it must not be one that holds a password.
  const printed = failures.filter((f) =>
    passwords.some((p) => JSON.stringify(badInput.inputs[f.property] ?? null).includes(p)),
  );
  if (printed.length > 0)
    return {
      passed: false,
      observed: `refused on ${printed[0].property}, whose value (printed by the engine) holds a password`,
    };
  if (!failures.some((f) => namesField(f, badInput.field)))
    return { passed: false, observed: `refused naming ${failures.map((f) => f.property).join(", ")} instead` };
  if (failures.some((f) => f.reason.trim() === ""))
    return { passed: false, observed: "refused without saying what was expected" };
  return { passed: true, observed: "refused at check, field named" };
}
