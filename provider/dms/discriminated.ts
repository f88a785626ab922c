import { z } from "zod";

/**
 * A result or task whose discriminator this project does not model (e.g. a validation result, a login-level
 * output, a task type we never create). Kept as-is so nothing the service returned is lost.
 */
export interface UnmodelledVariant {
  readonly [key: string]: unknown;
}

/**
 * Like `z.discriminatedUnion`, with two differences the service's output needs:
 *  - an unknown discriminator value passes through as an UnmodelledVariant instead of failing the whole read;
 *  - a known value that does not match its variant fails with the variant's own field paths
 *    (a plain `z.union` with a catch-all would silently accept it as "unknown" instead).
 */
export function discriminatedLoose<K extends string, M extends Record<string, z.ZodType>>(key: K, variants: M) {
  type Out = z.output<M[keyof M]> | UnmodelledVariant;
  return z.looseObject({ [key]: z.string() } as Record<K, z.ZodString>).transform((value, ctx): Out => {
    const discriminator = (value as Record<string, unknown>)[key] as string;
    const variant = Object.prototype.hasOwnProperty.call(variants, discriminator) ? variants[discriminator] : undefined;
    if (!variant) return value as UnmodelledVariant;
    const parsed = variant.safeParse(value);
    if (parsed.success) return parsed.data as Out;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path as PropertyKey[] });
    }
    return z.NEVER;
  });
}
