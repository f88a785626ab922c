/** AZSQL006: Service Broker objects and statements. */
import { isWord } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";

/** Statement kinds that only exist for Service Broker. */
const BROKER_STATEMENTS = ["CREATE MESSAGE", "CREATE CONTRACT", "CREATE ROUTE", "CREATE REMOTE"];

export const serviceBroker: AssessmentRule = {
  id: "AZSQL006",
  title: "Service Broker",
  severity: "blocking",
  detects: "Queues, services, message types, contracts, routes, and SEND / RECEIVE / BEGIN DIALOG / END CONVERSATION in code.",
  recommendation:
    "Azure SQL Database does not support Service Broker. Replace queues with Azure Service Bus or Storage queues (or a polling table), or migrate to Azure SQL Managed Instance, which supports Service Broker within the instance.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const queue of ctx.model.queues) findings.push(ctx.finding(this, queue, `Service Broker queue ${queue.key}`));
    for (const service of ctx.model.services) findings.push(ctx.finding(this, service, `Service Broker service ${service.name}`));
    for (const unit of ctx.codeUnits()) {
      const t = unit.tokens;
      if (unit.object.kind === "queue" || unit.object.kind === "service") continue;
      const object = unit.object;
      if (object.kind === "statement" && BROKER_STATEMENTS.includes(object.firstWords)) {
        findings.push(ctx.finding(this, unit.object, `${t.slice(0, 3).map((x) => x.text).join(" ")} is a Service Broker statement`, t[0]));
        continue;
      }
      for (let i = 0; i < t.length; i++) {
        const word =
          isWord(t[i], "SEND") && isWord(t[i + 1], "ON") && isWord(t[i + 2], "CONVERSATION") ? "SEND ON CONVERSATION"
          : isWord(t[i], "BEGIN") && isWord(t[i + 1], "DIALOG") ? "BEGIN DIALOG"
          : isWord(t[i], "END") && isWord(t[i + 1], "CONVERSATION") ? "END CONVERSATION"
          : isWord(t[i], "RECEIVE") && (t[i + 1]?.text === "(" || isWord(t[i + 1], "TOP") || t[i + 1]?.text === "*") ? "RECEIVE"
          : undefined;
        if (word !== undefined) findings.push(ctx.finding(this, unit.object, `uses Service Broker (${word})`, t[i]));
      }
    }
    return findings;
  },
};
