/** The mssql configuration built from a connection spec: secure defaults, and each authentication kind. */
import { buildMssqlConfig } from "../../../provider/sql/connection";
import { sqlConnectionSpecSchema } from "../../../provider/sql/connection-spec";
import { redact } from "../../../provider/sql/errors";

const base = { server: "db.example.net", database: "Sales" };

test("encrypts and validates certificates unless told otherwise", () => {
  const config = buildMssqlConfig({ ...base, authentication: { type: "sql", user: "u", password: "p" } });
  expect(config).toMatchObject({ server: "db.example.net", port: 1433, database: "Sales", user: "u", password: "p" });
  expect(config.options).toMatchObject({ encrypt: true, trustServerCertificate: false });
  expect(config.options?.cryptoCredentialsDetails).toBeUndefined();
});

test("strict encryption, a CA to trust and a certificate host name are passed through", () => {
  const config = buildMssqlConfig({
    ...base,
    authentication: { type: "sql", user: "u", password: "p" },
    encrypt: "strict",
    ca: "PEM",
    hostNameInCertificate: "db.internal",
  });
  expect(config.options).toMatchObject({
    encrypt: "strict",
    cryptoCredentialsDetails: { ca: "PEM" },
    serverName: "db.internal",
  });
});

test("Entra ID authentication presents an access token", () => {
  const config = buildMssqlConfig({ ...base, authentication: { type: "entra-token", token: "tok" } }, "tok");
  expect(config.authentication).toEqual({ type: "azure-active-directory-access-token", options: { token: "tok" } });
  expect(config.user).toBeUndefined();
  expect(config.password).toBeUndefined();
  expect(() => buildMssqlConfig({ ...base, authentication: { type: "entra-default" } })).toThrow(
    /access token is required/,
  );
});

test("the spec schema rejects what would fail at connect time, with the field path", () => {
  const result = sqlConnectionSpecSchema.safeParse({
    ...base,
    port: 70000,
    authentication: { type: "sql", user: "u", password: "" },
  });
  expect(result.success).toBe(false);
  const paths = result.error!.issues.map((issue) => issue.path.join("."));
  expect(paths).toEqual(expect.arrayContaining(["port", "authentication.password"]));
});

test("redaction replaces every occurrence of every secret", () => {
  expect(redact("pw=abc; again abc; token xyz", ["abc", "xyz", ""])).toBe("pw=***; again ***; token ***");
});
