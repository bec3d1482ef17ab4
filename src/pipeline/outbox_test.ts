import { deepEqual, equal, ok } from "node:assert/strict";
import { join } from "node:path";
import { StateDb } from "../state/db.ts";
import { Outbox, outboxCounts, type OutboxItem } from "./outbox.ts";

const item = (key: string, payload: string, rank = 1): OutboxItem => ({
  key,
  itemId: key,
  agenda: "issuedInvoice",
  label: key,
  rank,
  payload,
});

async function tempDb(): Promise<StateDb> {
  return StateDb.open(join(await Deno.makeTempDir(), "state.db"));
}

Deno.test("staged items come back by rank, then as first queued; a newer version replaces the older one in its place", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  outbox.stage(
    [item("b", "<b/>", 2), item("a", "<a>1</a>", 2), item("p", "<p/>", 0)],
    "d1",
    new Date("2026-11-01T10:00:00Z"),
  );
  outbox.fail(
    [...outbox.inOrder()].find((i) => i.key === "a")!,
    "Předkontace neexistuje",
    new Date("2026-11-01T10:05:00Z"),
  );
  outbox.stage([item("a", "<a>2</a>", 2)], "d2", new Date("2026-11-02T10:00:00Z"));
  deepEqual([...outbox.inOrder()].map((i) => [i.key, i.payload, i.status, i.attempts, i.queuedAt]), [
    ["p", "<p/>", "pending", 0, "2026-11-01T10:00:00.000Z"],
    ["b", "<b/>", "pending", 0, "2026-11-01T10:00:00.000Z"],
    ["a", "<a>2</a>", "pending", 1, "2026-11-01T10:00:00.000Z"],
  ]);
  db.close();
});

Deno.test("an item staged twice by one download is reported as named twice; the later one stays", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  deepEqual(outbox.stage([item("a", "<first/>")], "d1", new Date()), []);
  deepEqual(outbox.stage([item("a", "<first/>")], "d1", new Date()), [
    { key: "a", label: "a", identical: true },
  ]);
  deepEqual(outbox.stage([{ ...item("a", "<second/>"), label: "a again" }], "d1", new Date()), [
    { key: "a", label: "a", identical: false },
  ]);
  deepEqual(outbox.stage([item("a", "<third/>")], "d2", new Date()), [], "a later download is a new version");
  deepEqual([...outbox.inOrder()].map((i) => i.payload), ["<third/>"]);
  db.close();
});

Deno.test("reading in order pages through thousands of items while earlier ones are settled", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  const keys = Array.from({ length: 1234 }, (_, i) => `k${String(i).padStart(5, "0")}`);
  outbox.stage(keys.map((k) => item(k, `<${k}/>`)), "d1", new Date());
  const seen: string[] = [];
  for (const queued of outbox.inOrder()) {
    seen.push(queued.key);
    if (seen.length % 3 === 0) outbox.confirm(queued);
    else if (seen.length % 3 === 1) outbox.fail(queued, "no", new Date());
  }
  deepEqual(seen, keys, "every item once, in order, although the outbox changed under the reader");
  deepEqual(outboxCounts(db), { pending: 411, failed: 412, held: 0 });
  deepEqual(outbox.counts(), outboxCounts(db));
  db.close();
});

Deno.test("confirming a version that a newer one replaced on its way leaves the newer one waiting", async () => {
  const db = await tempDb();
  const outbox = new Outbox(db, "flowii");
  outbox.stage([item("a", "<old/>")], "d1", new Date());
  const [sent] = [...outbox.inOrder()];
  outbox.stage([item("a", "<new/>")], "d2", new Date());
  outbox.confirm(sent);
  outbox.fail(sent, "no", new Date());
  deepEqual([...outbox.inOrder()].map((i) => [i.payload, i.status]), [["<new/>", "pending"]]);
  db.close();
});

Deno.test("connectors keep their own items", async () => {
  const db = await tempDb();
  new Outbox(db, "flowii").stage([item("a", "<a/>")], "d", new Date());
  new Outbox(db, "other").stage([item("b", "<b/>")], "d", new Date());
  deepEqual([...new Outbox(db, "flowii").inOrder()].map((i) => i.key), ["a"]);
  equal(new Outbox(db, "other").counts().pending, 1);
  db.close();
});

Deno.test("reading in order holds a page bounded by payload size: 600 large invoices fit spojka's heap", async () => {
  const path = join(await Deno.makeTempDir(), "state.db");
  const db = StateDb.open(path);
  const outbox = new Outbox(db, "flowii");
  // Czech text is two bytes a character in V8: 600 invoices of about 120,000 characters, each far
  // under max_item_mb, are some 145 MB of strings; 500 of them in one page would not fit in 160 MB.
  const line =
    "<inv:invoiceItem><inv:text>Položka účtu – žluťoučký kůň úpěl ďábelské ódy</inv:text></inv:invoiceItem>";
  const payload = (i: number) => `<inv:invoice n="${i}">${line.repeat(1200)}</inv:invoice>`;
  const key = (i: number) => `k${String(i).padStart(3, "0")}`;
  for (let batch = 0; batch < 600; batch += 30) {
    const items = Array.from({ length: 30 }, (_, j) => item(key(batch + j), payload(batch + j)));
    outbox.stage(items, "d1", new Date());
  }
  db.close();
  const { keys, whole, peak } = await readInChild(path);
  deepEqual(keys, Array.from({ length: 600 }, (_, i) => key(i)), "every item once, in order");
  equal(whole, true, "every payload whole");
  // What stays reachable while reading: a page of at most 4 MiB of payload, about 8 MB as strings.
  ok(peak < 48 * 2 ** 20, `the heap held ${(peak / 2 ** 20).toFixed(0)} MiB while reading`);
});

/**
 * Reads the outbox at `path` in order in a process with the V8 limits spojka runs with (the `spojka`
 * task of deno.json), collecting garbage as it goes to measure what stays reachable.
 */
async function readInChild(path: string): Promise<{ keys: string[]; whole: boolean; peak: number }> {
  const tasks = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url))).tasks;
  const flags = /--v8-flags=(\S+)/.exec(tasks.spojka)![1];
  const code = `
    import { StateDb } from ${JSON.stringify(import.meta.resolve("../state/db.ts"))};
    import { Outbox } from ${JSON.stringify(import.meta.resolve("./outbox.ts"))};
    const db = StateDb.open(${JSON.stringify(path)});
    const keys = [];
    let whole = true;
    let peak = 0;
    for (const item of new Outbox(db, "flowii").inOrder()) {
      whole &&= item.payload.startsWith('<inv:invoice n="' + keys.length + '">') &&
        item.payload.endsWith("</inv:invoice>");
      keys.push(item.key);
      if (keys.length % 25 === 0) {
        globalThis.gc();
        peak = Math.max(peak, Deno.memoryUsage().heapUsed);
      }
    }
    db.close();
    console.log(JSON.stringify({ keys, whole, peak }));
  `;
  const { success, code: exit, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", `--v8-flags=${flags},--expose-gc`, code],
    stdout: "piped",
    stderr: "piped",
  }).output();
  ok(success, `the reader ended with exit code ${exit}: ${new TextDecoder().decode(stderr).slice(0, 400)}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}
