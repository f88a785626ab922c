/**
 * A Duplex over a socket that first replays bytes already read from it. The server reads the
 * first byte to choose between TLS-first and PRELOGIN; Node's TLS layer, handed the raw socket,
 * would read from the native handle and never see those bytes (socket.unshift does not help), so
 * it gets this stream instead.
 */
import { Duplex } from "stream";
import type { Socket } from "net";

export function replayedSocket(socket: Socket, alreadyRead: Buffer): Duplex {
  const stream = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  stream.push(alreadyRead);
  socket.on("data", (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on("end", () => stream.push(null));
  socket.on("close", () => stream.destroy());
  return stream;
}
