/**
 * Secrets that are URLs. A chat webhook's URL (Slack, Microsoft Teams, Google Chat, Discord …)
 * carries its token in the path, so the whole URL is a password: it is shown as its origin only,
 * and its path is masked wherever it appears, also apart from the origin (an error may quote the URL
 * as fetch normalised it, or a redirect the same path under another origin).
 *
 * @module
 */

import { ConfigError } from "../core/errors.ts";
import { registerSecret } from "../core/redact.ts";
import { issueWords, keyName } from "./issues.ts";
import { m } from "../i18n/mod.ts";
import { secretSpecs } from "../connectors/config.ts";
import { Secret } from "./secret.ts";

/** A secret http(s) URL held in memory; prints and serialises as `https://hooks.slack.com/…`. */
export class SecretUrl extends Secret {
  /** `https://hooks.slack.com`: all of it that messages and `status` may show. */
  readonly origin: string;

  /**
   * `value` must be an http(s) URL (see {@linkcode openSecret}). `unencrypted`: read from
   * config.toml in plain text, as an earlier spojka wrote it; the next `spojka init` encrypts it.
   */
  constructor(value: string, readonly unencrypted = false) {
    super(value);
    const url = new URL(value);
    this.origin = url.origin;
    registerSecret(url.pathname + url.search);
  }

  override toString(): string {
    return `${this.origin}/…`;
  }

  override toJSON(): string {
    return this.unencrypted ? m.configFile.notEncryptedYet(this.toString()) : this.toString();
  }

  [Symbol.for("Deno.customInspect")](): string {
    return `SecretUrl(${this})`;
  }
}

/** Where a secret's plain text came from: config.toml (decrypted, or plain as spojka once wrote a URL), or a variable. */
export type SecretSource = { config: "encrypted" | "plain" } | { variable: string };

/** What is wrong with `plain` as the secret of config key `path` (never quoting it), if anything. */
export function secretProblem(path: readonly string[], plain: string): string | undefined {
  const result = secretSpecs().get(path.join("."))?.url?.safeParse(plain, { error: issueWords });
  return result?.success === false ? result.error.issues[0].message : undefined;
}

/**
 * The in-memory secret of config key `path` (e.g. `["alerts", "webhook_url"]`): a {@linkcode SecretUrl}
 * for a URL key, else a {@linkcode Secret}. Throws a {@linkcode ConfigError} naming the key or the
 * variable, never the value, when a URL key's text is not a URL.
 */
export function openSecret(path: readonly string[], plain: string, source: SecretSource): Secret {
  if (!secretSpecs().get(path.join("."))?.url) return new Secret(plain);
  const problem = secretProblem(path, plain);
  if (!problem) return new SecretUrl(plain, "config" in source && source.config === "plain");
  throw "variable" in source
    ? new ConfigError(m.configFile.badVariable(source.variable, problem), {
      hint: m.configFile.badVariableHint,
    })
    : new ConfigError(m.configFile.badDecrypted(keyName(path), problem), {
      hint: m.configFile.badDecryptedHint,
    });
}
