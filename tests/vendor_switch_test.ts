/**
 * Moving from the vendor's FLOWii POHODA connector: `init --from-lastrun` continues where it
 * stopped, and `reset --cursor --to` sets the point by hand.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { startWorld } from "./helpers/world.ts";
import { runCli, tempDataDir } from "./helpers/cli.ts";

const DAY = 24 * 3600;

async function cursors(spojka: (...args: string[]) => Promise<{ stdout: string }>) {
  const report = JSON.parse((await spojka("status", "--json")).stdout);
  return Object.fromEntries(
    report.cursors.map((c: { stream: string; epoch: number }) => [c.stream, c.epoch]),
  );
}

Deno.test("init --from-lastrun: the first sync asks FLOWii only for what changed since the vendor's last run", async () => {
  const now = Math.floor(Date.now() / 1000);
  // The vendor's connector imported the whole history; its last run was an hour ago.
  const lastrun = now - 3600;
  const file = join(await tempDataDir(), "lastrun.txt");
  await Deno.writeTextFile(file, `${lastrun}\r\n`);
  const world = await startWorld({
    flowii: { dataset: { seed: 11, partners: 6, documents: 20, start: new Date((now - DAY) * 1000) } },
    initArgs: ["--from-lastrun", file],
  });
  try {
    match(
      world.init.stdout,
      /flowii\.partners and flowii\.documents fetch what changed since .*\(UNIX \d+, from /,
    );
    deepEqual(await cursors(world.spojka), { "flowii.documents": lastrun, "flowii.partners": lastrun });
    const added = world.flowii.addDocuments(3);
    const sync = await world.spojka("sync");
    equal(sync.code, 0, sync.stderr);
    const exports = world.flowii.requests.filter((r) => r.path.endsWith("pohoda-export"));
    deepEqual(exports.map((r) => r.query.from), [String(lastrun), String(lastrun)]);
    // Only the documents made after the vendor's run reach POHODA: the history is not imported twice.
    deepEqual(
      world.mserver.pohoda.invoices.map((i) => i.number).sort(),
      added.map((d) => d.number).sort(),
    );
  } finally {
    await world.close();
  }
});

Deno.test("init --from-lastrun with a file that is not a UNIX time exits 2 naming the file, and saves nothing", async () => {
  const dir = await tempDataDir();
  const file = join(dir, "lastrun.txt");
  await Deno.writeTextFile(file, "31.01.2026 10:00");
  const result = await runCli(["--dir", dir, "init", "--non-interactive", "--from-lastrun", file], {
    env: {
      SPOJKA_FLOWII_USER: "uctovnik@firma.cz",
      SPOJKA_FLOWII_PASSWORD: "flowii-Heslo-1",
      SPOJKA_FLOWII_API_KEY: "flowii-key-1",
      SPOJKA_POHODA_USER: "spojka",
      SPOJKA_POHODA_PASSWORD: "pohoda-Heslo-1",
      SPOJKA_POHODA_ICO: "12345679",
    },
  });
  equal(result.code, 2);
  match(
    result.stderr,
    new RegExp(`${file.replaceAll("/", "\\/")} does not hold a UNIX time .*"31\\.01\\.2026 10:00"`),
  );
  match(result.stderr, /spojka reset --cursor --to/);
  ok(!(await Deno.stat(join(dir, "config.toml")).then(() => true, () => false)));
  const missing = await runCli([
    "--dir",
    dir,
    "init",
    "--non-interactive",
    "--from-lastrun",
    join(dir, "no.txt"),
  ]);
  equal(missing.code, 2);
  match(missing.stderr, /Cannot read .*no\.txt: it does not exist/);
});

Deno.test("reset --cursor --to sets both FLOWii cursors from a date or a UNIX time; a bad value exits 2 and changes nothing", async () => {
  const world = await startWorld({ flowii: { dataset: { seed: 3, partners: 2, documents: 2 } } });
  try {
    const byDate = await world.spojka("reset", "--cursor", "--to", "2026-01-31");
    equal(byDate.code, 0, byDate.stderr);
    const midnight = new Date(2026, 0, 31).getTime() / 1000;
    deepEqual(await cursors(world.spojka), { "flowii.documents": midnight, "flowii.partners": midnight });
    match(byDate.stdout, /flowii\.partners: 2026-01-31 00:00:00 .* \(UNIX \d+\), was none/);

    const byEpoch = await world.spojka("reset", "--cursor", "--to", "1767225600");
    equal(byEpoch.code, 0, byEpoch.stderr);
    deepEqual(await cursors(world.spojka), { "flowii.documents": 1767225600, "flowii.partners": 1767225600 });
    match(
      byEpoch.stdout,
      new RegExp(`flowii\\.documents: .*\\(UNIX 1767225600\\), was .*\\(UNIX ${midnight}\\)`),
    );

    for (
      const [bad, reason] of [
        ["2026-02-30", /is neither a date .* nor a UNIX time/],
        ["tomorrow", /is neither a date/],
        ["4102444800", /is 2\d{3}-.*, in the future/],
        ["17672256", /is 1970-.*, before the year 2000/],
      ] as const
    ) {
      const result = await world.spojka("reset", "--cursor", "--to", bad);
      equal(result.code, 2, bad);
      match(result.stderr, new RegExp(`--to "${bad}" ${reason.source}`));
      match(result.stderr, /Give a date such as 2026-01-31/);
    }
    const alone = await world.spojka("reset", "--to", "2026-01-31");
    equal(alone.code, 2);
    match(alone.stderr, /--to goes with --cursor/);
    deepEqual(await cursors(world.spojka), { "flowii.documents": 1767225600, "flowii.partners": 1767225600 });
  } finally {
    await world.close();
  }
});
