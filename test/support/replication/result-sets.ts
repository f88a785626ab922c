/**
 * The result sets the replication procedures answer with, under their real column names (the fact sheet's §7:
 * name-addressed, spaces included), so the adapter is tested reading what SQL Server sends. Rows are built
 * from objects keyed by column name; a column the simulator has no value for is NULL.
 */
import type { CellValue, ColumnType, QueryResponse, ResultSet, ServerMessage } from "../tds";

type Columns = Record<string, ColumnType>;

const sysname: ColumnType = { type: "nvarchar", length: 128 };
const text = (length: number | "max" = 255): ColumnType => ({ type: "nvarchar", length });
const int: ColumnType = { type: "int" };
const tinyint: ColumnType = { type: "tinyint" };
const smallint: ColumnType = { type: "smallint" };
const bigint: ColumnType = { type: "bigint" };
const bit: ColumnType = { type: "bit" };
const datetime: ColumnType = { type: "datetime2", scale: 3 };
const guid: ColumnType = { type: "uniqueidentifier" };
const binary = (length: number): ColumnType => ({ type: "varbinary", length });

export const RESULT_COLUMNS = {
  sp_get_distributor: {
    installed: int,
    "distribution server": sysname,
    "distribution db installed": int,
    "is distribution publisher": int,
    "has remote distribution publisher": int,
  },
  sp_helpdistpublisher: {
    name: sysname,
    distribution_db: sysname,
    security_mode: int,
    login: sysname,
    password: sysname,
    active: bit,
    working_directory: text(255),
    trusted: bit,
    thirdparty_flag: bit,
    publisher_type: sysname,
    publisher_data_source: text(4000),
  },
  sp_helpreplicationdboption: {
    name: sysname,
    id: int,
    transpublish: bit,
    mergepublish: bit,
    dbowner: bit,
    dbreadonly: bit,
    haspublications: bit,
    haspullsubscriptions: bit,
  },
  sp_helplogreader_agent: {
    id: int,
    name: text(100),
    publisher_security_mode: smallint,
    publisher_login: sysname,
    publisher_password: text(524),
    job_id: guid,
    job_login: text(512),
    job_password: sysname,
  },
  sp_helppublication: Object.fromEntries([
    ["pubid", int],
    ["name", sysname],
    ["restricted", int],
    ["status", tinyint],
    ["task", int],
    ["replication frequency", tinyint],
    ["synchronization method", tinyint],
    ["description", text(255)],
    ["immediate_sync", bit],
    ["enabled_for_internet", bit],
    ["allow_push", bit],
    ["allow_pull", bit],
    ["allow_anonymous", bit],
    ["independent_agent", bit],
    ["immediate_sync_ready", bit],
    ["allow_sync_tran", bit],
    ["autogen_sync_procs", bit],
    ["snapshot_jobid", binary(16)],
    ["retention", int],
    ["has subscription", bit],
    ["allow_queued_tran", bit],
    ["snapshot_in_defaultfolder", bit],
    ["alt_snapshot_folder", text(255)],
    ["pre_snapshot_script", text(255)],
    ["post_snapshot_script", text(255)],
    ["compress_snapshot", bit],
    ["ftp_address", sysname],
    ["ftp_port", int],
    ["ftp_subdirectory", text(255)],
    ["ftp_login", sysname],
    ["allow_dts", bit],
    ["allow_subscription_copy", bit],
    ["centralized_conflicts", bit],
    ["conflict_retention", int],
    ["conflict_policy", int],
    ["queue_type", int],
    ["backward_comp_level", int],
    ["publish_to_AD", bit],
    ["allow_initialize_from_backup", bit],
    ["replicate_ddl", int],
    ["enabled_for_p2p", int],
    ["publish_local_changes_only", int],
    ["enabled_for_het_sub", int],
    ["enabled_for_p2p_conflictdetection", int],
    ["originator_id", int],
    ["p2p_continue_onconflict", int],
    ["allow_partition_switch", int],
    ["replicate_partition_switch", int],
  ] as [string, ColumnType][]),
  sp_helppublication_snapshot: {
    id: int,
    name: text(100),
    publisher_security_mode: smallint,
    publisher_login: sysname,
    publisher_password: text(524),
    job_id: guid,
    job_login: text(512),
    job_password: sysname,
    schedule_name: sysname,
    frequency_type: int,
  },
  sp_helparticle: {
    "article id": int,
    "article name": sysname,
    "base object": text(257),
    "destination object": sysname,
    "synchronization object": text(257),
    type: smallint,
    status: tinyint,
    filter: text(257),
    description: text(255),
    insert_command: text(255),
    update_command: text(255),
    delete_command: text(255),
    "creation script path": text(255),
    "vertical partition": bit,
    pre_creation_cmd: tinyint,
    filter_clause: text("max"),
    schema_option: binary(8),
    dest_owner: sysname,
    source_owner: sysname,
    unqua_source_object: sysname,
    sync_object_owner: sysname,
    unqualified_sync_object: sysname,
    filter_owner: sysname,
    unqua_filter: sysname,
    auto_identity_range: int,
    publisher_identity_range: int,
    identity_range: bigint,
    threshold: bigint,
    identityrangemanagementoption: int,
    fire_triggers_on_snapshot: bit,
  },
  sp_helpsubscription: {
    subscriber: sysname,
    publication: sysname,
    article: sysname,
    "destination database": sysname,
    "subscription status": tinyint,
    "synchronization type": tinyint,
    "subscription type": int,
    "full subscription": bit,
    "subscription name": text(255),
    "update mode": int,
    "distribution job id": binary(16),
    loopback_detection: bit,
    offload_enabled: bit,
    offload_server: sysname,
    dts_package_name: sysname,
    dts_package_location: int,
    subscriber_security_mode: smallint,
    subscriber_login: sysname,
    subscriber_password: sysname,
    job_login: sysname,
    job_password: sysname,
    distrib_agent_name: text(100),
    subscriber_type: tinyint,
    subscriber_provider: sysname,
    subscriber_datasource: text(4000),
    subscriber_providerstring: text(4000),
    subscriber_location: text(4000),
    subscriber_catalog: sysname,
  },
  sp_replmonitorsubscriptionpendingcmds: { pendingcmdcount: int, estimatedprocesstime: int },
  sp_helptracertokenhistory: {
    distributor_latency: bigint,
    subscriber: sysname,
    subscriber_db: sysname,
    subscriber_latency: bigint,
    overall_latency: bigint,
  },
  sp_replmonitorhelpsubscription: Object.fromEntries([
    ["status", int],
    ["warning", int],
    ["subscriber", sysname],
    ["subscriber_db", sysname],
    ["publisher_db", sysname],
    ["publication", sysname],
    ["publication_type", int],
    ["subtype", int],
    ["latency", int],
    ["latencythreshold", int],
    ["agentnotrunning", int],
    ["agentnotrunningthreshold", int],
    ["timetoexpiration", int],
    ["expirationthreshold", int],
    ["last_distsync", datetime],
    ["distribution_agentname", sysname],
    ["mergeagentname", sysname],
    ["mergesubscriptionfriendlyname", sysname],
    ["mergeagentlocation", sysname],
    ["mergeconnectiontype", int],
    ["mergePerformance", int],
    ["mergerunspeed", { type: "float" }],
    ["mergerunduration", int],
    ["monitorranking", int],
    ["distributionagentjobid", binary(16)],
    ["mergeagentjobid", binary(16)],
    ["distributionagentid", int],
    ["distributionagentprofileid", int],
    ["mergeagentid", int],
    ["mergeagentprofileid", int],
  ] as [string, ColumnType][]),
  sp_helpsubscriptionerrors: {
    id: int,
    time: datetime,
    error_type_id: int,
    source_type_id: int,
    source_name: sysname,
    error_code: sysname,
    error_text: text("max"),
    xact_seqno: binary(16),
    command_id: int,
    session_id: int,
  },
} satisfies Record<string, Columns>;

export type Row = Record<string, CellValue>;

export function resultSet(columns: Columns, rows: Row[]): ResultSet {
  const names = Object.keys(columns);
  return {
    columns: names.map((name) => ({ name, type: columns[name]! })),
    rows: rows.map((row) => names.map((name) => row[name] ?? null)),
  };
}

export function answer(columns: Columns, rows: Row[], infos?: ServerMessage[]): QueryResponse {
  return { resultSets: [resultSet(columns, rows)], ...(infos ? { infos } : {}) };
}

/** A SQL Server error: the number and text the real server raises where known. */
export function failure(number: number, message: string, state = 1): QueryResponse {
  return { error: { number, state, class: 16, message } };
}

export const info = (message: string, number = 0): ServerMessage => ({ number, state: 1, class: 0, message });
