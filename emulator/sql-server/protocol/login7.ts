/**
 * LOGIN7 (MS-TDS 2.2.6.4): a 94-byte fixed part with (offset, length-in-characters) pairs that
 * point into a variable part holding UCS-2 strings, then optional FeatureExt blocks.
 */
import { BufferReader, ProtocolError } from "./buffer-reader";

const OPTION_FLAGS3_EXTENSION = 0x10;
const FEATURE_FEDAUTH = 0x02;
const FEATURE_TERMINATOR = 0xff;
const FEDAUTH_LIBRARY_SECURITY_TOKEN = 0x01;

export interface Login7Request {
  tdsVersion: number;
  packetSize: number;
  hostName: string;
  userName: string;
  /** Already de-obfuscated; stays inside the test server (credential check only). */
  password: string;
  appName: string;
  serverName: string;
  libraryName: string;
  language: string;
  database: string;
  /** The client sent FeatureExt blocks (so it expects a FEATUREEXTACK). */
  hasFeatureExt: boolean;
  /** An Entra ID access token (FEDAUTH feature, security-token library), when one was sent. */
  fedAuthToken?: string;
  /** The client asked for fedauth with another library (ADAL workflows); we do not support those. */
  fedAuthOtherLibrary?: number;
}

/**
 * Password obfuscation (MS-TDS 2.2.6.4): the client swaps the nibbles of every byte and XORs it
 * with 0xA5; undoing it is XOR first, then swap.
 */
export function unscramblePassword(data: Buffer): string {
  const clear = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) {
    const xored = data[i] ^ 0xa5;
    clear[i] = ((xored & 0x0f) << 4) | (xored >> 4);
  }
  return clear.toString("utf16le");
}

export function parseLogin7(payload: Buffer): Login7Request {
  const reader = new BufferReader(payload);
  const length = reader.uint32le("LOGIN7 length");
  if (length !== payload.length)
    throw new ProtocolError(`LOGIN7 declares ${length} bytes but the message has ${payload.length}`);
  const tdsVersion = payload.readUInt32LE(4);
  const packetSize = payload.readUInt32LE(8);
  const optionFlags3 = payload.readUInt8(27);

  const field = (position: number): Buffer => {
    const offset = payload.readUInt16LE(position);
    const chars = payload.readUInt16LE(position + 2);
    if (chars === 0) return Buffer.alloc(0);
    if (offset + chars * 2 > payload.length)
      throw new ProtocolError(`LOGIN7 field at ${position} points past the payload`);
    return payload.subarray(offset, offset + chars * 2);
  };
  const text = (position: number): string => field(position).toString("utf16le");

  const login: Login7Request = {
    tdsVersion,
    packetSize,
    hostName: text(36),
    userName: text(40),
    password: unscramblePassword(field(44)),
    appName: text(48),
    serverName: text(52),
    libraryName: text(60),
    language: text(64),
    database: text(68),
    hasFeatureExt: false,
  };

  if (optionFlags3 & OPTION_FLAGS3_EXTENSION) {
    // The "extension" field holds a 4-byte pointer to the FeatureExt blocks.
    const pointerOffset = payload.readUInt16LE(56);
    const featureOffset = payload.readUInt32LE(pointerOffset);
    login.hasFeatureExt = true;
    readFeatureExt(new BufferReader(payload, featureOffset), login);
  }
  return login;
}

function readFeatureExt(reader: BufferReader, login: Login7Request): void {
  for (;;) {
    const featureId = reader.uint8("FeatureId");
    if (featureId === FEATURE_TERMINATOR) return;
    const dataLength = reader.uint32le("FeatureDataLen");
    const data = reader.bytes(dataLength, "FeatureData");
    if (featureId !== FEATURE_FEDAUTH) continue;
    const options = data.readUInt8(0);
    const library = options >> 1;
    if (library === FEDAUTH_LIBRARY_SECURITY_TOKEN) {
      const tokenLength = data.readUInt32LE(1);
      login.fedAuthToken = data.subarray(5, 5 + tokenLength).toString("utf16le");
    } else {
      login.fedAuthOtherLibrary = library;
    }
  }
}
