/**
 * Alerts as a webhook: a JSON POST, signed when a secret is set: `X-Spojka-Signature-256` is
 * `sha256=` and the hex HMAC-SHA256 of the raw body with the secret, so the receiver can tell
 * spojka's alerts from anyone else's POST.
 *
 * @module
 */

import type { AlertsConfig } from "../config/schema.ts";
import { connectorTitle } from "../connectors/config.ts";
import { ServiceError } from "../core/errors.ts";
import { describeBody, request } from "../core/http.ts";
import { redact } from "../core/redact.ts";
import { m } from "../i18n/mod.ts";
import { VERSION } from "../version.ts";
import type { Notice } from "./alerts.ts";
import type { Channel } from "./channel.ts";
import { type Message, NAMED_ITEMS, type Origin } from "./messages.ts";

/** The header that carries the signature. */
export const SIGNATURE_HEADER = "X-Spojka-Signature-256";

/**
 * The webhook channel of `config`, which has `webhook_url`. Its URL is a secret (a chat webhook's
 * path is its token), so messages name its origin only; its path is masked in every log line.
 */
export function webhookChannel(
  config: AlertsConfig,
  origin: Origin,
  log: { detail(message: string): void; warn(message: string): void },
): Channel {
  const url = config.webhook_url!;
  if (url.unencrypted) {
    log.warn(m.alerts.webhookUnencrypted);
  }
  return {
    name: "webhook",
    async send(notice, message) {
      const body = redact(JSON.stringify(payload(notice, message, origin)));
      const headers: Record<string, string> = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": `spojka/${VERSION}`,
      };
      if (config.webhook_secret) headers[SIGNATURE_HEADER] = await sign(config.webhook_secret.reveal(), body);
      const response = await request(url.reveal(), { method: "POST", headers, body }, {
        service: m.alerts.webhook,
        log,
        policy: {
          attempts: 2,
          timeoutMs: config.timeout_seconds * 1000,
          retryStatuses: [429, 502, 503, 504],
          retryNetworkErrors: true,
        },
      });
      if (!response.ok) {
        throw new ServiceError(
          m.alerts.webhookAnswered(url.origin, response.status, describeBody(response.body)),
        );
      }
    },
  };
}

/**
 * The JSON body: what happened as data, and the composed message (`subject`, and `text`, the field
 * Slack-style chat webhooks show).
 */
export function payload(notice: Notice, message: Message, origin: Origin): Record<string, unknown> {
  const { result } = notice;
  const common = {
    connector: result.connector,
    connectorTitle: connectorTitle(result.connector),
    host: origin.host,
    dataFolder: origin.dataDir,
    at: result.at,
    exitCode: result.exitCode,
  };
  const text = { subject: message.subject, text: `${message.subject}\n\n${message.text}` };
  if (notice.type === "recovery") return { event: "recovery", ...common, ended: notice.ended, ...text };
  return {
    event: "alert",
    problem: notice.kind,
    reminder: notice.reminder,
    since: notice.told.since,
    ...common,
    ...(result.failure ? { failure: result.failure } : {}),
    rejected: {
      total: result.rejected.total,
      items: result.rejected.items.slice(0, NAMED_ITEMS).map(({ agenda, label, reason }) => ({
        agenda,
        label,
        reason,
      })),
    },
    ...text,
  };
}

/** `sha256=<hex HMAC-SHA256 of body>`. */
export async function sign(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return `sha256=${mac.toHex()}`;
}
