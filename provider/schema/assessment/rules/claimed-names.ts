/**
 * Object names that a specific rule reports (extended procedures, Database Mail, SQL Agent, sp_configure), so
 * the general cross-database and linked-server rules do not report the same call a second time.
 */
const SPECIFIC = [
  /^xp_/,
  /^sp_oa/,
  /^sp_send_dbmail$/,
  /^sp_configure$/,
  /^sp_(add|update|delete|start|stop)_job/,
  /^sp_add_jobstep$/,
  /^sp_add_jobschedule$/,
  /^sp_add_jobserver$/,
  /^sp_add_schedule$/,
  /^sp_attach_schedule$/,
];

export function isClaimedBySpecificRule(objectName: string): boolean {
  const n = objectName.toLowerCase();
  return SPECIFIC.some((re) => re.test(n));
}
