/** AZSQL013: users authenticated by Windows. */
import type { AssessmentRule } from "../types";

export const windowsUsers: AssessmentRule = {
  id: "AZSQL013",
  title: "Windows-authenticated user",
  severity: "blocking",
  detects: "Database users mapped to Windows logins or groups (DOMAIN\\name).",
  recommendation:
    "Azure SQL Database has no Windows authentication. Recreate the user as a Microsoft Entra ID user or group (CREATE USER ... FROM EXTERNAL PROVIDER), synchronised from Active Directory if needed, and grant it the same roles.",
  check(ctx) {
    return ctx.model.users
      .filter((u) => u.authentication === "windows")
      .map((u) =>
        ctx.finding(
          this,
          u,
          `user ${u.name} uses Windows authentication${u.loginName !== undefined ? ` (login ${u.loginName})` : ""}`,
        ),
      );
  },
};
