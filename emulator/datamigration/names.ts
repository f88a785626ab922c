/**
 * Name rules of the classic resources (Azure's naming rules for Microsoft.DataMigration): services 2–62
 * characters, projects 2–57, letters, digits, hyphens, periods and underscores, starting with a letter or digit.
 * Tasks have no documented rule; the project rule is used. ARM also refuses a name ending in a period. Written
 * for the emulator, independently of the provider's name generator.
 */
export type ClassicResourceKind = "service" | "project" | "task";

export const NAME_LENGTH: Readonly<Record<ClassicResourceKind, { min: number; max: number }>> = {
  service: { min: 2, max: 62 },
  project: { min: 2, max: 57 },
  task: { min: 2, max: 57 },
};

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isValidName(kind: ClassicResourceKind, name: string): boolean {
  const { min, max } = NAME_LENGTH[kind];
  return name.length >= min && name.length <= max && NAME.test(name) && !name.endsWith(".");
}
