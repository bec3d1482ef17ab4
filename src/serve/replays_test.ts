import { equal } from "node:assert/strict";
import { RecentNotifications } from "./replays.ts";

const body = (text: string) => new TextEncoder().encode(text);

Deno.test("the same body within the window is a replay; another body or a later one is not", async () => {
  let now = 0;
  const recent = new RecentNotifications(10_000, () => now);
  equal(await recent.seen(body('{"status":200}')), false);
  now = 9_999;
  equal(await recent.seen(body('{"status":200}')), true);
  equal(await recent.seen(body('{"status":207}')), false);
  now = 10_000;
  equal(
    await recent.seen(body('{"status":200}')),
    false,
    "remembered from its first arrival, for the window",
  );
});

Deno.test("memory is bounded: beyond 1000 bodies the oldest are forgotten", async () => {
  const recent = new RecentNotifications(60_000, () => 0);
  for (let i = 0; i < 1001; i++) equal(await recent.seen(body(`{"n":${i}}`)), false);
  equal(await recent.seen(body('{"n":1000}')), true);
  equal(await recent.seen(body('{"n":0}')), false);
});
