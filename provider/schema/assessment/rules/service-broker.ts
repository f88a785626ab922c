/** AZSQL006: Service Broker objects and statements. */
import { isWord, significantTokens, type Token } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";

/** Statement kinds that only exist for Service Broker. */
const BROKER_STATEMENTS = ["CREATE MESSAGE", "CREATE CONTRACT", "CREATE ROUTE", "CREATE REMOTE"];

/** Words after which RECEIVE is a column or expression (`SELECT receive * 2`), not the RECEIVE statement. */
const EXPRESSION_BEFORE = new Set([
  "SELECT",
  "WHERE",
  "AND",
  "OR",
  "NOT",
  "ON",
  "WHEN",
  "THEN",
  "ELSE",
  "HAVING",
  "BY",
  "CASE",
  "IN",
  "IS",
  "LIKE",
  "BETWEEN",
  "RETURN",
  "DISTINCT",
  "TOP",
]);

/** True when `RECEIVE` at i starts a RECEIVE statement: `RECEIVE [TOP (n)] columns FROM queue`, alone or in WAITFOR (...). */
function isReceiveStatement(t: Token[], i: number): boolean {
  if (!(
    t[i + 1]?.text === "(" ||
    isWord(t[i + 1], "TOP") ||
    t[i + 1]?.text === "*" ||
    t[i + 1]?.type === "identifier" ||
    t[i + 1]?.type === "quotedIdentifier"
  ))
    return false;
  const prev = t[i - 1];
  if (prev === undefined) return true;
  if (prev.text === "(") return isWord(t[i - 2], "WAITFOR");
  if (prev.text === "." || prev.text === "," || prev.type === "operator" || prev.type === "string") return false;
  if ((prev.type === "keyword" || prev.type === "identifier") && EXPRESSION_BEFORE.has(prev.upper)) return false;
  return true;
}

/** `END CONVERSATION @handle`, `BEGIN DIALOG [CONVERSATION] @handle`: the handle is a variable (CASE ... END Conversation is an alias). */
function isHandle(t: Token | undefined): boolean {
  return t !== undefined && (t.type === "variable" || t.text === "(");
}

export const serviceBroker: AssessmentRule = {
  id: "AZSQL006",
  title: "Service Broker",
  severity: "blocking",
  detects:
    "Queues, services, message types, contracts, routes, and SEND ON CONVERSATION / RECEIVE / BEGIN DIALOG / END CONVERSATION statements in code.",
  recommendation:
    "Azure SQL Database does not support Service Broker. Replace queues with Azure Service Bus or Storage queues (or a polling table), or migrate to Azure SQL Managed Instance, which supports Service Broker within the instance.",
  code: { words: ["SEND", "RECEIVE", "DIALOG", "CONVERSATION"] },
  check(ctx) {
    const findings: Finding[] = [];
    for (const queue of ctx.model.queues) findings.push(ctx.finding(this, queue, `Service Broker queue ${queue.key}`));
    for (const service of ctx.model.services)
      findings.push(ctx.finding(this, service, `Service Broker service ${service.name}`));
    for (const s of ctx.model.statements) {
      if (!BROKER_STATEMENTS.includes(s.firstWords)) continue;
      const words = significantTokens(s.sql)
        .slice(0, 3)
        .map((x) => x.text)
        .join(" ");
      findings.push(ctx.finding(this, s, `${words} is a Service Broker statement`));
    }
    for (const unit of ctx.codeUnits(this)) {
      const object = unit.object;
      if (object.kind === "queue" || object.kind === "service") continue;
      if (object.kind === "statement" && BROKER_STATEMENTS.includes(object.firstWords)) continue;
      const t = unit.tokens;
      for (let i = 0; i < t.length; i++) {
        const word =
          isWord(t[i], "SEND") && isWord(t[i + 1], "ON") && isWord(t[i + 2], "CONVERSATION")
            ? "SEND ON CONVERSATION"
            : isWord(t[i], "BEGIN") &&
                isWord(t[i + 1], "DIALOG") &&
                (isHandle(t[i + 2]) || (isWord(t[i + 2], "CONVERSATION") && isHandle(t[i + 3])))
              ? "BEGIN DIALOG"
              : isWord(t[i], "END") && isWord(t[i + 1], "CONVERSATION") && isHandle(t[i + 2])
                ? "END CONVERSATION"
                : isWord(t[i], "RECEIVE") && isReceiveStatement(t, i)
                  ? "RECEIVE"
                  : undefined;
        if (word !== undefined) findings.push(ctx.finding(this, object, `uses Service Broker (${word})`, t[i]));
      }
    }
    return findings;
  },
};
