/** AZSQL011 (server-scoped triggers) and AZSQL012 (server-level objects). */
import type { AssessmentRule, Finding } from "../types";

export const serverTriggers: AssessmentRule = {
  id: "AZSQL011",
  title: "Server-scoped trigger",
  severity: "blocking",
  detects: "DDL and logon triggers created ON ALL SERVER.",
  recommendation:
    "Azure SQL Database has no server-scoped triggers. Use database-scoped DDL triggers (ON DATABASE) for schema auditing, and Azure SQL Auditing or Microsoft Defender for SQL for logon auditing.",
  check(ctx) {
    return ctx.model.triggers
      .filter((t) => t.scope === "server")
      .map((t) => ctx.finding(this, t, `trigger ${t.name} is created ON ALL SERVER (${t.events.join(", ")})`));
  },
};

/** Statements that change server-level state. */
const SERVER_STATEMENTS = ["ALTER SERVER", "ALTER LOGIN"];

export const serverObjects: AssessmentRule = {
  id: "AZSQL012",
  title: "Server-level object",
  severity: "warning",
  detects:
    "CREATE LOGIN, CREATE SERVER ROLE, CREATE ENDPOINT, CREATE CREDENTIAL, server audits, ALTER SERVER ROLE / ALTER LOGIN statements.",
  recommendation:
    "Server objects are not part of an Azure SQL database. Create logins in the logical server's master database (or use contained users and Microsoft Entra ID), and use Azure features for endpoints and audits. The generated database script leaves them out.",
  fix: {
    description:
      "Server-level objects (logins, server roles, endpoints, credentials, audits) left out of the database script.",
    apply(model) {
      model.serverObjects = model.serverObjects.filter((s) => s.serverObjectType === "LINKED SERVER");
      model.statements = model.statements.filter((s) => !SERVER_STATEMENTS.includes(s.firstWords));
    },
  },
  check(ctx) {
    const findings: Finding[] = [];
    for (const s of ctx.model.serverObjects) {
      if (s.serverObjectType !== "LINKED SERVER")
        findings.push(ctx.finding(this, s, `${s.serverObjectType} ${s.name} is a server-level object`));
    }
    for (const s of ctx.model.statements)
      if (SERVER_STATEMENTS.includes(s.firstWords))
        findings.push(ctx.finding(this, s, `${s.firstWords} changes server-level state`));
    return findings;
  },
};
