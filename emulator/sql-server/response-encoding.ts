/**
 * Turns a handler's QueryResponse into the token stream a real server would send: INFO tokens,
 * then per result set COLMETADATA + ROWs + a DONE carrying the row count, then the DML count,
 * then the ERROR, and a final DONE. RPC responses use DONEINPROC inside the procedure and close
 * with RETURNSTATUS + DONEPROC, as SQL Server does for sp_executesql.
 */
import type { QueryResponse } from "./query-handler";
import { BufferWriter } from "./protocol/buffer-writer";
import {
  CurCmd,
  DoneStatus,
  writeColumnMetadataToken,
  writeDone,
  writeError,
  writeInfo,
  writeReturnStatus,
  writeRow,
} from "./protocol/tokens";

export function encodeQueryResponse(response: QueryResponse, kind: "sql-batch" | "rpc", serverName: string): Buffer {
  const writer = new BufferWriter(1024);
  const inner = kind === "rpc" ? "doneInProc" : "done";

  for (const info of response.infos ?? []) writeInfo(writer, { serverName, ...info });

  for (const resultSet of response.resultSets ?? []) {
    writeColumnMetadataToken(writer, resultSet.columns);
    for (const row of resultSet.rows) writeRow(writer, resultSet.columns, row);
    writeDone(writer, inner, DoneStatus.More | DoneStatus.Count, CurCmd.Select, resultSet.rows.length);
  }

  if (response.rowsAffected !== undefined) {
    writeDone(writer, inner, DoneStatus.More | DoneStatus.Count, CurCmd.Insert, response.rowsAffected);
  }

  const failed = response.error !== undefined;
  if (response.error) writeError(writer, { serverName, ...response.error });

  if (kind === "rpc") {
    writeReturnStatus(writer, failed ? -6 : 0);
    writeDone(writer, "doneProc", failed ? DoneStatus.Error : DoneStatus.Final, CurCmd.Execute, 0);
  } else {
    writeDone(writer, "done", failed ? DoneStatus.Error : DoneStatus.Final, CurCmd.None, 0);
  }
  return writer.toBuffer();
}
