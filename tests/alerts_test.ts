/**
 * Alerts end to end: the real CLI against the FLOWii and mServer emulators, with alerts going to a
 * local SMTP sink (STARTTLS and sign-in) and a local webhook receiver.
 */
import { deepEqual, doesNotMatch, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { startSmtpSink } from "./emulators/smtp/server.ts";
import { type CliResult, editConfig, runCli } from "./helpers/cli.ts";
import { startWebhookReceiver } from "./helpers/webhook_receiver.ts";
import { ICO, startWorld, type World } from "./helpers/world.ts";

const small = { dataset: { seed: 11, partners: 8, documents: 24 } };
const SMTP = { user: "spojka@firma.cz", password: "smtp-Heslo-42" };
const WEBHOOK_SECRET = "webhook-Klic-77";
const POHODA_PASSWORD = "pohoda-Heslo-1";
const NOBODY_LISTENS = "http://127.0.0.1:1/xml";
/** A chat webhook's path is its token, so its URL is a password. */
const WEBHOOK_PATH = "/services/T0SPOJKA1/B0ALERTS2/q7Xn3vKd9PzLw2Rt";
const WEBHOOK_TOKEN = "q7Xn3vKd9PzLw2Rt";

/** A world whose alerts go to a fresh sink and receiver. */
async function alertWorld() {
  const sink = await startSmtpSink({ security: "starttls", account: SMTP });
  const receiver = startWebhookReceiver();
  const webhookUrl = new URL(WEBHOOK_PATH, receiver.url).href;
  // The sink's certificate is self-signed: spojka trusts it as users would a private CA.
  const certFile = await Deno.makeTempFile({ suffix: ".pem" });
  await Deno.writeTextFile(certFile, sink.cert);
  const env = { DENO_CERT: certFile };
  const world = await startWorld({
    flowii: small,
    initEnv: {
      ...env,
      SPOJKA_ALERT_EMAIL_TO: "uctovnik@firma.cz",
      SPOJKA_ALERT_EMAIL_FROM: "spojka@firma.cz",
      SPOJKA_SMTP_HOST: sink.host,
      SPOJKA_SMTP_PORT: String(sink.port),
      SPOJKA_SMTP_USER: SMTP.user,
      SPOJKA_SMTP_PASSWORD: SMTP.password,
      SPOJKA_ALERT_WEBHOOK_URL: webhookUrl,
      SPOJKA_ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  });
  return {
    world,
    sink,
    receiver,
    webhookUrl,
    env,
    sync: (): Promise<CliResult> => runCli(["--dir", world.dir, "sync"], { env }),
    spojka: (...args: string[]): Promise<CliResult> => runCli(["--dir", world.dir, ...args], { env }),
    close: async () => {
      await world.close();
      await sink.close();
      await receiver.close();
      await Deno.remove(certFile);
    },
  };
}

type AlertWorld = Awaited<ReturnType<typeof alertWorld>>;

async function withAlerts(body: (w: AlertWorld) => Promise<void>): Promise<void> {
  const w = await alertWorld();
  try {
    await body(w);
  } finally {
    await w.close();
  }
}

function setPohodaUrl(world: World, url: string): Promise<void> {
  return editConfig(world.dir, (config) => void (config.pohoda.url = url));
}

async function hmac(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return "sha256=" + [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("a failing sync alerts once, a second failing run stays quiet, and a good run tells it works again", async () => {
  await withAlerts(async (w) => {
    const { world, sink, receiver, sync } = w;
    match(
      world.init.stdout,
      /SMTP server for alerts: OK, 127\.0\.0\.1:\d+ \(starttls\), signed in as spojka@firma\.cz/,
    );
    const stored = await Deno.readTextFile(join(world.dir, "config.toml"));
    match(stored, /smtp_password = "enc:v1:/);
    match(stored, /webhook_secret = "enc:v1:/);
    match(stored, /webhook_url = "enc:v1:/);
    for (const secret of [SMTP.password, WEBHOOK_SECRET, WEBHOOK_TOKEN]) {
      ok(!stored.includes(secret), `${secret} is stored encrypted`);
    }

    await setPohodaUrl(world, NOBODY_LISTENS);
    const failed = await sync();
    equal(failed.code, 4, "the run's own exit code: mServer unreachable");
    equal(sink.mails.length, 1, failed.stderr);
    const [mail] = sink.mails;
    equal(mail.secure, true);
    equal(mail.user, SMTP.user);
    deepEqual(mail.to, ["uctovnik@firma.cz"]);
    match(mail.subject, /^\[spojka\] FLOWii → POHODA failed/);
    match(mail.text, /stopped with an error .* \(exit code 4\)/);
    match(mail.text, /127\.0\.0\.1:1/, "the failure as the run reported it");
    match(mail.text, /tells again if it lasts another 24 hours/);
    equal(receiver.posts.length, 1);
    const [post] = receiver.posts;
    equal(post.path, WEBHOOK_PATH, "posted to the whole URL");
    equal(post.headers.get("X-Spojka-Signature-256"), await hmac(WEBHOOK_SECRET, post.body));
    deepEqual(
      { event: post.json.event, problem: post.json.problem, connector: post.json.connector },
      { event: "alert", problem: "failed", connector: "flowii" },
    );
    equal(post.json.exitCode, 4);
    match(String(post.json.text), /FLOWii → POHODA failed/);
    for (const secret of [SMTP.password, WEBHOOK_SECRET, POHODA_PASSWORD]) {
      ok(!mail.raw.includes(secret) && !post.body.includes(secret), "no secret in an alert");
    }

    const again = await sync();
    equal(again.code, 4);
    equal(sink.mails.length, 1, "the same problem within the period is not told again");
    equal(receiver.posts.length, 1);

    await setPohodaUrl(world, world.mserver.xmlUrl);
    const good = await sync();
    equal(good.code, 0, good.stderr);
    equal(sink.mails.length, 2);
    match(sink.mails[1].subject, /^\[spojka\] FLOWii → POHODA works again/);
    match(sink.mails[1].text, /it no longer stops with an error \(first reported /);
    equal(receiver.posts[1].json.event, "recovery");
    deepEqual((receiver.posts[1].json.ended as { kind: string }[]).map((e) => e.kind), ["failed"]);

    equal((await sync()).code, 0);
    equal(sink.mails.length, 2, "nothing more to tell");
    equal(receiver.posts.length, 2);
    await noWebhookPathShown(w);
  });
});

/** `status` (text and JSON), log.txt and config.toml show the webhook's origin at most, never its path. */
async function noWebhookPathShown({ world, receiver, spojka }: AlertWorld): Promise<void> {
  const status = await spojka("status", "--verbose");
  equal(status.code, 0, status.stderr);
  match(status.stdout, new RegExp(`webhook_url = "${new URL(receiver.url).origin}/…"`));
  const json = await spojka("status", "--json");
  const log = await Deno.readTextFile(join(world.dir, "log.txt"));
  const config = await Deno.readTextFile(join(world.dir, "config.toml"));
  for (const [where, text] of Object.entries({ status: status.stdout, json: json.stdout, log, config })) {
    ok(!text.includes(WEBHOOK_TOKEN) && !text.includes("T0SPOJKA1"), `the webhook's path in ${where}`);
  }
}

Deno.test("rejected items are named in the alert, the first 20 of them, and told again only when new ones come", async () => {
  await withAlerts(async ({ world, sink, receiver, sync }) => {
    world.mserver.faults.rejectItem = (item) =>
      item.agenda === "invoice" ? `Předkontace pro ${item.number} neexistuje.` : undefined;
    const first = await sync();
    equal(first.code, 1, first.stderr);
    equal(sink.mails.length, 1, first.stderr);
    const [mail] = sink.mails;
    match(mail.subject, /FLOWii → POHODA: 24 items rejected/);
    const named = mail.text.split("\n").filter((line) =>
      /^- [A-Z][\w ()]* \d+ .*: Předkontace pro \d+ neexistuje\./.test(line)
    );
    equal(named.length, 20);
    const victim = world.flowii.dataset.documents[0];
    match(mail.text, new RegExp(`${victim.number}.*: Předkontace pro ${victim.number} neexistuje`));
    match(mail.text, /- and 4 more \("spojka status --items" lists them all\)/);
    const rejected = receiver.posts[0].json.rejected as { total: number; items: { label: string }[] };
    equal(rejected.total, 24);
    equal(rejected.items.length, 20);

    equal((await sync()).code, 1);
    equal(sink.mails.length, 1, "the same items again: nothing new to tell");

    world.mserver.faults.rejectItem = undefined;
    equal((await sync()).code, 0);
    equal(sink.mails.length, 2);
    match(sink.mails[1].text, /no item was rejected/);
  });
});

Deno.test("an alert that cannot be sent changes no exit code and goes out after the next run", async () => {
  await withAlerts(async ({ world, sink, receiver, sync }) => {
    await setPohodaUrl(world, NOBODY_LISTENS);
    receiver.status = 500;
    const first = await sync();
    equal(first.code, 4);
    match(
      first.stderr + first.stdout,
      /could not be sent by webhook: the alert webhook at http:\/\/127\.0\.0\.1:\d+ answered 500/,
    );
    doesNotMatch(first.stderr + first.stdout, new RegExp(WEBHOOK_TOKEN), "the webhook's path is not logged");
    equal(sink.mails.length, 1, "e-mail went out all the same");

    receiver.status = 200;
    equal((await sync()).code, 4);
    equal(receiver.posts.length, 2, "tried again and delivered");
    equal(receiver.posts[1].json.event, "alert");
    equal(sink.mails.length, 1, "e-mail had told it already");
    const log = await Deno.readTextFile(join(world.dir, "log.txt"));
    match(log, /Alert sent by webhook: \[spojka\] FLOWii → POHODA failed/);
  });
});

Deno.test("a plain webhook_url from the previous version still gets alerts, and the next init encrypts it", async () => {
  await withAlerts(async (w) => {
    const { world, receiver, sync, spojka, webhookUrl } = w;
    // config.toml as spojka wrote it before webhook_url was a secret.
    const path = join(world.dir, "config.toml");
    const sealed = await Deno.readTextFile(path);
    await Deno.writeTextFile(
      path,
      sealed.replace(/webhook_url = "enc:v1:[^"]*"/, `webhook_url = "${webhookUrl}"`),
    );

    await setPohodaUrl(world, NOBODY_LISTENS);
    const failed = await sync();
    equal(failed.code, 4, failed.stderr);
    equal(receiver.posts.length, 1, failed.stderr);
    equal(receiver.posts[0].path, WEBHOOK_PATH);
    match(failed.stderr, /webhook_url is stored unencrypted in config\.toml.*Run spojka init/);
    const status = await spojka("status", "--verbose");
    match(
      status.stdout,
      /webhook_url = "http:\/\/127\.0\.0\.1:\d+\/… \(not encrypted yet: run spojka init\)"/,
    );

    // Any init encrypts it, here one that sets up FLOWii → POHODA again and leaves alerts as they are.
    await setPohodaUrl(world, world.mserver.xmlUrl);
    const again = await runCli(["--dir", world.dir, "init", "--non-interactive"], {
      env: {
        ...w.env,
        SPOJKA_FLOWII_URL: world.flowii.url,
        SPOJKA_FLOWII_USER: world.flowii.credentials.user,
        SPOJKA_FLOWII_PASSWORD: world.flowii.credentials.password,
        SPOJKA_FLOWII_API_KEY: world.flowii.credentials.apiKey,
        SPOJKA_POHODA_URL: world.mserver.xmlUrl,
        SPOJKA_POHODA_USER: "spojka",
        SPOJKA_POHODA_PASSWORD: POHODA_PASSWORD,
        SPOJKA_POHODA_ICO: ICO,
      },
    });
    equal(again.code, 0, again.stderr);
    match(await Deno.readTextFile(path), /webhook_url = "enc:v1:/);
    const good = await sync();
    equal(good.code, 0, good.stderr);
    doesNotMatch(good.stderr, /unencrypted/);
    equal(receiver.posts.length, 2, "the recovery goes to the same webhook");
    equal(receiver.posts[1].path, WEBHOOK_PATH);
    await noWebhookPathShown(w);
  });
});
