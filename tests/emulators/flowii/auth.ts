/**
 * FLOWii's bearer tokens: opaque random strings valid for a fixed time, as issued by an OAuth
 * password grant at `POST /token`.
 *
 * @module
 */

/** Body of a successful token response. */
export interface TokenResponse {
  access_token: string;
  token_type: "bearer";
  /** Lifetime in seconds. */
  expires_in: number;
}

/** Outcome of checking an `Authorization` header. */
export type TokenCheck = "ok" | "missing" | "unknown" | "expired";

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(48));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Issued tokens and their expiry. */
export class TokenStore {
  readonly #expiry = new Map<string, number>();
  readonly #ttlSeconds: number;
  readonly #now: () => number;

  /** Tokens live `ttlSeconds`, measured with `now` (milliseconds, like `Date.now`). */
  constructor(ttlSeconds: number, now: () => number) {
    this.#ttlSeconds = ttlSeconds;
    this.#now = now;
  }

  /** A new token. */
  issue(): TokenResponse {
    const token = randomToken();
    this.#expiry.set(token, this.#now() + this.#ttlSeconds * 1000);
    return { access_token: token, token_type: "bearer", expires_in: this.#ttlSeconds };
  }

  /** Checks an `Authorization: Bearer <token>` header value (scheme case-insensitive). */
  check(authorization: string | null): TokenCheck {
    const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match) return "missing";
    const expiresAt = this.#expiry.get(match[1]);
    if (expiresAt === undefined) return "unknown";
    return this.#now() < expiresAt ? "ok" : "expired";
  }

  /** Lets every token issued so far expire now, as if they had all reached their lifetime. */
  expireAll(): void {
    const now = this.#now();
    for (const token of this.#expiry.keys()) this.#expiry.set(token, now);
  }
}
