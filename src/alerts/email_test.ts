import { deepEqual, doesNotMatch, equal, match, rejects } from "node:assert/strict";
import { type SmtpSecurity, startSmtpSink } from "../../tests/emulators/smtp/server.ts";
import { type AlertsConfig, alertsSchema } from "../config/schema.ts";
import { Secret } from "../config/secret.ts";
import type { Notice } from "./alerts.ts";
import { checkSmtp, emailChannel } from "./email.ts";

const PASSWORD = "smtp-Heslo-42";
const ACCOUNT = { user: "spojka@firma.cz", password: PASSWORD };

function config(port: number, security: SmtpSecurity, password = PASSWORD): AlertsConfig {
  const file = alertsSchema.parse({
    email_to: "uctovnik@firma.cz, spravce@firma.cz",
    email_from: "spojka@firma.cz",
    smtp_host: "127.0.0.1",
    smtp_port: port,
    smtp_security: security,
    smtp_user: ACCOUNT.user,
    smtp_password: "enc:v1:AAAA",
    timeout_seconds: 5,
  });
  return { ...file, smtp_password: new Secret(password), webhook_url: undefined, webhook_secret: undefined };
}

const notice = {} as Notice; // the e-mail channel sends the composed message only
const message = {
  subject: "[spojka] FLOWii → POHODA failed",
  text: "Příliš žluťoučký kůň\nmServer is down.",
};

for (const security of ["starttls", "tls"] as const) {
  Deno.test(`${security}: the alert is sent encrypted and signed in, to every recipient`, async () => {
    const sink = await startSmtpSink({ security, account: ACCOUNT });
    try {
      await emailChannel(config(sink.port, security), [sink.cert]).send(notice, message);
      equal(sink.mails.length, 1);
      const [mail] = sink.mails;
      equal(mail.secure, true);
      equal(mail.user, ACCOUNT.user);
      equal(mail.from, "spojka@firma.cz");
      deepEqual(mail.to, ["uctovnik@firma.cz", "spravce@firma.cz"]);
      equal(mail.subject, message.subject);
      equal(mail.text.trimEnd(), message.text);
    } finally {
      await sink.close();
    }
  });
}

Deno.test("starttls against a server without it fails before the password travels in plain text", async () => {
  const sink = await startSmtpSink({ security: "none", account: ACCOUNT });
  try {
    await rejects(
      emailChannel(config(sink.port, "starttls"), [sink.cert]).send(notice, message),
      /could not secure the connection \(smtp_security\)/,
    );
    equal(sink.mails.length, 0);
    equal(sink.failedLogins, 0);
  } finally {
    await sink.close();
  }
});

Deno.test("a wrong password is named as the setting to fix, and not shown", async () => {
  const sink = await startSmtpSink({ security: "starttls", account: ACCOUNT });
  try {
    const wrong = "wrong-Heslo-43";
    const error = await emailChannel(config(sink.port, "starttls", wrong), [sink.cert]).send(notice, message)
      .then(() => undefined, (e: Error) => e);
    match(error!.message, /refused the sign-in \(smtp_user, smtp_password\)/);
    doesNotMatch(error!.message, new RegExp(wrong));
    equal(sink.mails.length, 0);
  } finally {
    await sink.close();
  }
});

Deno.test("the init check signs in without sending; an unreachable server is said so", async () => {
  const sink = await startSmtpSink({ security: "starttls", account: ACCOUNT });
  const { port } = sink;
  try {
    match(await checkSmtp(config(port, "starttls"), [sink.cert]), /signed in as spojka@firma\.cz/);
    equal(sink.mails.length, 0);
  } finally {
    await sink.close();
  }
  await rejects(
    checkSmtp(config(port, "starttls"), [sink.cert]),
    /cannot reach the SMTP server 127\.0\.0\.1:\d+/,
  );
});
