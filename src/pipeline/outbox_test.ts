import { deepEqual, equal, match } from "node:assert/strict";
import { emptyState } from "../state/schema.ts";
import { queued, stage, sweep } from "./outbox.ts";

const item = (key: string, payload: string) => ({
  key,
  itemId: key,
  agenda: "issuedInvoice",
  label: key,
  payload,
});

Deno.test("staged items come back with their payloads; a newer version replaces the older one", async () => {
  const dir = await Deno.makeTempDir();
  const state = emptyState();
  await stage(
    dir,
    state,
    "flowii",
    [item("a", "<a>1</a>"), item("b", "<b/>")],
    new Date("2026-11-01T10:00:00Z"),
  );
  state.outbox["b"].status = "failed";
  state.outbox["b"].attempts = 2;
  await stage(dir, state, "flowii", [item("b", "<b>fixed</b>")], new Date("2026-11-02T10:00:00Z"));
  const items = await queued(dir, state, "flowii");
  deepEqual(items.map((i) => [i.key, i.payload, i.status, i.attempts]), [
    ["a", "<a>1</a>", "pending", 0],
    ["b", "<b>fixed</b>", "pending", 2],
  ]);
  equal(state.outbox["b"].queuedAt, "2026-11-01T10:00:00.000Z", "the first queuing time is kept");
});

Deno.test("spool files nobody refers to are swept; the others stay", async () => {
  const dir = await Deno.makeTempDir();
  const state = emptyState();
  await stage(dir, state, "flowii", [item("a", "<a/>")], new Date());
  await stage(dir, state, "flowii", [item("b", "<b/>")], new Date());
  delete state.outbox["a"];
  await sweep(dir, state);
  deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), [state.outbox["b"].spool]);
});

Deno.test("an item whose payload is lost is marked failed with the way out; the others still go", async () => {
  const dir = await Deno.makeTempDir();
  const state = emptyState();
  await stage(dir, state, "flowii", [item("a", "<a/>")], new Date());
  await stage(dir, state, "flowii", [item("b", "<b/>")], new Date());
  await Deno.writeTextFile(`${dir}/${state.outbox["a"].spool}`, "{ broken");
  deepEqual((await queued(dir, state, "flowii")).map((i) => i.key), ["b"]);
  equal(state.outbox["a"].status, "failed");
  match(state.outbox["a"].error!, /payload is lost .*reset --cursor/);
});
