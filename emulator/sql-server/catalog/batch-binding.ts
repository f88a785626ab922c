/**
 * What the test server does with a batch before answering it, as SQL Server compiles a batch before running it:
 * build the statement of a dynamic SQL batch, parse each SELECT, and bind its names against the documented
 * catalog. The answer is the first binding error SQL Server would raise, or the result columns of the first
 * SELECT (its names and, where they follow from the catalog, its types).
 */
import type { ServerMessage } from "../protocol/tokens";
import { statementToBind } from "./dynamic-sql";
import { NameBinder, type OutputColumn } from "./name-binding";
import { SelectParser } from "./select-parser";
import { isKeyword, isOperator, tokenize, type Token } from "./sql-tokens";

export type BatchBinding = { error: ServerMessage } | { columns: OutputColumn[] | undefined };

/** The error number of a batch the test server cannot follow: its own limit, not the client's mistake. */
export const TEST_SERVER_LIMIT = 50000;

function testServerLimit(reason: string): { error: ServerMessage } {
  const message = `the TDS test server cannot bind this batch: ${reason}`;
  return { error: { number: TEST_SERVER_LIMIT, state: 1, class: 16, message } };
}

function statements(tokens: Token[]): Token[][] {
  const result: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (isOperator(t, "(")) depth += 1;
    if (isOperator(t, ")")) depth -= 1;
    if (depth === 0 && isOperator(t, ";")) result.push([]);
    else result.at(-1)!.push(t);
  }
  return result.filter((statement) => statement.length > 0);
}

export function bindBatch(sql: string): BatchBinding {
  let text: string;
  try {
    text = statementToBind(sql);
  } catch (error) {
    return testServerLimit((error as Error).message);
  }
  let columns: OutputColumn[] | undefined;
  for (const statement of statements(tokenize(text))) {
    if (!isKeyword(statement[0], "SELECT")) continue;
    const parser = new SelectParser(statement);
    let query;
    try {
      query = parser.query();
    } catch (error) {
      return testServerLimit((error as Error).message);
    }
    if (!parser.done) return testServerLimit(`unexpected '${statement[statement.length - 1]!.text}' after the query`);
    const unknown = NameBinder.unknownObject(query);
    if (unknown) return { error: unknown };
    const binder = new NameBinder();
    const outputs = binder.query(query, undefined);
    if (binder.errors.length > 0) return { error: binder.errors[0]! };
    columns ??= outputs;
  }
  return { columns };
}
