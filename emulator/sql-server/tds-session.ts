/**
 * One client connection's protocol state machine: PRELOGIN → LOGIN7 → requests. It consumes
 * decrypted bytes and produces bytes through a channel; how those bytes are carried (TLS first
 * as in TDS 8.0, or TLS tunnelled in PRELOGIN packets as in TDS 7.x) is the server's business.
 */
import { randomBytes } from "crypto";
import { answerWithChain, QueryHandler, QueryRequest, type ServerMessage } from "./query-handler";
import { decideLogin, LoginPolicyOptions } from "./login-policy";
import { encodeQueryResponse } from "./response-encoding";
import { BufferReader, ProtocolError } from "./protocol/buffer-reader";
import { BufferWriter } from "./protocol/buffer-writer";
import { DEFAULT_COLLATION } from "./protocol/column-encoding";
import { parseLogin7 } from "./protocol/login7";
import {
  framePackets,
  MAX_PACKET_SIZE,
  MessageAssembler,
  MIN_PACKET_SIZE,
  PacketType,
  TdsMessage,
} from "./protocol/packet-framing";
import type { ParameterValue } from "./protocol/parameter-decoding";
import { buildPreloginResponse, Encryption, parsePrelogin } from "./protocol/prelogin";
import { decodeRpc, decodeSqlBatch } from "./protocol/request-decoding";
import {
  CurCmd,
  DoneStatus,
  writeBeginTransaction,
  writeCollationChange,
  writeDatabaseChange,
  writeDone,
  writeEndTransaction,
  writeError,
  writeFeatureExtAck,
  writeInfo,
  writeLanguageChange,
  writeLoginAck,
  writePacketSizeChange,
} from "./protocol/tokens";

/** How the session talks to its client. */
export interface SessionChannel {
  send(bytes: Buffer): void;
  close(): void;
  /** True when TLS was established before PRELOGIN (TDS 8.0 strict encryption). */
  readonly tlsFirst: boolean;
  /** Begins the TDS 7.x TLS handshake carried in PRELOGIN packets; absent if the server does not offer it. */
  startPreloginTls?: () => void;
}

export interface SessionOptions extends LoginPolicyOptions {
  serverName: string;
  handlers: () => readonly QueryHandler[];
  /** Accept clients that do not encrypt (default false: like a server with "force encryption"). */
  allowUnencrypted: boolean;
  onProtocolError: (error: Error) => void;
  /** Errors to refuse this login with although its credentials are good (a scripted transient fault), if any. */
  loginFault?: (principal: string) => ServerMessage[] | undefined;
}

const INITIAL_PACKET_SIZE = 4096;
const FEATURE_FEDAUTH = 0x02;
const FEATURE_UTF8_SUPPORT = 0x0a;
const TDS_7_4 = 0x74000004;
const TransactionRequest = { Begin: 5, Commit: 7, Rollback: 8 } as const;

type State = "prelogin" | "login" | "loggedIn" | "closed";

let nextConnectionId = 1;

export class TdsSession {
  readonly connectionId = nextConnectionId++;
  private state: State = "prelogin";
  private readonly assembler = new MessageAssembler();
  private packetSize = INITIAL_PACKET_SIZE;
  private login = "";
  private appName = "";
  private database = "master";
  private transaction: Buffer | undefined;
  /** Requests are answered strictly in order even when a handler is asynchronous. */
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: SessionOptions,
    private readonly channel: SessionChannel,
  ) {}

  receive(chunk: Buffer): void {
    let messages: TdsMessage[];
    try {
      messages = this.assembler.push(chunk);
    } catch (error) {
      return this.fail(error as Error);
    }
    for (const message of messages) {
      if (message.type === PacketType.Attention) {
        // Acknowledge after the request in flight has been answered, as the spec requires.
        this.work = this.work.then(() => this.acknowledgeAttention());
        continue;
      }
      this.work = this.work.then(() => this.handle(message)).catch((error: Error) => this.fail(error));
    }
  }

  private fail(error: Error): void {
    if (this.state === "closed") return;
    this.state = "closed";
    this.options.onProtocolError(error);
    this.channel.close();
  }

  private reply(payload: Buffer, type: number = PacketType.TabularResult): void {
    if (this.state !== "closed") this.channel.send(framePackets(type, payload, this.packetSize));
  }

  private async handle(message: TdsMessage): Promise<void> {
    switch (this.state) {
      case "prelogin":
        return this.expect(message, PacketType.PreLogin, () => this.handlePrelogin(message.payload));
      case "login":
        return this.expect(message, PacketType.Login7, () => this.handleLogin(message.payload));
      case "loggedIn":
        return this.handleRequest(message);
      case "closed":
        return;
    }
  }

  private expect(message: TdsMessage, type: number, then: () => void): void {
    if (message.type !== type)
      throw new ProtocolError(
        `expected message type 0x${type.toString(16)} in state ${this.state}, got 0x${message.type.toString(16)}`,
      );
    then();
  }

  private handlePrelogin(payload: Buffer): void {
    const request = parsePrelogin(payload);
    const clientEncrypts = request.encryption === Encryption.On || request.encryption === Encryption.Required;
    let encryption: number;
    let tunnelTls = false;
    if (this.channel.tlsFirst) {
      encryption = Encryption.NotSupported; // already inside TLS: TDS 8.0 ignores this option
    } else if (clientEncrypts && this.channel.startPreloginTls) {
      encryption = Encryption.On;
      tunnelTls = true;
    } else if (this.options.allowUnencrypted) {
      encryption = Encryption.NotSupported;
    } else {
      encryption = Encryption.Required; // the driver answers this with "server requires encryption"
    }
    this.reply(
      buildPreloginResponse({
        encryption,
        fedAuthRequired: request.fedAuthRequired !== undefined ? 0x01 : undefined,
      }),
      PacketType.TabularResult,
    );
    this.state = "login";
    if (tunnelTls) this.channel.startPreloginTls?.();
  }

  private handleLogin(payload: Buffer): void {
    const login = parseLogin7(payload);
    const decided = decideLogin(this.options, login);
    const fault = decided.accepted ? this.options.loginFault?.(decided.principal) : undefined;
    const decision = fault ? { accepted: false as const, messages: fault } : decided;
    const writer = new BufferWriter(512);
    if (!decision.accepted) {
      for (const message of decision.messages) writeError(writer, { serverName: this.options.serverName, ...message });
      writeDone(writer, "done", DoneStatus.Error, CurCmd.None, 0);
      this.reply(writer.toBuffer());
      this.state = "closed";
      this.channel.close();
      return;
    }

    this.login = decision.principal;
    this.appName = login.appName;
    this.database = decision.database;
    const serverName = this.options.serverName;
    writeDatabaseChange(writer, this.database);
    writeInfo(writer, {
      number: 5701,
      state: 2,
      class: 0,
      serverName,
      message: `Changed database context to '${this.database}'.`,
    });
    writeLanguageChange(writer, "us_english");
    writeInfo(writer, {
      number: 5703,
      state: 1,
      class: 0,
      serverName,
      message: "Changed language setting to us_english.",
    });
    writeCollationChange(writer, DEFAULT_COLLATION);
    writeLoginAck(writer, { tdsVersion: TDS_7_4, programName: "Microsoft SQL Server", programVersion: [16, 0, 1000] });
    if (login.hasFeatureExt) {
      const acks = [{ featureId: FEATURE_UTF8_SUPPORT, data: Buffer.from([0x01]) }];
      // A fedauth login must be acknowledged with an empty FEDAUTH ack (no nonce with a security token).
      if (decision.viaAccessToken) acks.unshift({ featureId: FEATURE_FEDAUTH, data: Buffer.alloc(0) });
      writeFeatureExtAck(writer, acks);
    }
    const negotiated = Math.min(MAX_PACKET_SIZE, Math.max(MIN_PACKET_SIZE, login.packetSize || INITIAL_PACKET_SIZE));
    writePacketSizeChange(writer, negotiated, this.packetSize);
    writeDone(writer, "done", DoneStatus.Final, CurCmd.None, 0);
    this.reply(writer.toBuffer());
    this.packetSize = negotiated; // the login response itself still goes out in the old size
    this.state = "loggedIn";
  }

  private async handleRequest(message: TdsMessage): Promise<void> {
    switch (message.type) {
      case PacketType.SqlBatch:
        return this.answer({
          ...this.requestContext(),
          kind: "sql-batch",
          sql: decodeSqlBatch(message.payload),
          params: {},
          parameters: [],
        });
      case PacketType.Rpc:
        return this.answer(this.rpcRequest(message.payload));
      case PacketType.TransactionManager:
        return this.handleTransaction(message.payload);
      default:
        throw new ProtocolError(`the TDS test server does not handle message type 0x${message.type.toString(16)}`);
    }
  }

  private requestContext(): Pick<QueryRequest, "database" | "login" | "appName" | "connectionId"> {
    return { database: this.database, login: this.login, appName: this.appName, connectionId: this.connectionId };
  }

  private rpcRequest(payload: Buffer): QueryRequest {
    const call = decodeRpc(payload);
    const params: Record<string, ParameterValue> = {};
    if (call.procedure.toLowerCase() === "sp_executesql") {
      // sp_executesql(@statement, @params, @p1, @p2, ...): the first two are positional.
      const [statement, declarations, ...values] = call.parameters;
      for (const value of values) params[value.name] = value.value;
      return {
        ...this.requestContext(),
        kind: "rpc",
        procedure: call.procedure,
        sql: typeof statement?.value === "string" ? statement.value : "",
        parameterDeclarations: typeof declarations?.value === "string" ? declarations.value : undefined,
        params,
        parameters: values,
      };
    }
    for (const value of call.parameters) params[value.name] = value.value;
    return {
      ...this.requestContext(),
      kind: "rpc",
      procedure: call.procedure,
      sql: call.procedure,
      params,
      parameters: call.parameters,
    };
  }

  private async answer(request: QueryRequest): Promise<void> {
    const response = await answerWithChain(this.options.handlers(), request);
    if (!response.dropConnection) this.reply(encodeQueryResponse(response, request.kind, this.options.serverName));
    if (response.dropConnection || response.closeConnection) this.closeAfterFault();
  }

  /** The session ends as SQL Server ends it after a fatal error or a lost connection: no more requests. */
  private closeAfterFault(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    this.channel.close();
  }

  /** Transaction manager requests (MS-TDS 2.2.6.9), enough for mssql's Transaction class. */
  private handleTransaction(payload: Buffer): void {
    const reader = new BufferReader(payload);
    reader.bytes(reader.uint32le("ALL_HEADERS length") - 4);
    const requestType = reader.uint16le("transaction request type");
    const writer = new BufferWriter(64);
    if (requestType === TransactionRequest.Begin) {
      this.transaction = randomBytes(8);
      writeBeginTransaction(writer, this.transaction);
    } else if (requestType === TransactionRequest.Commit || requestType === TransactionRequest.Rollback) {
      writeEndTransaction(writer, requestType === TransactionRequest.Commit, this.transaction ?? Buffer.alloc(8));
      this.transaction = undefined;
    }
    writeDone(writer, "done", DoneStatus.Final, CurCmd.None, 0);
    this.reply(writer.toBuffer());
  }

  private acknowledgeAttention(): void {
    const writer = new BufferWriter(16);
    writeDone(writer, "done", DoneStatus.Attention, CurCmd.None, 0);
    this.reply(writer.toBuffer());
  }
}
