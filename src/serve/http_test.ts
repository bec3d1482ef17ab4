import { deepEqual, equal } from "node:assert/strict";
import { krosSignature, SIGNATURE_HEADER } from "../../tests/emulators/kros/signature.ts";
import { setLanguage } from "../i18n/mod.ts";
import type { Health } from "./health.ts";
import { handler, NOTIFY_PATH } from "./http.ts";
import type { Refusal } from "./refusals.ts";
import { RecentNotifications } from "./replays.ts";
import { listen } from "./wire.ts";

const key = "kľúč-notifikácií";

/** What serve knows of itself: a failed run whose message names a path, counts per agenda. */
const health: Health = {
  status: "failing",
  running: true,
  pending: ["flowii"],
  lastRuns: {
    flowii: {
      id: 7,
      startedAt: "2026-03-02T10:00:00.000Z",
      finishedAt: "2026-03-02T10:00:05.000Z",
      exitCode: 6,
      result: "failed",
      counts: { issuedInvoice: { fetched: 1234 } },
      message: "The disk holding C:\\spojka is full.",
    },
  },
};

function healthz(peer: string, headers: Record<string, string> = {}) {
  return { method: "GET", path: "/healthz", headers: new Headers(headers), body: new Uint8Array(), peer };
}

/** The handler, with `notifyKey` `null` as when the stock connector is not set up. */
function setup(notifyKey: string | null = key) {
  const notifications: string[] = [];
  const refusals: Refusal[] = [];
  const handle = handler({
    notifyKey: notifyKey ?? undefined,
    recent: new RecentNotifications(),
    onNotification: (summary) => notifications.push(summary),
    onRefused: (kind) => refusals.push(kind),
    health: () => Promise.resolve(health),
  });
  const post = async (text: string, signature?: string | null, path = NOTIFY_PATH, method = "POST") => {
    const headers = new Headers();
    const sig = signature === undefined ? await krosSignature(key, text) : signature;
    if (sig !== null) headers.set(SIGNATURE_HEADER, sig);
    return (await handle({
      method,
      path,
      headers,
      body: new TextEncoder().encode(text),
      peer: "203.0.113.7",
    }))
      .status;
  };
  return { notifications, refusals, post, handle };
}

const notification = JSON.stringify({
  status: 207,
  results: { entities: [{ data: { id: 1 } }, { data: { id: 2 } }] },
  apiUrl: "https://api-economy.kros.sk/api/invoices/1",
});

Deno.test("a signed notification is accepted once; its replays within the window trigger nothing", async () => {
  const { notifications, refusals, post } = setup();
  equal(await post(notification), 200);
  for (let i = 0; i < 20; i++) equal(await post(notification), 200);
  deepEqual(notifications, ["status 207, 2 entities"]);
  equal(refusals.filter((kind) => kind === "replay").length, 20);
  equal(await post(notification.replace("207", "200")), 200);
  equal(notifications.length, 2, "another notification still triggers its sync");
});

Deno.test("the notification's line for the log is in the chosen language", async () => {
  setLanguage("cs");
  try {
    const { notifications, post } = setup();
    equal(await post(notification), 200);
    deepEqual(notifications, ["stav 207, 2 entity"]);
  } finally {
    setLanguage("en");
  }
});

Deno.test("forged, unsigned, unknown and not-JSON requests are refused and counted, not synced", async () => {
  const { notifications, refusals, post } = setup();
  equal(await post(notification, "AAAA"), 401);
  equal(await post(notification, null), 401);
  equal(await post("not json"), 400);
  equal(await post("[1,2]"), 400);
  equal(await post(notification, undefined, "/wp-login.php"), 404);
  equal(await post(notification, undefined, NOTIFY_PATH, "GET"), 405);
  deepEqual(refusals, [
    "bad signature",
    "bad signature",
    "not a notification",
    "not a notification",
    "not found",
    "not found",
  ]);
  deepEqual(notifications, []);
});

Deno.test("without the stock connector there is no notification address; /healthz answers", async () => {
  const { post, handle } = setup(null);
  equal(await post(notification), 404);
  deepEqual(await handle(healthz("127.0.0.1")), { status: 200, body: health });
});

Deno.test("/healthz tells a peer elsewhere only whether serve is well; this computer gets the details", async () => {
  const { handle } = setup();
  const outline = { status: 200, body: { status: "failing", running: true } };
  for (const peer of ["203.0.113.7", "192.168.1.20", "10.0.0.1", "::ffff:192.168.1.20", "2001:db8::1"]) {
    deepEqual(await handle(healthz(peer)), outline, peer);
  }
  for (const peer of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) {
    deepEqual(await handle(healthz(peer)), { status: 200, body: health }, peer);
  }
  // A tunnel's agent (cloudflared, ngrok) or a reverse proxy on this computer connects from loopback.
  for (const header of ["X-Forwarded-For", "Forwarded", "X-Real-IP", "CF-Connecting-IP"]) {
    deepEqual(await handle(healthz("127.0.0.1", { [header]: "203.0.113.7" })), outline, header);
  }
});

/** An IPv4 address of this machine that is not loopback, to connect from "elsewhere". */
const outside = Deno.networkInterfaces().find((i) => i.family === "IPv4" && !i.address.startsWith("127."))
  ?.address;
if (!outside) {
  console.log("http_test: this machine has no IPv4 address but loopback; the socket test is skipped");
}

Deno.test({
  name: "over a real connection, /healthz from a non-loopback address gives no details, from loopback all",
  ignore: !outside,
  fn: async () => {
    const { handle } = setup();
    const get = async (listenOn: string) => {
      // Bound to that address only: nothing listens on every interface, even for a moment.
      const server = listen({ hostname: listenOn, port: 0, onRefused() {}, onError() {} }, handle);
      try {
        const conn = await Deno.connect({ hostname: listenOn, port: server.port });
        await conn.write(new TextEncoder().encode(`GET /healthz HTTP/1.1\r\nHost: ${listenOn}\r\n\r\n`));
        const answer = new TextDecoder().decode(await new Response(conn.readable).arrayBuffer());
        return JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
      } finally {
        await server.shutdown();
      }
    };
    deepEqual(await get(outside!), { status: "failing", running: true });
    deepEqual(await get("127.0.0.1"), health);
  },
});
