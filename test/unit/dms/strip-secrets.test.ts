import { buildMigrationTaskBody, containsSecretField, stripSecrets } from "../../../provider/dms";

describe("stripSecrets", () => {
  const body = buildMigrationTaskBody({
    mode: "online",
    source: { server: "s", userName: "u", password: "P@ss-source" },
    target: { server: "t", userName: "u", password: "P@ss-target" },
    databases: [{ sourceName: "a", targetName: "b" }],
  });

  test("removes every password from a task body, keeps the rest", () => {
    expect(containsSecretField(body)).toBe(true);
    const clean = stripSecrets(body);
    expect(JSON.stringify(clean)).not.toMatch(/P@ss/);
    expect(containsSecretField(clean)).toBe(false);
    expect(
      (clean.properties.input as { sourceConnectionInfo: { userName: string } }).sourceConnectionInfo.userName,
    ).toBe("u");
  });

  test("does not modify its input", () => {
    stripSecrets(body);
    expect(JSON.stringify(body)).toMatch(/P@ss-source/);
  });

  test("other secret fields anywhere in the tree; publicKey kept", () => {
    const clean = stripSecrets({
      properties: {
        publicKey: "pk",
        azureApp: { applicationId: "id", appKey: "k" },
        backupBlobShare: { sasUri: "https://x?sig=1" },
      },
      list: [{ connectionString: "mongodb://u:p@h" }, { sourcePassword: "x", clientSecret: "y" }],
    });
    expect(clean).toEqual({
      properties: { publicKey: "pk", azureApp: { applicationId: "id" }, backupBlobShare: {} },
      list: [{}, {}],
    });
  });
});
