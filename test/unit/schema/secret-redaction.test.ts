/**
 * No password written in a script may travel with the model: every place the model goes (snapshot, reader
 * warnings, assessment reports, generated script) is scanned for each secret below.
 */
import { assess } from "../../../provider/schema/assessment/assess";
import { renderAssessmentJson } from "../../../provider/schema/assessment/report-json";
import { renderAssessmentMarkdown } from "../../../provider/schema/assessment/report-markdown";
import { REDACTED_LITERAL, redactSecrets } from "../../../provider/schema/redact";
import { readScriptText } from "../../../provider/schema/script-reader";
import { generateScript } from "../../../provider/schema/script-generator";
import { serializeSnapshot } from "../../../provider/schema/snapshot";

/** Each statement carries one secret, named after the shape that carries it. */
const SECRET_STATEMENTS: Record<string, string> = {
  "leak-login-option": "CREATE LOGIN l WITH PASSWORD = N'leak-login-option' MUST_CHANGE, CHECK_POLICY = ON",
  "leak-old-password": "ALTER LOGIN l WITH PASSWORD = 'x1' OLD_PASSWORD = 'leak-old-password'",
  "leak-master-key": "CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'leak-master-key'",
  "leak-credential-secret":
    "CREATE CREDENTIAL c WITH IDENTITY = 'SHARED ACCESS SIGNATURE', SECRET = 'leak-credential-secret'",
  "leak-media-password": "BACKUP DATABASE d TO DISK = 'd.bak' WITH MEDIAPASSWORD = 'leak-media-password'",
  "leak-rmtpassword":
    "EXEC master.dbo.sp_addlinkedsrvlogin @rmtsrvname = N'S', @useself = N'False', @locallogin = NULL, @rmtuser = N'u', @rmtpassword = N'leak-rmtpassword'",
  "leak-positional-linked-login":
    "EXEC sp_addlinkedsrvlogin N'S', 'false', NULL, N'u', N'leak-positional-linked-login'",
  "leak-provstr":
    "EXEC sp_addlinkedserver @server = N'S2', @srvproduct = N'', @provider = N'MSOLEDBSQL', @provstr = N'Server=h;User ID=u;Password=leak-provstr;'",
  "leak-addlogin": "EXEC sp_addlogin 'legacy', 'leak-addlogin'",
  "leak-sp-password": "EXEC sp_password @old = 'leak-sp-password', @new = 'leak-sp-password-new', @loginame = 'legacy'",
  "leak-approle": "EXEC sp_setapprole 'r', 'leak-approle'",
};

const script = Object.values(SECRET_STATEMENTS).join("\nGO\n");

describe("secrets written in scripts", () => {
  it("reach neither the snapshot, the warnings, the reports nor the generated script", () => {
    const { model, warnings } = readScriptText(script, "secrets.sql");
    const report = assess(model);
    const everything = [
      serializeSnapshot(model),
      JSON.stringify(warnings),
      renderAssessmentJson(report),
      renderAssessmentMarkdown(report),
      JSON.stringify(generateScript(model)),
    ].join("\n");
    for (const secret of Object.keys(SECRET_STATEMENTS))
      expect({ secret, leaked: everything.includes(secret) }).toEqual({ secret, leaked: false });
    // The statements themselves are kept (redacted), so the scan above looked at text that was really there.
    expect(everything).toContain("sp_addlinkedsrvlogin");
    expect(everything).toContain(REDACTED_LITERAL);
  });

  it.each(Object.entries(SECRET_STATEMENTS))("%s is replaced by the redacted literal", (secret, statement) => {
    const redacted = redactSecrets(statement);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED_LITERAL);
  });

  it("leaves the other arguments and options as written", () => {
    expect(redactSecrets("EXEC sp_addlinkedsrvlogin N'S', 'false', NULL, N'u', N'pw'")).toBe(
      `EXEC sp_addlinkedsrvlogin N'S', 'false', NULL, N'u', ${REDACTED_LITERAL}`,
    );
    expect(redactSecrets("CREATE CREDENTIAL c WITH IDENTITY = 'id', SECRET = 's'")).toBe(
      `CREATE CREDENTIAL c WITH IDENTITY = 'id', SECRET = ${REDACTED_LITERAL}`,
    );
    const noSecret = "EXEC dbo.MyProc 'a', 'b'; SELECT 'Password is not a connection string'";
    expect(redactSecrets(noSecret)).toBe(noSecret);
  });
});
