/**
 * Alerts by e-mail, through nodemailer's SMTP transport: STARTTLS that must succeed (never a
 * fall-back to plain text), TLS from the start, or no encryption; sign-in when a user is set.
 *
 * @module
 */

import type nodemailer from "nodemailer";
import { type AlertsConfig, SMTP_PORTS } from "../config/schema.ts";
import { ServiceError } from "../core/errors.ts";
import { redact } from "../core/redact.ts";
import { m } from "../i18n/mod.ts";
import type { Channel } from "./channel.ts";

/**
 * The e-mail channel of `config`, which has `email_to`. `caCerts` (PEM) are trusted besides the
 * system's roots; the program passes none (`DENO_CERT` adds a private CA), tests their sink's.
 */
export function emailChannel(config: AlertsConfig, caCerts?: string[]): Channel {
  return {
    name: "e-mail",
    async send(_notice, message) {
      await smtp(config, caCerts, (transport) =>
        transport.sendMail({
          from: config.email_from,
          to: config.email_to,
          subject: message.subject,
          text: message.text,
        }));
    },
  };
}

/** Connects, secures and signs in as an alert would, without sending; returns what was checked. */
export async function checkSmtp(config: AlertsConfig, caCerts?: string[]): Promise<string> {
  await smtp(config, caCerts, (transport) => transport.verify());
  const { host, port, security } = server(config);
  return `${host}:${port} (${security})${config.smtp_user ? m.alerts.signedIn(config.smtp_user) : ""}`;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;

async function smtp(
  config: AlertsConfig,
  caCerts: string[] | undefined,
  work: (transport: Transport) => Promise<unknown>,
): Promise<void> {
  const { host, port, security } = server(config);
  const ms = config.timeout_seconds * 1000;
  // Loaded when an alert is sent, not on every start of spojka (it takes a tenth of a second or more).
  const { createTransport } = (await import("nodemailer")).default;
  const transport = createTransport({
    host,
    port,
    secure: security === "tls",
    requireTLS: security === "starttls",
    ignoreTLS: security === "none",
    auth: config.smtp_user ? { user: config.smtp_user, pass: config.smtp_password?.reveal() } : undefined,
    connectionTimeout: ms,
    greetingTimeout: ms,
    socketTimeout: ms,
    // The message is plain text spojka wrote: nothing in it may make nodemailer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(caCerts ? { tls: { ca: caCerts } } : {}),
  });
  try {
    await work(transport);
  } catch (e) {
    throw new ServiceError(redact(describe(e, `${host}:${port}`)), { cause: e });
  } finally {
    transport.close();
  }
}

function server(config: AlertsConfig) {
  const security = config.smtp_security;
  return { host: config.smtp_host!, port: config.smtp_port ?? SMTP_PORTS[security], security };
}

/** nodemailer's error as a sentence that names the setting to look at. */
function describe(error: unknown, server: string): string {
  const { code, message } = error as { code?: string; message?: string };
  const said = (message ?? String(error)).trim();
  switch (code) {
    case "EAUTH":
      return m.alerts.smtpAuth(server, said);
    case "ETLS":
      return m.alerts.smtpTls(server, said);
    case "EENVELOPE":
      return m.alerts.smtpEnvelope(server, said);
    case "ECONNECTION":
    case "ESOCKET":
    case "ETIMEDOUT":
    case "EDNS":
      return m.alerts.smtpUnreachable(server, said);
    default:
      return m.alerts.smtpOther(server, said);
  }
}
