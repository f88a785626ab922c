/**
 * The DMS SKU names (`Basic_1vCore`, `Standard_4vCores`, `Premium_4vCores`, …) and the tier and size the
 * service fills in, as in the Services_CreateOrUpdate example (`Basic_1vCore` → tier Basic, size "1 vCore").
 */
const SKU_NAME = /^(Basic|Standard|Premium|GeneralPurpose|BusinessCritical)_(\d+)vCores?$/i;

export function skuDetails(name: string): { name: string; tier: string; size: string } | undefined {
  const m = SKU_NAME.exec(name);
  if (!m) return undefined;
  const cores = Number(m[2]);
  const tier = m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1);
  return { name, tier, size: `${cores} vCore${cores === 1 ? "" : "s"}` };
}

/** The VM size checkStatus reports for a tier (what the real service reports for its agents). */
export function vmSizeFor(tier: string): string {
  return tier.toLowerCase() === "premium" ? "Standard_D4_v3" : "Standard_A4_v2";
}
