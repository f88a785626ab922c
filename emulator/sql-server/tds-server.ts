/**
 * The listener: accepts TCP connections and decides per connection how TLS is done by looking at
 * the first byte. 0x16 is a TLS handshake record: the client uses TDS 8.0 strict encryption
 * (TLS first, ALPN "tds/8.0"). 0x12 is a PRELOGIN packet: TDS 7.x, where TLS (if any) is
 * negotiated in PRELOGIN and tunnelled through it.
 */
import * as net from "net";
import * as tls from "tls";
import { startPreloginTlsTunnel } from "./prelogin-tls-tunnel";
import { replayedSocket } from "./replayed-socket";
import { SessionChannel, SessionOptions, TdsSession } from "./tds-session";

const TLS_HANDSHAKE_RECORD = 0x16;

export interface TlsMaterial {
  certPem: string;
  keyPem: string;
}

export class TdsServer {
  private readonly server: net.Server;
  private readonly tlsServer: tls.Server;
  private readonly secureContext: tls.SecureContext;
  private readonly sockets = new Set<net.Socket>();
  /** TCP connections accepted since the start, so a test can prove that nothing even connected. */
  acceptedConnections = 0;

  constructor(
    private readonly sessionOptions: SessionOptions,
    tlsMaterial: TlsMaterial,
  ) {
    this.secureContext = tls.createSecureContext({ cert: tlsMaterial.certPem, key: tlsMaterial.keyPem });
    // Never listens: only used to run the TLS-first handshake on sockets handed to it.
    this.tlsServer = tls.createServer({
      cert: tlsMaterial.certPem,
      key: tlsMaterial.keyPem,
      ALPNProtocols: ["tds/8.0"],
    });
    this.tlsServer.on("secureConnection", (socket) => this.runSession(socket, true));
    this.tlsServer.on("tlsClientError", () => {
      // A client that rejects our certificate aborts the handshake; that is the client's test to assert.
    });
    this.server = net.createServer((socket) => this.accept(socket));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve((this.server.address() as net.AddressInfo).port));
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.acceptedConnections++;
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.once("data", (first: Buffer) => {
      if (first[0] === TLS_HANDSHAKE_RECORD) {
        this.tlsServer.emit("connection", replayedSocket(socket, first));
      } else {
        this.runSession(socket, false);
        socket.emit("data", first); // the session's listener was not attached when it arrived
      }
    });
  }

  private runSession(socket: net.Socket, tlsFirst: boolean): void {
    let send = (bytes: Buffer) => void socket.write(bytes);
    let onRaw: (chunk: Buffer) => void = (chunk) => session.receive(chunk);

    const channel: SessionChannel = {
      tlsFirst,
      send: (bytes) => send(bytes),
      close: () => socket.end(),
      startPreloginTls: tlsFirst
        ? undefined
        : () => {
            const tunnel = startPreloginTlsTunnel(
              this.secureContext,
              (bytes) => void socket.write(bytes),
              () => {
                send = (bytes) => void tunnel.cleartext.write(bytes);
              },
            );
            tunnel.cleartext.on("data", (chunk: Buffer) => session.receive(chunk));
            tunnel.cleartext.on("error", () => socket.destroy());
            onRaw = (chunk) => tunnel.acceptRaw(chunk);
          },
    };
    const session = new TdsSession(this.sessionOptions, channel);
    socket.on("data", (chunk: Buffer) => onRaw(chunk));
  }
}
