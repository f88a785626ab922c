/**
 * Bearer-token authentication, behind a one-method interface so a stricter scheme (e.g. checking a
 * JWT's audience) can replace it without touching the pipeline.
 */
import { armErrors } from "./errors";

export interface Authenticator {
  /** Throws the ArmErrorResponse ARM would answer with, or returns when the request may proceed. */
  authenticate(authorizationHeader: string | undefined): void;
}

/**
 * Requires `Authorization: Bearer <token>`. Any token is accepted unless a list of accepted tokens is
 * given — enough to prove the client sends its credential, which is what the Azure SDK must do.
 */
export class BearerTokenAuthenticator implements Authenticator {
  private readonly accepted?: ReadonlySet<string>;

  constructor(acceptedTokens?: readonly string[]) {
    this.accepted = acceptedTokens && acceptedTokens.length > 0 ? new Set(acceptedTokens) : undefined;
  }

  authenticate(authorizationHeader: string | undefined): void {
    if (!authorizationHeader) throw armErrors.authenticationFailed();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader);
    if (!match) throw armErrors.invalidAuthenticationToken();
    if (this.accepted && !this.accepted.has(match[1]!)) throw armErrors.invalidAuthenticationToken();
  }
}
