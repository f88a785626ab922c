/**
 * Two TDS test servers for the SQL-layer tests that go the whole way round (extract → script → deploy → read
 * back): a source answering from a model, and a target whose DdlApplier applies the DDL a deployment sends, so
 * the target changes only by what it receives.
 */
import { DdlApplier } from "../../../emulator/sql-server/ddl-applier";
import { startTdsTestServer, type TdsTestServer } from "../../../emulator/sql-server";

export async function startSourceAndTarget(): Promise<{ source: TdsTestServer; target: TdsTestServer }> {
  return { source: await startTdsTestServer(), target: await startTdsTestServer() };
}

export async function stopServers(...servers: TdsTestServer[]): Promise<void> {
  for (const server of servers) await server.stop();
}

/** Gives the target an empty database that applies the DDL it receives; answers the applier to inspect. */
export function applyingTarget(target: TdsTestServer, databaseName: string): DdlApplier {
  const applier = new DdlApplier(databaseName, (model) => target.setModel(model));
  target.setModel(applier.model);
  target.use(applier.handler);
  return applier;
}

/** A test that left a server with a protocol error fails, whatever it asserted. */
export function expectNoProtocolErrors(...servers: TdsTestServer[]): void {
  for (const server of servers) expect(server.protocolErrors).toEqual([]);
}
