/**
 * Helpers of the rules that look at the objects code names (cross-database, linked server, msdb, extended and
 * system procedures): bound object names only, so columns, aliases and methods of CLR-typed columns never count.
 */
import type { SchemaObject } from "../../model";
import { multipartNames } from "../scan";
import { significantTokens } from "../../tokenizer";
import { isThisDatabase, type BoundName } from "../binding";
import type { AssessmentContext, CodeUnit } from "../context";

/** The names a unit uses as objects: table sources, EXEC targets, function and procedure calls, sequences. */
export function objectNames(ctx: AssessmentContext, unit: CodeUnit): BoundName[] {
  return ctx.boundNames(unit).filter((b) => b.role === "object");
}

function defaultSchemaOf(object: SchemaObject): string {
  return "schema" in object && typeof object.schema === "string" && object.schema !== "" ? object.schema : "dbo";
}

/**
 * True when a bound object name resolves to an object of the model (this database, the module's schema or dbo
 * for a one-part name): a user procedure called `xp_archive` is not an extended stored procedure.
 */
export function isModelObject(ctx: AssessmentContext, unit: CodeUnit, name: BoundName): boolean {
  const catalog = ctx.catalog();
  if (name.server !== undefined) return false;
  if (name.database !== undefined && name.database !== "" && !isThisDatabase(catalog, name.database)) return false;
  const object = (name.object ?? "").toLowerCase();
  if (name.schema !== undefined && name.schema !== "")
    return catalog.objects.has(`${name.schema.toLowerCase()}.${object}`);
  return (
    catalog.objects.has(`${defaultSchemaOf(unit.object).toLowerCase()}.${object}`) ||
    catalog.objects.has(`dbo.${object}`)
  );
}

/** The parts of a synonym's base object name (`[Db].[dbo].[T]` → Db, dbo, T). */
export function synonymTargetParts(baseObjectName: string): string[] {
  return multipartNames(significantTokens(baseObjectName))[0]?.parts ?? [];
}
