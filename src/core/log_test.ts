import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { Log, RUN_ID } from "./log.ts";
import { registerSecret } from "./redact.ts";

Deno.test("log lines carry a local timestamp, the run's id and the level", async () => {
  const file = join(await Deno.makeTempDir(), "log.txt");
  new Log({ file, echo: false }).info("sync started");
  match(
    await Deno.readTextFile(file),
    /^\uFEFF\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} [+-]\d\d:\d\d [0-9a-f]{6} INFO {3}sync started\n$/,
  );
  match(await Deno.readTextFile(file), new RegExp(` ${RUN_ID} `));
});

Deno.test("a new log file starts with a UTF-8 byte order mark, once", async () => {
  const file = join(await Deno.makeTempDir(), "log.txt");
  new Log({ file, echo: false }).info("Vydané faktury: importováno 3");
  new Log({ file, echo: false }).info("Přijaté objednávky");
  const bytes = await Deno.readFile(file);
  deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  equal(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).split("\uFEFF").length, 2);
  match(new TextDecoder().decode(bytes), /Vydané faktury: importováno 3\n.*Přijaté objednávky\n$/);
});

Deno.test("the log rotates at its size limit and keeps only a few old files", async () => {
  const dir = await Deno.makeTempDir();
  const file = join(dir, "log.txt");
  const log = new Log({ file, echo: false, maxBytes: 1000, keep: 3 });
  for (let i = 0; i < 200; i++) log.detail(`line ${i} ${"x".repeat(40)}`);
  const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  deepEqual(names, ["log.1.txt", "log.2.txt", "log.3.txt", "log.txt"]);
  for (const name of names) ok(Deno.statSync(join(dir, name)).size <= 1000, name);
  match(await Deno.readTextFile(file), /line 199 /);
});

Deno.test("registered secrets never reach the log", async () => {
  const file = join(await Deno.makeTempDir(), "log.txt");
  registerSecret("hunter2-secret");
  new Log({ file, echo: false }).detail("login failed for password hunter2-secret (hunter2-secret)");
  const text = await Deno.readTextFile(file);
  ok(!text.includes("hunter2-secret"));
  equal(text.split("***").length, 3);
});
