/**
 * What the test server knows of SQL Server's catalog: each catalog view it serves, with its columns and their
 * data types as Microsoft documents them (learn.microsoft.com "sys.<view> (Transact-SQL)", read from the
 * MicrosoftDocs/sql-docs pages docs/relational-databases/system-catalog-views/*.md). Written from those pages,
 * not from the provider's queries, so a query naming a column the view does not have is refused here as SQL
 * Server refuses it.
 *
 * Views that inherit another view's columns (sys.tables inherits sys.objects, sys.identity_columns inherits
 * sys.columns, sys.filegroups inherits sys.data_spaces...) say so with `inherits`, as the pages do. Column lists
 * are "name type" pairs, comma separated, in the pages' order. The pages are of SQL Server 2016 to 2022 and Azure
 * SQL Database; columns a page adds in a later release (graph_type in 2017...) are listed, so the server is
 * the newest engine (the provider's version-adaptive queries then take their newest branch).
 */
export interface DocumentedView {
  inherits?: string;
  columns: string;
}

export const DOCUMENTED_VIEWS: Record<string, DocumentedView> = {
  "sys.objects": {
    columns: `name sysname, object_id int, principal_id int, schema_id int, parent_object_id int, type char(2),
      type_desc nvarchar(60), create_date datetime, modify_date datetime, is_ms_shipped bit, is_published bit,
      is_schema_published bit`,
  },
  "sys.tables": {
    inherits: "sys.objects",
    columns: `lob_data_space_id int, filestream_data_space_id int, max_column_id_used int, lock_on_bulk_load bit,
      uses_ansi_nulls bit, is_replicated bit, has_replication_filter bit, is_merge_published bit,
      is_sync_tran_subscribed bit, has_unchecked_assembly_data bit, text_in_row_limit int,
      large_value_types_out_of_row bit, is_tracked_by_cdc bit, lock_escalation tinyint,
      lock_escalation_desc nvarchar(60), is_filetable bit, durability tinyint, durability_desc nvarchar(60),
      is_memory_optimized bit, temporal_type tinyint, temporal_type_desc nvarchar(60), history_table_id int,
      is_remote_data_archive_enabled bit, is_external bit, history_retention_period int,
      history_retention_period_unit int, history_retention_period_unit_desc nvarchar(10), is_node bit, is_edge bit`,
  },
  "sys.views": {
    inherits: "sys.objects",
    columns: `is_replicated bit, has_replication_filter bit, has_opaque_metadata bit, has_unchecked_assembly_data bit,
      with_check_option bit, is_date_correlation_view bit`,
  },
  "sys.key_constraints": { inherits: "sys.objects", columns: "unique_index_id int, is_system_named bit" },
  "sys.default_constraints": {
    inherits: "sys.objects",
    columns: "parent_column_id int, definition nvarchar(max), is_system_named bit",
  },
  "sys.columns": {
    columns: `object_id int, name sysname, column_id int, system_type_id tinyint, user_type_id int, max_length smallint,
      precision tinyint, scale tinyint, collation_name sysname, is_nullable bit, is_ansi_padded bit, is_rowguidcol bit,
      is_identity bit, is_computed bit, is_filestream bit, is_replicated bit, is_non_sql_subscribed bit,
      is_merge_published bit, is_dts_replicated bit, is_xml_document bit, xml_collection_id int,
      default_object_id int, rule_object_id int, is_sparse bit, is_column_set bit, generated_always_type tinyint,
      generated_always_type_desc nvarchar(60), encryption_type int, encryption_type_desc nvarchar(64),
      encryption_algorithm_name sysname, column_encryption_key_id int, column_encryption_key_database_name sysname,
      is_hidden bit, is_masked bit, graph_type int, graph_type_desc nvarchar(60)`,
  },
  "sys.identity_columns": {
    inherits: "sys.columns",
    columns: "seed_value sql_variant, increment_value sql_variant, last_value sql_variant, is_not_for_replication bit",
  },
  "sys.computed_columns": {
    inherits: "sys.columns",
    columns: "definition nvarchar(max), uses_database_collation bit, is_persisted bit",
  },
  "sys.masked_columns": { inherits: "sys.columns", columns: "masking_function nvarchar(4000)" },
  "sys.types": {
    columns: `name sysname, system_type_id tinyint, user_type_id int, schema_id int, principal_id int,
      max_length smallint, precision tinyint, scale tinyint, collation_name sysname, is_nullable bit,
      is_user_defined bit, is_assembly_type bit, default_object_id int, rule_object_id int, is_table_type bit`,
  },
  "sys.table_types": { inherits: "sys.types", columns: "type_table_object_id int, is_memory_optimized bit" },
  "sys.indexes": {
    columns: `object_id int, name sysname, index_id int, type tinyint, type_desc nvarchar(60), is_unique bit,
      data_space_id int, ignore_dup_key bit, is_primary_key bit, is_unique_constraint bit, fill_factor tinyint,
      is_padded bit, is_disabled bit, is_hypothetical bit, allow_row_locks bit, allow_page_locks bit,
      has_filter bit, filter_definition nvarchar(max), auto_created bit`,
  },
  "sys.index_columns": {
    columns: `object_id int, index_id int, index_column_id int, column_id int, key_ordinal tinyint,
      partition_ordinal tinyint, is_descending_key bit, is_included_column bit, column_store_order_ordinal tinyint`,
  },
  "sys.data_spaces": {
    columns: "name sysname, data_space_id int, type char(2), type_desc nvarchar(60), is_default bit, is_system bit",
  },
  "sys.filegroups": {
    inherits: "sys.data_spaces",
    columns: "filegroup_guid uniqueidentifier, log_filegroup_id int, is_read_only bit, is_autogrow_all_files bit",
  },
  "sys.partition_schemes": { inherits: "sys.data_spaces", columns: "function_id int" },
  "sys.destination_data_spaces": { columns: "partition_scheme_id int, destination_id int, data_space_id int" },
  "sys.partition_functions": {
    columns: `name sysname, function_id int, type char(2), type_desc nvarchar(60), fanout int,
      boundary_value_on_right bit, is_system bit, create_date datetime, modify_date datetime`,
  },
  "sys.partition_parameters": {
    columns: `function_id int, parameter_id int, system_type_id tinyint, max_length smallint, precision tinyint,
      scale tinyint, collation_name sysname, user_type_id int`,
  },
  "sys.partition_range_values": {
    columns: "function_id int, boundary_id int, parameter_id int, value sql_variant",
  },
  "sys.schemas": { columns: "name sysname, schema_id int, principal_id int" },
  "sys.periods": {
    columns: `name sysname, period_type tinyint, period_type_desc nvarchar(60), object_id int, start_column_id int,
      end_column_id int`,
  },
  "sys.xml_schema_collections": {
    columns: `xml_collection_id int, schema_id int, principal_id int, name sysname, create_date datetime,
      modify_date datetime`,
  },
  "sys.check_constraints": {
    inherits: "sys.objects",
    columns: `is_disabled bit, is_not_for_replication bit, is_not_trusted bit, parent_column_id int,
      definition nvarchar(max), uses_database_collation bit, is_system_named bit`,
  },
  "sys.foreign_keys": {
    inherits: "sys.objects",
    columns: `referenced_object_id int, key_index_id int, is_disabled bit, is_not_for_replication bit,
      is_not_trusted bit, delete_referential_action tinyint, delete_referential_action_desc nvarchar(60),
      update_referential_action tinyint, update_referential_action_desc nvarchar(60), is_system_named bit`,
  },
  "sys.foreign_key_columns": {
    columns: `constraint_object_id int, constraint_column_id int, parent_object_id int, parent_column_id int,
      referenced_object_id int, referenced_column_id int`,
  },
  "sys.hash_indexes": { inherits: "sys.indexes", columns: "bucket_count int" },
  "sys.xml_indexes": {
    inherits: "sys.indexes",
    columns: `using_xml_index_id int, secondary_type char(1), secondary_type_desc nvarchar(60), xml_index_type tinyint,
      xml_index_type_description nvarchar(60), path_id int`,
  },
  "sys.spatial_index_tessellations": {
    columns: `object_id int, index_id int, tessellation_scheme sysname, bounding_box_xmin float,
      bounding_box_ymin float, bounding_box_xmax float, bounding_box_ymax float, level_1_grid smallint,
      level_1_grid_desc nvarchar(60), level_2_grid smallint, level_2_grid_desc nvarchar(60), level_3_grid smallint,
      level_3_grid_desc nvarchar(60), level_4_grid smallint, level_4_grid_desc nvarchar(60), cells_per_object int`,
  },
  "sys.sql_modules": {
    columns: `object_id int, definition nvarchar(max), uses_ansi_nulls bit, uses_quoted_identifier bit,
      is_schema_bound bit, uses_database_collation bit, is_recompiled bit, null_on_null_input bit,
      execute_as_principal_id int, uses_native_compilation bit`,
  },
  "sys.numbered_procedures": { columns: "object_id int, procedure_number smallint, definition nvarchar(max)" },
  "sys.triggers": {
    columns: `name sysname, object_id int, parent_class tinyint, parent_class_desc nvarchar(60), parent_id int,
      type char(2), type_desc nvarchar(60), create_date datetime, modify_date datetime, is_ms_shipped bit,
      is_disabled bit, is_not_for_replication bit, is_instead_of_trigger bit`,
  },
  // The page lists object_id, type and type_desc as inherited from sys.events, whose page gives their types.
  "sys.trigger_events": {
    columns: `object_id int, type int, type_desc nvarchar(60), is_first bit, is_last bit, event_group_type int,
      event_group_type_desc nvarchar(60)`,
  },
  "sys.sequences": {
    inherits: "sys.objects",
    columns: `start_value sql_variant, increment sql_variant, minimum_value sql_variant, maximum_value sql_variant,
      is_cycling bit, is_cached bit, cache_size int, system_type_id tinyint, user_type_id int, precision tinyint,
      scale tinyint, current_value sql_variant, is_exhausted bit`,
  },
  "sys.synonyms": { inherits: "sys.objects", columns: "base_object_name nvarchar(1035)" },
  "sys.database_principals": {
    columns: `name sysname, principal_id int, type char(1), type_desc nvarchar(60), default_schema_name sysname,
      create_date datetime, modify_date datetime, owning_principal_id int, sid varbinary(85), is_fixed_role bit,
      authentication_type int, authentication_type_desc nvarchar(60), default_language_name sysname,
      default_language_lcid int, allow_encrypted_value_modifications bit`,
  },
  "sys.database_role_members": { columns: "role_principal_id int, member_principal_id int" },
  "sys.database_permissions": {
    columns: `class tinyint, class_desc nvarchar(60), major_id int, minor_id int, grantee_principal_id int,
      grantor_principal_id int, type char(4), permission_name nvarchar(128), state char(1), state_desc nvarchar(60)`,
  },
  "sys.assemblies": {
    columns: `name sysname, principal_id int, assembly_id int, clr_name nvarchar(4000), permission_set tinyint,
      permission_set_desc nvarchar(60), is_visible bit, create_date datetime, modify_date datetime,
      is_user_defined bit`,
  },
  "sys.service_queues": {
    inherits: "sys.objects",
    columns: `max_readers smallint, activation_procedure nvarchar(776), execute_as_principal_id int,
      is_activation_enabled bit, is_receive_enabled bit, is_enqueue_enabled bit, is_retention_enabled bit,
      is_poison_message_handling_enabled bit`,
  },
  "sys.services": { columns: "name sysname, service_id int, principal_id int, service_queue_id int" },
  "sys.service_contract_usages": { columns: "service_id int, service_contract_id int" },
  "sys.service_contracts": { columns: "name sysname, service_contract_id int, principal_id int" },
  // The page calls the last column is_schemabinding_enabled; queries written against real servers read it as
  // is_schema_bound (the engine's name), and the real-SQL suite is the check of this one entry.
  "sys.security_policies": {
    columns: `name sysname, object_id int, principal_id int, schema_id int, parent_object_id int, type varchar(2),
      type_desc nvarchar(60), create_date datetime, modify_date datetime, is_ms_shipped bit, is_enabled bit,
      is_not_for_replication bit, uses_database_collation bit, is_schema_bound bit`,
  },
  "sys.security_predicates": {
    columns: `object_id int, security_predicate_id int, target_object_id int, predicate_definition nvarchar(max),
      predicate_type int, predicate_type_desc nvarchar(60), operation int, operation_desc nvarchar(60)`,
  },
  "sys.fulltext_indexes": {
    columns: `object_id int, unique_index_id int, fulltext_catalog_id int, is_enabled bit, change_tracking_state char(1),
      change_tracking_state_desc nvarchar(60), has_crawl_completed bit, crawl_type char(1),
      crawl_type_desc nvarchar(60), crawl_start_date datetime, crawl_end_date datetime,
      incremental_timestamp binary(8), stoplist_id int, data_space_id int, property_list_id int`,
  },
  "sys.fulltext_catalogs": {
    columns: `fulltext_catalog_id int, name sysname, path nvarchar(260), is_default bit, is_accent_sensitivity_on bit,
      data_space_id int, file_id int, principal_id int, is_importing bit`,
  },
  "sys.fulltext_stoplists": {
    columns: "stoplist_id int, name sysname, create_date datetime, modify_date datetime, principal_id int",
  },
  "sys.fulltext_index_columns": {
    columns: "object_id int, column_id int, type_column_id int, language_id int, statistical_semantics int",
  },
  "sys.edge_constraints": {
    inherits: "sys.objects",
    columns: `is_disabled bit, is_not_trusted bit, delete_referential_action tinyint,
      delete_referential_action_desc nvarchar(60), is_system_named bit`,
  },
  "sys.edge_constraint_clauses": {
    columns: "object_id int, from_object_id int, to_object_id int, clause_number int",
  },
  "sys.partitions": {
    columns: `partition_id bigint, object_id int, index_id int, partition_number int, hobt_id bigint, rows bigint,
      filestream_filegroup_id smallint, data_compression tinyint, data_compression_desc nvarchar(60)`,
  },
  "sys.databases": {
    columns: `name sysname, database_id int, source_database_id int, owner_sid varbinary(85), create_date datetime,
      compatibility_level tinyint, collation_name sysname, user_access tinyint, user_access_desc nvarchar(60),
      is_read_only bit, is_auto_close_on bit, is_auto_shrink_on bit, state tinyint, state_desc nvarchar(60),
      is_in_standby bit, is_cleanly_shutdown bit, is_supplemental_logging_enabled bit,
      snapshot_isolation_state tinyint, snapshot_isolation_state_desc nvarchar(60),
      is_read_committed_snapshot_on bit, recovery_model tinyint, recovery_model_desc nvarchar(60),
      page_verify_option tinyint, page_verify_option_desc nvarchar(60), is_auto_create_stats_on bit,
      is_auto_create_stats_incremental_on bit, is_auto_update_stats_on bit, is_auto_update_stats_async_on bit,
      is_ansi_null_default_on bit, is_ansi_nulls_on bit, is_ansi_padding_on bit, is_ansi_warnings_on bit,
      is_arithabort_on bit, is_concat_null_yields_null_on bit, is_numeric_roundabort_on bit,
      is_quoted_identifier_on bit, is_recursive_triggers_on bit, is_cursor_close_on_commit_on bit,
      is_local_cursor_default bit, is_fulltext_enabled bit, is_trustworthy_on bit, is_db_chaining_on bit,
      is_parameterization_forced bit, is_master_key_encrypted_by_server bit, is_query_store_on bit,
      is_published bit, is_subscribed bit, is_merge_published bit, is_distributor bit, is_sync_with_backup bit,
      service_broker_guid uniqueidentifier, is_broker_enabled bit, log_reuse_wait tinyint,
      log_reuse_wait_desc nvarchar(60), is_date_correlation_on bit, is_cdc_enabled bit, is_encrypted bit,
      is_honor_broker_priority_on bit, replica_id uniqueidentifier, group_database_id uniqueidentifier,
      resource_pool_id int, default_language_lcid smallint, default_language_name nvarchar(128),
      default_fulltext_language_lcid int, default_fulltext_language_name nvarchar(128), is_nested_triggers_on bit,
      is_transform_noise_words_on bit, two_digit_year_cutoff smallint, containment tinyint,
      containment_desc nvarchar(60), target_recovery_time_in_seconds int, delayed_durability int,
      delayed_durability_desc nvarchar(60), is_memory_optimized_elevate_to_snapshot_on bit,
      is_federation_member bit, is_remote_data_archive_enabled bit, is_mixed_page_allocation_on bit,
      is_temporal_retention_enabled bit, catalog_collation_type int, catalog_collation_type_desc nvarchar(60)`,
  },
  "sys.procedures": {
    inherits: "sys.objects",
    columns: `is_auto_executed bit, is_execution_replicated bit, is_repl_serializable_only bit,
      skips_repl_constraints bit`,
  },
  // A dynamic management view, not a catalog view, but read by the replication prerequisites check.
  "sys.dm_exec_sessions": {
    columns: `session_id smallint, login_time datetime, host_name nvarchar(128), program_name nvarchar(128),
      host_process_id int, client_version int, client_interface_name nvarchar(32), security_id varbinary(85),
      login_name nvarchar(128), nt_domain nvarchar(128), nt_user_name nvarchar(128), status nvarchar(30),
      context_info varbinary(128), cpu_time int, memory_usage int, total_scheduled_time int,
      total_elapsed_time int, endpoint_id int, last_request_start_time datetime, last_request_end_time datetime,
      reads bigint, writes bigint, logical_reads bigint, is_user_process bit, text_size int,
      language nvarchar(128), date_format nvarchar(3), date_first smallint, quoted_identifier bit, arithabort bit,
      ansi_null_dflt_on bit, ansi_defaults bit, ansi_warnings bit, ansi_padding bit, ansi_nulls bit,
      concat_null_yields_null bit, transaction_isolation_level smallint, lock_timeout int, deadlock_priority int,
      row_count bigint, prev_error int, original_security_id varbinary(85), original_login_name nvarchar(128),
      last_successful_logon datetime, last_unsuccessful_logon datetime, unsuccessful_logons bigint, group_id int,
      database_id smallint, authenticating_database_id int, open_transaction_count int, pdw_node_id int,
      page_server_reads bigint`,
  },
};
