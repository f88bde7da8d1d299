import { connect } from 'node:net';
import { BSON } from 'mongodb';

const OP_MSG = 2013;

/**
 * One `ping` over a fresh socket, answered within `timeoutMs` or counted as a failure. It does not use the driver on
 * purpose: a frozen server (SIGSTOP, a stuck disk) still accepts TCP connections into the kernel's backlog, and a
 * driver command then waits on that socket for as long as the driver's own timers say. Here the socket is destroyed
 * when the time is up, so the caller always gets its answer on time.
 */
export function pingWire(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    let settled = false;
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    let received = Buffer.alloc(0);
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
    socket.once('connect', () => socket.write(pingMessage()));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const length = received.readInt32LE(0);
      if (received.length < length) return;
      finish(replyIsOk(received.subarray(0, length)));
    });
  });
}

function pingMessage(): Buffer {
  const body = BSON.serialize({ ping: 1, $db: 'admin' });
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + body.length, 0); // messageLength
  header.writeInt32LE(Math.floor(Math.random() * 0x7fffffff), 4); // requestID
  header.writeInt32LE(0, 8); // responseTo
  header.writeInt32LE(OP_MSG, 12); // opCode
  header.writeUInt32LE(0, 16); // flagBits
  header.writeUInt8(0, 20); // section kind 0: one body document
  return Buffer.concat([header, body]);
}

function replyIsOk(message: Buffer): boolean {
  if (message.length < 26 || message.readInt32LE(12) !== OP_MSG || message.readUInt8(20) !== 0) return false;
  try {
    // Sized by the document's own length: a reply may carry a checksum after it.
    const reply = BSON.deserialize(message.subarray(21, 21 + message.readInt32LE(21)));
    return reply.ok === 1;
  } catch {
    return false;
  }
}
