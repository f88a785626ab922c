/**
 * The publisher and its local distributor as the replication procedures see them: each procedure the adapter
 * calls, with the rules SQL Server enforces — the database context it must run in, a distributor before
 * publishing (14071), a database enabled for publishing (14013), a primary key per article (14088), no
 * duplicates (14016, 14030, 14058, 14099), subscriber type 0 for Azure SQL Database, and the drop order
 * (a publication with subscriptions cannot be dropped, 14005; nor a distributor still in use).
 */
import { randomBytes, randomUUID } from "crypto";
import type { QueryRequest, QueryResponse } from "../tds";
import { pendingCommands } from "./agents";
import {
  keyOf,
  SimulatedError,
  subscriptionKey,
  type DatabaseSide,
  type Distributor,
  type Publication,
  type Subscription,
  type TracerToken,
} from "./model";
import { answer, info, RESULT_COLUMNS, type Row } from "./result-sets";
import { numberParam, param, same } from "./sql-text";

export interface PublisherOptions {
  serverName: string;
  database: string;
  source: DatabaseSide;
  latency: { distributorSeconds: number; subscriberSeconds: number };
  commandsPerSecond: () => number;
}

const MASTER = "master";

export class Publisher {
  distributor: Distributor | undefined;
  readonly publishedDatabases = new Set<string>();
  readonly logReaders = new Map<
    string,
    { id: number; name: string; securityMode: number; login?: string; jobId: string }
  >();
  readonly publications: Publication[] = [];
  readonly tokens: TracerToken[] = [];
  /** Databases other than the source that publish (a test's "something else uses the distributor"). */
  readonly otherPublishedDatabases = new Set<string>();
  private nextId = 1;

  constructor(private readonly options: PublisherOptions) {}

  private id(): number {
    return this.nextId++;
  }

  private get server(): string {
    return this.options.serverName;
  }

  publication(name: string | undefined): Publication | undefined {
    return this.publications.find((p) => same(p.name, name));
  }

  private requirePublication(request: QueryRequest, database: string): Publication {
    const publication = this.publication(param(request, "publication"));
    if (!publication || !same(publication.database, database))
      throw new SimulatedError(20026, `The publication '${param(request, "publication")}' does not exist.`);
    return publication;
  }

  private requireContext(actual: string, expected: string, procedure: string): void {
    if (!same(actual, expected))
      throw new SimulatedError(50000, `simulator: ${procedure} must run in [${expected}], not in [${actual}]`);
  }

  private requirePublishingDatabase(database: string): void {
    if (!this.distributor || !this.distributor.publishers.some((p) => same(p.name, this.server))) {
      throw new SimulatedError(
        14071,
        "Could not find the Distributor or the distribution database for the local server. The Distributor may not be installed, or the local server may not be configured as a Publisher at the Distributor.",
      );
    }
    if (!this.publishedDatabases.has(database.toLowerCase()))
      throw new SimulatedError(14013, "This database is not enabled for publication.");
  }

  private requireDistributionDatabase(database: string, procedure: string): void {
    if (!this.distributor?.distributionDbs.some((db) => same(db, database))) {
      throw new SimulatedError(
        21482,
        `${procedure} can only be executed in the distribution database, and [${database}] is not one.`,
      );
    }
  }

  private subscription(
    publication: Publication,
    request: QueryRequest,
    subscriberParam = "subscriber",
    dbParam = "destination_db",
  ): Subscription | undefined {
    return publication.subscriptions.find(
      (s) => same(s.subscriber, param(request, subscriberParam)) && same(s.destinationDb, param(request, dbParam)),
    );
  }

  /** Answers one procedure call; undefined when it is not a replication procedure the simulator knows. */
  call(procedure: string, database: string, request: QueryRequest): QueryResponse | undefined {
    const handler = (
      this as unknown as Record<string, ((database: string, request: QueryRequest) => QueryResponse) | undefined>
    )[procedure];
    return typeof handler === "function" && procedure.startsWith("sp_")
      ? handler.call(this, database, request)
      : undefined;
  }

  // ---- distributor (master) ----

  sp_get_distributor(): QueryResponse {
    const d = this.distributor;
    return answer(RESULT_COLUMNS.sp_get_distributor, [
      {
        installed: d ? 1 : 0,
        "distribution server": d?.server ?? null,
        "distribution db installed": d?.distributionDbs.length ? 1 : 0,
        "is distribution publisher": d?.publishers.some((p) => same(p.name, this.server)) ? 1 : 0,
        "has remote distribution publisher": d?.publishers.some((p) => !same(p.name, this.server)) ? 1 : 0,
      },
    ]);
  }

  sp_adddistributor(database: string, request: QueryRequest): QueryResponse {
    this.requireContext(database, MASTER, "sp_adddistributor");
    const server = param(request, "distributor")!;
    if (this.distributor)
      throw new SimulatedError(14099, `The server '${this.distributor.server}' is already defined as a Distributor.`);
    if (!same(server, this.server))
      throw new SimulatedError(50000, `simulator: only a local distributor can be added here (asked for ${server})`);
    this.distributor = { server, distributionDbs: [], publishers: [] };
    return {};
  }

  sp_adddistributiondb(database: string, request: QueryRequest): QueryResponse {
    this.requireContext(database, MASTER, "sp_adddistributiondb");
    if (!this.distributor) throw new SimulatedError(14114, `'${this.server}' is not configured as a Distributor.`);
    const name = param(request, "database")!;
    if (this.distributor.distributionDbs.some((db) => same(db, name)))
      throw new SimulatedError(1801, `Database '${name}' already exists. Choose a different database name.`);
    this.distributor.distributionDbs.push(name);
    return {};
  }

  sp_adddistpublisher(database: string, request: QueryRequest): QueryResponse {
    this.requireContext(database, MASTER, "sp_adddistpublisher");
    const d = this.distributor;
    const distributionDb = param(request, "distribution_db")!;
    if (!d || !d.distributionDbs.some((db) => same(db, distributionDb)))
      throw new SimulatedError(14117, `'${distributionDb}' is not configured as a distribution database.`);
    const name = param(request, "publisher")!;
    if (d.publishers.some((p) => same(p.name, name)))
      throw new SimulatedError(14097, `The value for the @publisher parameter '${name}' is already a Publisher.`);
    d.publishers.push({
      name,
      distributionDb,
      securityMode: numberParam(request, "security_mode") ?? 1,
      ...(param(request, "login") ? { login: param(request, "login") } : {}),
      ...(param(request, "working_directory") ? { workingDirectory: param(request, "working_directory") } : {}),
    });
    return {};
  }

  sp_helpdistpublisher(): QueryResponse {
    return answer(
      RESULT_COLUMNS.sp_helpdistpublisher,
      (this.distributor?.publishers ?? []).map((p) => ({
        name: p.name,
        distribution_db: p.distributionDb,
        security_mode: p.securityMode,
        login: p.login ?? null,
        password: p.login ? "**********" : null,
        active: true,
        working_directory: p.workingDirectory ?? "/var/opt/mssql/ReplData",
        trusted: false,
        thirdparty_flag: false,
        publisher_type: "MSSQLSERVER",
        publisher_data_source: null,
      })),
    );
  }

  sp_dropdistpublisher(database: string, request: QueryRequest): QueryResponse {
    this.requireContext(database, MASTER, "sp_dropdistpublisher");
    const name = param(request, "publisher")!;
    const d = this.distributor;
    if (!d || !d.publishers.some((p) => same(p.name, name)))
      throw new SimulatedError(
        14080,
        `The remote server "${name}" does not exist, or has not been designated as a valid Publisher.`,
      );
    const published = [...this.publishedDatabases, ...this.otherPublishedDatabases];
    if (published.length)
      throw new SimulatedError(
        50000,
        `simulator: cannot drop the distribution Publisher '${name}' while ${published.join(", ")} is enabled for publishing`,
      );
    d.publishers = d.publishers.filter((p) => !same(p.name, name));
    return {};
  }

  sp_dropdistributiondb(database: string, request: QueryRequest): QueryResponse {
    this.requireContext(database, MASTER, "sp_dropdistributiondb");
    const name = param(request, "database")!;
    const d = this.distributor;
    if (!d || !d.distributionDbs.some((db) => same(db, name)))
      throw new SimulatedError(14117, `'${name}' is not configured as a distribution database.`);
    if (d.publishers.some((p) => same(p.distributionDb, name)))
      throw new SimulatedError(
        50000,
        `simulator: cannot drop the distribution database '${name}' while publishers use it`,
      );
    d.distributionDbs = d.distributionDbs.filter((db) => !same(db, name));
    return {};
  }

  sp_dropdistributor(database: string): QueryResponse {
    this.requireContext(database, MASTER, "sp_dropdistributor");
    const d = this.distributor;
    if (!d) throw new SimulatedError(14114, `'${this.server}' is not configured as a Distributor.`);
    if (d.distributionDbs.length || d.publishers.length)
      throw new SimulatedError(
        50000,
        `simulator: cannot drop the Distributor while it has distribution databases or publishers`,
      );
    this.distributor = undefined;
    return {};
  }

  // ---- publishing (master / publication database) ----

  sp_helpreplicationdboption(database: string, request: QueryRequest): QueryResponse {
    const name = param(request, "dbname") ?? this.options.database;
    const published = this.publishedDatabases.has(name.toLowerCase());
    return answer(RESULT_COLUMNS.sp_helpreplicationdboption, [
      {
        name,
        id: 5,
        transpublish: published,
        mergepublish: false,
        dbowner: true,
        dbreadonly: false,
        haspublications: this.publications.some((p) => same(p.database, name)),
        haspullsubscriptions: false,
      },
    ]);
  }

  sp_replicationdboption(database: string, request: QueryRequest): QueryResponse {
    this.requireContext(database, MASTER, "sp_replicationdboption");
    const name = param(request, "dbname")!;
    if (!same(param(request, "optname"), "publish"))
      throw new SimulatedError(50000, `simulator: only the publish option is simulated`);
    if (same(param(request, "value"), "true")) {
      if (!this.distributor)
        throw new SimulatedError(
          14071,
          "Could not find the Distributor or the distribution database for the local server. The Distributor may not be installed, or the local server may not be configured as a Publisher at the Distributor.",
        );
      this.publishedDatabases.add(name.toLowerCase());
    } else {
      if (this.publications.some((p) => same(p.database, name)))
        throw new SimulatedError(
          50000,
          `simulator: publications still exist in ${name}; drop them before disabling publishing`,
        );
      this.publishedDatabases.delete(name.toLowerCase());
      this.logReaders.delete(name.toLowerCase());
    }
    return {};
  }

  sp_helplogreader_agent(database: string): QueryResponse {
    const agent = this.logReaders.get(database.toLowerCase());
    return answer(
      RESULT_COLUMNS.sp_helplogreader_agent,
      agent
        ? [
            {
              id: agent.id,
              name: agent.name,
              publisher_security_mode: agent.securityMode,
              publisher_login: agent.login ?? null,
              publisher_password: "**********",
              job_id: agent.jobId,
              job_login: null,
              job_password: "**********",
            },
          ]
        : [],
    );
  }

  sp_addlogreader_agent(database: string, request: QueryRequest): QueryResponse {
    this.requirePublishingDatabase(database);
    if (this.logReaders.has(database.toLowerCase()))
      throw new SimulatedError(14098, "The Log Reader Agent already exists for this database.");
    const mode = numberParam(request, "publisher_security_mode") ?? 1;
    if (mode === 0 && (!param(request, "publisher_login") || !param(request, "publisher_password")))
      throw new SimulatedError(
        21694,
        "@publisher_login or @publisher_password cannot be null when @publisher_security_mode is 0.",
      );
    this.logReaders.set(database.toLowerCase(), {
      id: this.id(),
      name: `${this.server}-${database}-1`,
      securityMode: mode,
      ...(param(request, "publisher_login") ? { login: param(request, "publisher_login") } : {}),
      jobId: randomUUID(),
    });
    return {};
  }

  sp_helppublication(database: string, request: QueryRequest): QueryResponse {
    const wanted = param(request, "publication");
    const rows: Row[] = this.publications
      .filter((p) => same(p.database, database) && (!wanted || wanted === "%" || same(p.name, wanted)))
      .map((p) => ({
        pubid: p.id,
        name: p.name,
        restricted: 0,
        status: 1,
        task: 1,
        "replication frequency": 0,
        "synchronization method": 3,
        description: p.description,
        immediate_sync: p.immediateSync,
        enabled_for_internet: false,
        allow_push: p.allowPush,
        allow_pull: false,
        allow_anonymous: false,
        independent_agent: p.independentAgent,
        immediate_sync_ready: false,
        allow_sync_tran: false,
        autogen_sync_procs: false,
        snapshot_jobid: p.snapshotAgent ? Buffer.from(p.snapshotAgent.jobId.replace(/-/g, ""), "hex") : null,
        retention: p.retention,
        "has subscription": p.subscriptions.length > 0,
        allow_queued_tran: false,
        snapshot_in_defaultfolder: true,
        compress_snapshot: false,
        replicate_ddl: 1,
        allow_initialize_from_backup: false,
      }));
    return answer(RESULT_COLUMNS.sp_helppublication, rows);
  }

  sp_addpublication(database: string, request: QueryRequest): QueryResponse {
    this.requirePublishingDatabase(database);
    const name = param(request, "publication")!;
    if (/[%*[\]|:"?\\/<>]/.test(name))
      throw new SimulatedError(14105, `The publication name '${name}' contains characters that are not allowed.`);
    if (this.publication(name)) throw new SimulatedError(14016, `The publication '${name}' already exists.`);
    const independent = same(param(request, "independent_agent"), "true");
    const immediate = same(param(request, "immediate_sync"), "true");
    if (immediate && !independent)
      throw new SimulatedError(20074, "immediate_sync requires independent_agent to be true.");
    this.publications.push({
      id: this.id(),
      name,
      database,
      description: param(request, "description") ?? "",
      allowPush: same(param(request, "allow_push"), "true"),
      independentAgent: independent,
      immediateSync: immediate,
      retention: numberParam(request, "retention") ?? 336,
      articles: [],
      subscriptions: [],
      snapshotRuns: [],
      snapshotRequested: false,
      snapshotReady: false,
    });
    // Without a Log Reader, a sysadmin's sp_addpublication creates one implicitly and says so.
    if (!this.logReaders.has(database.toLowerCase())) {
      this.logReaders.set(database.toLowerCase(), {
        id: this.id(),
        name: `${this.server}-${database}-1`,
        securityMode: 1,
        jobId: randomUUID(),
      });
      return {
        infos: [
          info(
            "Warning: The logreader agent job has been implicitly created and will run under the SQL Server Agent Service Account.",
            14893,
          ),
        ],
      };
    }
    return {};
  }

  sp_helppublication_snapshot(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    const a = p.snapshotAgent;
    return answer(
      RESULT_COLUMNS.sp_helppublication_snapshot,
      a
        ? [
            {
              id: a.id,
              name: a.name,
              publisher_security_mode: 0,
              publisher_login: null,
              publisher_password: "**********",
              job_id: a.jobId,
              job_login: null,
              job_password: "**********",
              schedule_name: null,
              frequency_type: 1,
            },
          ]
        : [],
    );
  }

  sp_addpublication_snapshot(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    if (p.snapshotAgent)
      throw new SimulatedError(14100, `The Snapshot Agent for publication '${p.name}' already exists.`);
    p.snapshotAgent = { id: this.id(), name: `${this.server}-${database}-${p.name}-1`, jobId: randomUUID() };
    return {};
  }

  sp_helparticle(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    return answer(
      RESULT_COLUMNS.sp_helparticle,
      p.articles.map((a) => ({
        "article id": a.id,
        "article name": a.name,
        "base object": `[${a.source.schema}].[${a.source.name}]`,
        "destination object": a.destination.name,
        "synchronization object": `[${a.source.schema}].[syncobj_${a.name}]`,
        type: 1,
        status: 24,
        pre_creation_cmd: a.preCreation === "none" ? 0 : 1,
        schema_option: Buffer.from(a.schemaOption.toString(16).padStart(16, "0"), "hex"),
        dest_owner: a.destination.schema,
        source_owner: a.source.schema,
        unqua_source_object: a.source.name,
        identityrangemanagementoption: 1,
        fire_triggers_on_snapshot: false,
      })),
    );
  }

  sp_addarticle(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    const name = param(request, "article")!;
    if (p.articles.some((a) => same(a.name, name)))
      throw new SimulatedError(14030, `The article '${name}' exists in publication '${p.name}'.`);
    const source = { schema: param(request, "source_owner") ?? "dbo", name: param(request, "source_object")! };
    const table = this.options.source.data.get(source.schema, source.name);
    if (!table) throw new SimulatedError(14027, `${source.name} does not exist in the current database.`);
    if (!table.primaryKey?.length)
      throw new SimulatedError(
        14088,
        `The table '[${source.schema}].[${source.name}]' must have a primary key to be published using the transaction-based method.`,
      );
    if (p.subscriptions.length && numberParam(request, "force_invalidate_snapshot") !== 1) {
      throw new SimulatedError(
        20607,
        "Cannot make the change because a snapshot is already generated. Set @force_invalidate_snapshot to 1 to force the change and invalidate the existing snapshot.",
      );
    }
    const option = request.params["schema_option"];
    p.articles.push({
      id: this.id(),
      name,
      source,
      destination: {
        schema: param(request, "destination_owner") ?? source.schema,
        name: param(request, "destination_table") ?? source.name,
      },
      preCreation: param(request, "pre_creation_cmd") ?? "drop",
      schemaOption: Buffer.isBuffer(option) ? BigInt(`0x${option.toString("hex") || "0"}`) : 0x30f3n,
    });
    return {};
  }

  sp_droppublication(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    if (p.subscriptions.length) {
      throw new SimulatedError(
        14005,
        "Cannot drop the publication because at least one subscription exists for this publication. Drop all subscriptions to the publication before attempting to drop the publication. If the problem persists, replication metadata might be incorrect; consult Books Online for troubleshooting information.",
      );
    }
    this.publications.splice(this.publications.indexOf(p), 1);
    return {};
  }

  // ---- subscription (publication database) ----

  sp_helpsubscription(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    const rows: Row[] = [];
    for (const s of p.subscriptions) {
      if (param(request, "subscriber") && !same(s.subscriber, param(request, "subscriber"))) continue;
      if (param(request, "destination_db") && !same(s.destinationDb, param(request, "destination_db"))) continue;
      for (const a of p.articles) {
        const status = s.articleStatus.get(a.name.toLowerCase());
        if (status === undefined) continue;
        rows.push({
          subscriber: s.subscriber,
          publication: p.name,
          article: a.name,
          "destination database": s.destinationDb,
          "subscription status": status,
          "synchronization type": 1,
          "subscription type": 0,
          "full subscription": true,
          "subscription name": `${s.subscriber}:${s.destinationDb}`,
          "update mode": 0,
          "distribution job id": s.agent?.jobId ?? null,
          subscriber_security_mode: s.agent ? 0 : null,
          subscriber_login: s.agent?.login ?? null,
          subscriber_password: s.agent ? "**********" : null,
          distrib_agent_name: s.agent?.name ?? null,
          subscriber_type: 0,
        });
      }
    }
    return answer(RESULT_COLUMNS.sp_helpsubscription, rows);
  }

  sp_addsubscription(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    if (numberParam(request, "subscriber_type") !== 0)
      throw new SimulatedError(
        50000,
        "simulator: an Azure SQL Database subscriber must be added with @subscriber_type = 0",
      );
    if (!same(param(request, "subscription_type"), "push"))
      throw new SimulatedError(50000, "simulator: Azure SQL Database accepts push subscriptions only");
    if (!p.allowPush) throw new SimulatedError(14100, `The publication '${p.name}' does not allow push subscriptions.`);
    const article = param(request, "article") ?? "all";
    let s = this.subscription(p, request);
    if (s && same(article, "all")) {
      throw new SimulatedError(
        14058,
        "Cannot create the subscription because the subscription already exists in the subscription database. Only one subscription to the same publication is allowed in each subscription database. Drop the subscription and add it again if necessary. If the problem persists, replication metadata might be incorrect; see Books Online for troubleshooting information.",
      );
    }
    if (!s) {
      s = {
        subscriber: param(request, "subscriber")!,
        destinationDb: param(request, "destination_db")!,
        articleStatus: new Map(),
        errors: [],
        queue: [],
      };
      p.subscriptions.push(s);
    }
    const articles = same(article, "all") ? p.articles : p.articles.filter((a) => same(a.name, article));
    if (!articles.length) throw new SimulatedError(14039, `The article '${article}' does not exist.`);
    for (const a of articles) s.articleStatus.set(a.name.toLowerCase(), 1);
    return {};
  }

  sp_addpushsubscription_agent(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    const s = this.subscription(p, request, "subscriber", "subscriber_db");
    if (!s) throw new SimulatedError(14055, "The subscription does not exist.");
    if (s.agent)
      throw new SimulatedError(21002, `The Distribution Agent for this subscription already exists (${s.agent.name}).`);
    if (
      numberParam(request, "subscriber_security_mode") !== 0 ||
      !param(request, "subscriber_login") ||
      !param(request, "subscriber_password")
    ) {
      throw new SimulatedError(
        50000,
        "simulator: an Azure SQL Database subscriber needs SQL authentication (@subscriber_security_mode = 0, @subscriber_login, @subscriber_password)",
      );
    }
    const n = p.subscriptions.indexOf(s) + 1;
    s.agent = {
      id: this.id(),
      jobId: randomBytes(16),
      name: `${this.server}-${database}-${p.name}-${s.subscriber}-${n}`,
      status: 1,
      login: param(request, "subscriber_login")!,
    };
    return {};
  }

  sp_startpublication_snapshot(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    if (!p.snapshotAgent)
      throw new SimulatedError(14000, `The Snapshot Agent for publication '${p.name}' does not exist.`);
    p.snapshotRequested = true;
    return { infos: [info(`Job '${p.snapshotAgent.name}' started successfully.`, 14030)] };
  }

  sp_dropsubscription(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    const s = this.subscription(p, request);
    if (!s) throw new SimulatedError(14055, "The subscription does not exist.");
    p.subscriptions.splice(p.subscriptions.indexOf(s), 1);
    return {};
  }

  sp_start_job(database: string, request: QueryRequest): QueryResponse {
    this.requireContext(database, "msdb", "sp_start_job");
    const name = param(request, "job_name");
    const s = this.publications.flatMap((p) => p.subscriptions).find((sub) => same(sub.agent?.name, name));
    if (!s?.agent) throw new SimulatedError(14262, `The specified @job_name ('${name}') does not exist.`);
    s.agent.status = 1;
    return { infos: [info(`Job '${name}' started successfully.`, 22022)] };
  }

  // ---- tracer tokens (publication database) ----

  sp_posttracertoken(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    const token: TracerToken = { id: this.id(), publication: p.name, postedAt: new Date(), arrivals: new Map() };
    this.tokens.push(token);
    for (const s of p.subscriptions) s.queue.push({ kind: "token", tokenId: token.id });
    return answer({ tracer_token_id: { type: "int" } }, [{ tracer_token_id: token.id }]);
  }

  sp_helptracertokenhistory(database: string, request: QueryRequest): QueryResponse {
    const p = this.requirePublication(request, database);
    const token = this.tokens.find((t) => t.id === numberParam(request, "tracer_id") && same(t.publication, p.name));
    if (!token)
      throw new SimulatedError(
        20584,
        `The tracer token ${param(request, "tracer_id")} does not exist for publication '${p.name}'.`,
      );
    const { distributorSeconds, subscriberSeconds } = this.options.latency;
    return answer(
      RESULT_COLUMNS.sp_helptracertokenhistory,
      p.subscriptions.map((s) => {
        const arrived = token.arrivals.has(subscriptionKey(s));
        return {
          distributor_latency: BigInt(distributorSeconds),
          subscriber: s.subscriber,
          subscriber_db: s.destinationDb,
          subscriber_latency: arrived ? BigInt(subscriberSeconds) : null,
          overall_latency: arrived ? BigInt(distributorSeconds + subscriberSeconds) : null,
        };
      }),
    );
  }

  // ---- monitoring (distribution database) ----

  private monitored(database: string, request: QueryRequest, procedure: string): Publication | undefined {
    this.requireDistributionDatabase(database, procedure);
    return this.publications.find(
      (p) => same(p.name, param(request, "publication")) && same(p.database, param(request, "publisher_db")),
    );
  }

  sp_replmonitorsubscriptionpendingcmds(database: string, request: QueryRequest): QueryResponse {
    const p = this.monitored(database, request, "sp_replmonitorsubscriptionpendingcmds");
    const s = p && this.subscription(p, request, "subscriber", "subscriber_db");
    if (!s) throw new SimulatedError(14055, "The subscription does not exist.");
    const pending = pendingCommands(s);
    return answer(RESULT_COLUMNS.sp_replmonitorsubscriptionpendingcmds, [
      {
        pendingcmdcount: pending,
        estimatedprocesstime: Math.ceil(pending / Math.max(1, this.options.commandsPerSecond())),
      },
    ]);
  }

  sp_replmonitorhelpsubscription(database: string, request: QueryRequest): QueryResponse {
    const p = this.monitored(database, request, "sp_replmonitorhelpsubscription");
    const rows: Row[] = (p?.subscriptions ?? [])
      .filter((s) => s.agent)
      .map((s) => ({
        status: s.agent!.status,
        warning: 0,
        subscriber: s.subscriber,
        subscriber_db: s.destinationDb,
        publisher_db: p!.database,
        publication: p!.name,
        publication_type: 0,
        subtype: 0,
        latency: this.options.latency.distributorSeconds + this.options.latency.subscriberSeconds,
        latencythreshold: 30,
        agentnotrunning: 0,
        agentnotrunningthreshold: 10,
        timetoexpiration: 0,
        expirationthreshold: 80,
        last_distsync: s.agent!.lastSync ?? null,
        distribution_agentname: s.agent!.name,
        monitorranking: s.agent!.status === 6 ? 60 : s.agent!.status === 5 ? 40 : 20,
        distributionagentjobid: s.agent!.jobId,
        distributionagentid: s.agent!.id,
        distributionagentprofileid: 1,
      }));
    return answer(RESULT_COLUMNS.sp_replmonitorhelpsubscription, rows);
  }

  sp_helpsubscriptionerrors(database: string, request: QueryRequest): QueryResponse {
    const p = this.monitored(database, request, "sp_helpsubscriptionerrors");
    const s = p && this.subscription(p, request, "subscriber", "subscriber_db");
    return answer(
      RESULT_COLUMNS.sp_helpsubscriptionerrors,
      (s?.errors ?? []).map((e) => ({
        id: e.id,
        time: e.time,
        error_type_id: 1,
        source_type_id: 1,
        source_name: e.sourceName,
        error_code: e.code,
        error_text: e.text,
        xact_seqno: null,
        command_id: 1,
        session_id: 1,
      })),
    );
  }

  /** The Snapshot agent's last history row (the marked MSsnapshot_history query). */
  snapshotHistory(request: QueryRequest): QueryResponse {
    const p = this.publications.find(
      (pub) => same(pub.name, param(request, "publication")) && same(pub.database, param(request, "publisher_db")),
    );
    const last = p?.snapshotRuns[p.snapshotRuns.length - 1];
    return answer(
      {
        runstatus: { type: "int" },
        time: { type: "datetime2", scale: 3 },
        comments: { type: "nvarchar", length: 4000 },
      },
      last ? [{ runstatus: last.runstatus, time: last.time, comments: last.comments }] : [],
    );
  }

  /** Published databases other than the one asked about. */
  publishedDatabasesExcept(except: string | undefined): string[] {
    return [...this.publishedDatabases, ...this.otherPublishedDatabases].filter((db) => !same(db, except));
  }

  /** Queues a replicated change for every subscription whose publication has an article on the table. */
  capture(
    table: { schema: string; name: string },
    entry: { op: "insert" | "update" | "delete"; row?: unknown[]; key?: unknown },
  ): void {
    for (const p of this.publications) {
      if (!this.logReaders.has(p.database.toLowerCase())) continue;
      const article = p.articles.find((a) => keyOf(a.source) === keyOf(table));
      if (!article) continue;
      for (const s of p.subscriptions) {
        s.queue.push({
          kind: "command",
          article: article.name.toLowerCase(),
          table: article.destination,
          op: entry.op,
          ...(entry.row ? { row: entry.row as never } : {}),
          ...(entry.key !== undefined ? { key: entry.key as never } : {}),
        });
      }
    }
  }
}
