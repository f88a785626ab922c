/**
 * A TCP listener that stands where a SQL Server would be and only counts who connects (then hangs up). Bad
 * inputs point their SQL endpoints here: "never reached SQL" is then a count of 0, not an absence of errors.
 */
import * as net from "node:net";

export interface ConnectionTripwire {
  host: string;
  port: number;
  connections(): number;
  stop(): Promise<void>;
}

export async function startConnectionTripwire(): Promise<ConnectionTripwire> {
  let count = 0;
  const server = net.createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    host: "127.0.0.1",
    port,
    connections: () => count,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
