/**
 * Who may log in to the test server: SQL logins (user + password) and Entra ID access tokens
 * (LOGIN7 FEDAUTH extension), optionally restricted to a set of databases. Failures produce the
 * messages SQL Server sends, so the driver reports them the way it would in production.
 */
import type { Login7Request } from "./protocol/login7";
import type { ServerMessage } from "./protocol/tokens";

export interface SqlLogin {
  user: string;
  password: string;
}

export interface LoginPolicyOptions {
  logins: SqlLogin[];
  /** Access tokens accepted through fedauth; the login is reported as the token's owner name given here. */
  accessTokens: Array<{ token: string; principal: string }>;
  /** Databases that exist; undefined accepts any name. */
  databases?: string[];
}

export type LoginDecision =
  | { accepted: true; principal: string; database: string; viaAccessToken: boolean }
  | { accepted: false; messages: ServerMessage[] };

const LOGIN_FAILED = 18456;
const CANNOT_OPEN_DATABASE = 4060;

export function decideLogin(options: LoginPolicyOptions, login: Login7Request): LoginDecision {
  const database = login.database || "master";

  let principal: string | undefined;
  let viaAccessToken = false;
  if (login.fedAuthToken !== undefined) {
    principal = options.accessTokens.find((candidate) => candidate.token === login.fedAuthToken)?.principal;
    viaAccessToken = true;
    if (principal === undefined) {
      return refuse(`Login failed for user '<token-identified principal>'.`);
    }
  } else {
    const match = options.logins.find(
      (candidate) => candidate.user === login.userName && candidate.password === login.password,
    );
    if (!match) return refuse(`Login failed for user '${login.userName}'.`);
    principal = match.user;
  }

  if (options.databases && !options.databases.some((name) => name.toLowerCase() === database.toLowerCase())) {
    return {
      accepted: false,
      messages: [
        {
          number: CANNOT_OPEN_DATABASE,
          state: 1,
          class: 11,
          message: `Cannot open database "${database}" requested by the login. The login failed.`,
        },
        { number: LOGIN_FAILED, state: 1, class: 14, message: `Login failed for user '${principal}'.` },
      ],
    };
  }
  return { accepted: true, principal, database, viaAccessToken };
}

function refuse(message: string): LoginDecision {
  return { accepted: false, messages: [{ number: LOGIN_FAILED, state: 1, class: 14, message }] };
}
