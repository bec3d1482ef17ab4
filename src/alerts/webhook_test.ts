import { equal, match, ok } from "node:assert/strict";
import { alertsSchema } from "../config/schema.ts";
import { SecretUrl } from "../config/secret_url.ts";
import type { Notice } from "./alerts.ts";
import { sign, webhookChannel } from "./webhook.ts";

Deno.test("the signature is HMAC-SHA256 in hex (RFC 4231, test case 2)", async () => {
  equal(
    await sign("Jefe", "what do ya want for nothing?"),
    "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
});

const TOKEN = "B0ALERTS2/q7Xn3vKd9PzLw2Rt";
const notice: Notice = {
  type: "recovery",
  ended: [{ kind: "failed", since: "2026-12-03T07:30:02.114Z" }],
  result: {
    connector: "flowii",
    at: "2026-12-03T08:30:02.114Z",
    exitCode: 0,
    rejected: { total: 0, items: [] },
  },
};
const origin = { dataDir: "/srv/spojka", logFile: "/srv/spojka/log.txt", repeatHours: 24 };

/** Sends one notice to `url`; returns the error's message and every line logged. */
async function sendTo(url: string): Promise<{ error: string; logged: string[] }> {
  const logged: string[] = [];
  const log = { detail: (line: string) => logged.push(line), warn: (line: string) => logged.push(line) };
  const config = alertsSchema.parse({ webhook_url: "enc:v1:AAAA", timeout_seconds: 5 });
  const channel = webhookChannel(
    { ...config, webhook_url: new SecretUrl(url), smtp_password: undefined, webhook_secret: undefined },
    origin,
    log,
  );
  const error = await channel.send(notice, { subject: "works again", text: "" }).then(
    () => "delivered",
    (e: Error) => e.message,
  );
  return { error, logged };
}

Deno.test("the webhook's path stays out of every error and log line: refused, redirected, echoed", async () => {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const path = new URL(request.url).pathname;
    return path.startsWith("/moved/")
      ? new Response(null, { status: 308, headers: { Location: `http://hooks.elsewhere.example${path}` } })
      : Response.json({ message: `no webhook at ${request.url}` }, { status: 404 });
  });
  try {
    const at = `http://127.0.0.1:${server.addr.port}`;
    const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const nobody = `http://127.0.0.1:${closed.addr.port}`;
    closed.close();
    const cases = [
      {
        url: `${nobody}/services/T1/${TOKEN}`,
        says: new RegExp(`cannot connect to the alert webhook at ${nobody}: the connection was refused`),
      },
      {
        url: `${at}/moved/T2/${TOKEN}`,
        says: /the alert webhook redirects \*\*\* to http:\/\/hooks\.elsewhere\.example\*\*\*/,
      },
      {
        url: `${at}/services/T3/${TOKEN}`,
        says: new RegExp(`the alert webhook at ${at} answered 404: “no webhook at \\*\\*\\*”`),
      },
    ];
    for (const { url, says } of cases) {
      const { error, logged } = await sendTo(url);
      match(error, says);
      for (const text of [error, ...logged]) ok(!text.includes("q7Xn3vKd9PzLw2Rt"), text);
    }
  } finally {
    await server.shutdown();
  }
});
