/** CREATE USER, CREATE ROLE, role membership (ALTER ROLE / sp_addrolemember), GRANT and DENY. */
import { databaseObjectKey, permissionKey } from "../keys";
import type { PermissionDef, UserDef } from "../model";
import type { Statement } from "../statements";
import { ParseError, type TokenCursor } from "../token-cursor";
import type { ReaderContext } from "./reader-context";

export function readCreateUser(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "USER");
  const name = c.readIdentifier();
  const user: UserDef = {
    kind: "user",
    key: databaseObjectKey(name),
    name,
    source: ctx.source(stmt),
    authentication: "sql",
    loginName: name,
  };
  if (c.acceptWords("FOR", "LOGIN") || c.acceptWords("FROM", "LOGIN")) {
    user.loginName = c.readIdentifier();
  } else if (c.acceptWords("WITHOUT", "LOGIN")) {
    user.authentication = "withoutLogin";
    delete user.loginName;
  } else if (c.acceptWords("FROM", "EXTERNAL", "PROVIDER")) {
    user.authentication = "external";
    delete user.loginName;
  } else if (
    c.acceptWords("FROM", "CERTIFICATE") ||
    c.acceptWords("FROM", "ASYMMETRIC", "KEY") ||
    c.acceptWords("FOR", "CERTIFICATE")
  ) {
    c.readIdentifier();
    user.authentication = "withoutLogin";
    delete user.loginName;
  }
  while (c.acceptWords("WITH") || c.acceptText(",")) {
    const option = c.next().upper;
    c.expectText("=");
    if (option === "DEFAULT_SCHEMA") user.defaultSchema = c.readIdentifier(true);
    else if (option === "PASSWORD") {
      // The password value is read and dropped: it must never reach the model, logs or reports.
      c.next();
      user.hasPassword = true;
      delete user.loginName;
    } else c.next();
  }
  if (!c.done) throw new ParseError(`unexpected '${c.peek()!.text}' in CREATE USER`, c.peek());
  // A DOMAIN\name login or user is Windows authentication.
  if (user.authentication === "sql" && (user.loginName ?? name).includes("\\")) user.authentication = "windows";
  ctx.add(ctx.model.users, user, stmt);
}

export function readCreateRole(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "ROLE");
  const name = c.readIdentifier();
  const owner = c.acceptWords("AUTHORIZATION") ? c.readIdentifier() : undefined;
  // A dbo owner is left out ("absent means dbo"), as catalog extraction does, so the two compare equal.
  ctx.add(
    ctx.model.roles,
    {
      kind: "role",
      key: databaseObjectKey(name),
      name,
      source: ctx.source(stmt),
      ...(owner !== undefined && owner.toLowerCase() !== "dbo" ? { owner } : {}),
      members: [],
    },
    stmt,
  );
}

/** `ALTER ROLE r ADD MEMBER m` (DROP MEMBER is kept as a statement). */
export function readAlterRole(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("ALTER", "ROLE");
  const role = c.readIdentifier();
  if (!c.acceptWords("ADD", "MEMBER")) {
    ctx.keepStatement(stmt, true, "ALTER ROLE form not understood (only ADD MEMBER is); kept as written");
    return;
  }
  addRoleMember(ctx, stmt, role, c.readIdentifier());
}

/** `EXEC sp_addrolemember 'role', 'member'` (or with @rolename/@membername). */
export function readAddRoleMemberProc(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.next();
  c.next();
  const values: string[] = [];
  while (!c.done) {
    const t = c.next();
    if (t.type === "string" || t.type === "identifier" || t.type === "quotedIdentifier") values.push(t.value);
    if (t.type === "variable") c.expectText("=");
  }
  if (values.length !== 2) throw new ParseError("sp_addrolemember needs a role and a member", stmt.tokens[0]);
  addRoleMember(ctx, stmt, values[0]!, values[1]!);
}

function addRoleMember(ctx: ReaderContext, stmt: Statement, roleName: string, member: string): void {
  const file = ctx.file;
  ctx.defer(() => {
    const role = ctx.role(roleName);
    if (role === undefined) {
      // Fixed database roles (db_datareader...) are not in the model; keep the statement for the generator.
      ctx.keepStatement(stmt, false, undefined, file);
      return;
    }
    if (!role.members.includes(member)) {
      role.members.push(member);
      role.members.sort();
    }
  });
}

/** `GRANT|DENY perm [, perm] [ON [class::]securable] TO principal [, principal] [WITH GRANT OPTION]`. */
export function readGrant(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  const verb = c.next().upper as "GRANT" | "DENY";
  const permissions: string[] = [];
  let words: string[] = [];
  while (!c.done && !c.atWords("ON") && !c.atWords("TO")) {
    const t = c.next();
    if (t.text === "(") throw new ParseError("column-level permissions are not modelled", t);
    if (t.text === ",") {
      permissions.push(words.join(" "));
      words = [];
    } else words.push(t.upper);
  }
  permissions.push(words.join(" "));
  let securable: PermissionDef["securable"] = { class: "database" };
  if (c.acceptWords("ON")) {
    if (c.peek(1)?.text === "::") {
      const cls = c.next().upper;
      c.next();
      if (cls === "SCHEMA") securable = { class: "schema", name: c.readIdentifier() };
      else if (cls === "OBJECT") securable = { class: "object", ...c.readSchemaObjectName(ctx.defaultSchema) };
      else if (cls === "DATABASE") c.readIdentifier();
      else throw new ParseError(`permissions on ${cls}:: are not modelled`, c.peek());
    } else {
      securable = { class: "object", ...c.readSchemaObjectName(ctx.defaultSchema) };
    }
  }
  c.expectWords("TO");
  const principals: string[] = [c.readIdentifier(true)];
  while (c.acceptText(",")) principals.push(c.readIdentifier(true));
  const withGrant = c.acceptWords("WITH", "GRANT", "OPTION");
  if (c.acceptWords("AS")) c.readIdentifier();
  if (!c.done) throw new ParseError(`unexpected '${c.peek()!.text}' in ${verb}`, c.peek());
  const state: PermissionDef["state"] = verb === "DENY" ? "DENY" : withGrant ? "GRANT_WITH_GRANT_OPTION" : "GRANT";
  for (const principal of principals) {
    for (const permission of permissions) {
      const p = { state, permission, securable: { ...securable }, principal };
      ctx.add(
        ctx.model.permissions,
        { kind: "permission", key: permissionKey(p), name: permission, source: ctx.source(stmt), ...p },
        stmt,
      );
    }
  }
}
