/**
 * The name-binding errors of SQL Server, with their numbers, severity and wording as the engine sends them
 * (sys.messages): what a client sees when a query names a column, object or alias that does not exist.
 */
import type { ServerMessage } from "../protocol/tokens";

const USER_ERROR = 16;

export function invalidColumn(column: string): ServerMessage {
  return { number: 207, state: 1, class: USER_ERROR, message: `Invalid column name '${column}'.` };
}

export function invalidObject(name: string): ServerMessage {
  return { number: 208, state: 1, class: USER_ERROR, message: `Invalid object name '${name}'.` };
}

export function ambiguousColumn(column: string): ServerMessage {
  return { number: 209, state: 1, class: USER_ERROR, message: `Ambiguous column name '${column}'.` };
}

export function unboundIdentifier(identifier: string): ServerMessage {
  return {
    number: 4104,
    state: 1,
    class: USER_ERROR,
    message: `The multi-part identifier "${identifier}" could not be bound.`,
  };
}
