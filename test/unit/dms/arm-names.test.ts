import { DMS_NAME_LIMITS, dmsArmName, dmsArmNameFromUrn, isValidDmsName } from "../../../provider/dms";

describe("deterministic DMS names", () => {
  test("valid names are kept as they are", () => {
    expect(dmsArmName("service", "dms-prod_01.eu")).toBe("dms-prod_01.eu");
  });

  test("invalid characters are replaced and a hash keeps lossy cleanups apart", () => {
    const a = dmsArmName("project", "sales migration");
    const b = dmsArmName("project", "sales/migration");
    expect(a).toMatch(/^sales-migration-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(isValidDmsName("project", a)).toBe(true);
  });

  test("stable across calls", () => {
    expect(dmsArmName("task", "-- weird name!!")).toBe(dmsArmName("task", "-- weird name!!"));
  });

  test("length limits per kind", () => {
    const long = "x".repeat(200);
    for (const kind of ["service", "project", "task"] as const) {
      const name = dmsArmName(kind, long);
      expect(name.length).toBeLessThanOrEqual(DMS_NAME_LIMITS[kind].max);
      expect(isValidDmsName(kind, name)).toBe(true);
    }
    expect(dmsArmName("service", "a")).toMatch(/^a-[0-9a-f]{8}$/);
    expect(dmsArmName("service", "!!!")).toMatch(/^x-[0-9a-f]{8}$/);
  });

  test("from a URN: the resource name plus a hash of the whole URN", () => {
    const dev = dmsArmNameFromUrn("task", "urn:pulumi:dev::proj::sqlmig:index:MigrationTask::sales");
    const prod = dmsArmNameFromUrn("task", "urn:pulumi:prod::proj::sqlmig:index:MigrationTask::sales");
    expect(dev).toMatch(/^sales-[0-9a-f]{8}$/);
    expect(dev).not.toBe(prod);
    expect(dmsArmNameFromUrn("task", "urn:pulumi:dev::proj::sqlmig:index:MigrationTask::sales")).toBe(dev);
  });
});
