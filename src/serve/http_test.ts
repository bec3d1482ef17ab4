import { deepEqual, equal } from "node:assert/strict";
import { krosSignature, SIGNATURE_HEADER } from "../../tests/emulators/kros/signature.ts";
import { handler, NOTIFY_PATH } from "./http.ts";
import type { Refusal } from "./refusals.ts";
import { RecentNotifications } from "./replays.ts";

const key = "kľúč-notifikácií";

/** The handler, with `notifyKey` `null` as when the stock connector is not set up. */
function setup(notifyKey: string | null = key) {
  const notifications: string[] = [];
  const refusals: Refusal[] = [];
  const handle = handler({
    notifyKey: notifyKey ?? undefined,
    recent: new RecentNotifications(),
    onNotification: (summary) => notifications.push(summary),
    onRefused: (kind) => refusals.push(kind),
    health: () => Promise.resolve({ status: "ok" }),
  });
  const post = async (text: string, signature?: string | null, path = NOTIFY_PATH, method = "POST") => {
    const headers = new Headers();
    const sig = signature === undefined ? await krosSignature(key, text) : signature;
    if (sig !== null) headers.set(SIGNATURE_HEADER, sig);
    return (await handle({ method, path, headers, body: new TextEncoder().encode(text) })).status;
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
  const health = await handle({
    method: "GET",
    path: "/healthz",
    headers: new Headers(),
    body: new Uint8Array(),
  });
  deepEqual(health, { status: 200, body: { status: "ok" } });
});
