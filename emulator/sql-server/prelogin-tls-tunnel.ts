/**
 * The TDS 7.x way of doing TLS (MS-TDS 3.2.5.2 / 3.3.5.2): after the PRELOGIN exchange the TLS
 * handshake records travel inside PRELOGIN packets, one server message per client message; once
 * the handshake is done, TLS records flow directly on the socket and TDS packets travel inside.
 *
 * The tunnel is a Duplex that a server-side TLSSocket uses as its transport: while handshaking it
 * unwraps client PRELOGIN packets into TLS bytes and wraps the TLS engine's output into one
 * PRELOGIN packet per flight; afterwards it passes bytes through untouched.
 */
import { Duplex } from "stream";
import * as tls from "tls";
import { framePackets, MessageAssembler, PacketType } from "./protocol/packet-framing";

const HANDSHAKE_PACKET_SIZE = 4096;

class PreloginTransport extends Duplex {
  private handshaking = true;
  private pending: Buffer[] = [];
  private flushScheduled = false;
  private handshakeDone = false;
  private readonly assembler = new MessageAssembler();

  constructor(private readonly sendRaw: (bytes: Buffer) => void) {
    super();
  }

  /** Bytes from the network. */
  acceptRaw(chunk: Buffer): void {
    if (!this.handshaking) {
      this.push(chunk);
      return;
    }
    for (const message of this.assembler.push(chunk)) this.push(message.payload);
  }

  /** Called when the TLS engine reports the handshake complete. */
  markHandshakeDone(): void {
    this.handshakeDone = true;
    this.scheduleFlush();
  }

  override _read(): void {
    // Data is pushed as it arrives from the socket.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.handshaking) {
      this.sendRaw(chunk);
    } else {
      this.pending.push(chunk);
      this.scheduleFlush();
    }
    callback();
  }

  /**
   * The TLS engine writes a flight in several calls within one turn of the event loop; waiting a
   * turn lets us send the whole flight as the single response message the client waits for.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.pending.length > 0) {
        this.sendRaw(framePackets(PacketType.PreLogin, Buffer.concat(this.pending), HANDSHAKE_PACKET_SIZE));
        this.pending = [];
      }
      // Our last flight (ChangeCipherSpec + Finished) went out wrapped; from now on, raw TLS.
      if (this.handshakeDone) this.handshaking = false;
    });
  }
}

export interface PreloginTlsTunnel {
  /** Feed every byte received from the socket here once the tunnel is started. */
  acceptRaw(chunk: Buffer): void;
  /** The decrypted side: TDS packets after the handshake. */
  cleartext: tls.TLSSocket;
}

export function startPreloginTlsTunnel(
  secureContext: tls.SecureContext,
  sendRaw: (bytes: Buffer) => void,
  onSecure: () => void,
): PreloginTlsTunnel {
  const transport = new PreloginTransport(sendRaw);
  const cleartext = new tls.TLSSocket(transport as unknown as import("net").Socket, { isServer: true, secureContext });
  cleartext.once("secure", () => {
    transport.markHandshakeDone();
    onSecure();
  });
  return { acceptRaw: (chunk) => transport.acceptRaw(chunk), cleartext };
}
