/**
 * Accounting years end to end through the CLI: `[pohoda.units]` sends each document to the mServer
 * of its year's accounting unit (one emulator per unit, each with its year), or with xml-folder to its
 * year's database in the emulated Pohoda.exe; partners to every unit, each exactly once; a year
 * without a unit waits and is reported until it is configured; a unit answering for another year
 * stops the run before anything is sent.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join, relative, sep } from "node:path";
import { type MServer, startMServer } from "./emulators/mserver/mod.ts";
import { databaseOf } from "./emulators/pohoda_exe/store.ts";
import { runCli } from "./helpers/cli.ts";
import { startFilesWorld } from "./helpers/files_world.ts";
import { ICO, startWorld, type World } from "./helpers/world.ts";

/** From November 2024 to May 2026: three accounting years. */
const DATASET = { seed: 42, partners: 6, documents: 40, months: 18, start: new Date("2026-05-10T08:00:00Z") };

/** The emulator of the unit of `year`, as the world's own but bound to that year. */
function unitOf(year: number): Promise<MServer> {
  return startMServer({ ico: ICO, user: "spojka", password: "pohoda-Heslo-1", year });
}

async function addUnits(world: World, units: Record<number, MServer>): Promise<void> {
  await writeUnits(world.dir, Object.fromEntries(Object.entries(units).map(([year, u]) => [year, u.xmlUrl])));
}

/** Sets `[pohoda.units]` of the data folder `dir` to `units` (year → URL or database). */
async function writeUnits(dir: string, units: Record<number, string>): Promise<void> {
  const lines = Object.entries(units).map(([year, unit]) => `${year} = "${unit}"`);
  const path = join(dir, "config.toml");
  const text = (await Deno.readTextFile(path)).replace(/\n\[pohoda\.units\]\n(?:\d{4} = .*\n)*/, "\n");
  await Deno.writeTextFile(path, `${text}\n[pohoda.units]\n${lines.join("\n")}\n`);
}

/** Every invoice and order a unit holds: number → date. */
function documentsOf(mserver: MServer): Map<string, string> {
  const { invoices, orders } = mserver.pohoda;
  return new Map([...invoices, ...orders].map((d) => [d.number, d.date]));
}

function responses(mserver: MServer): string {
  return mserver.requests.map((r) => r.response ?? "").join("\n");
}

Deno.test("each document goes to the unit of its year exactly once; a year without a unit waits", async () => {
  const world = await startWorld({ flowii: { dataset: DATASET }, mserver: { year: 2026 } });
  const u2025 = await unitOf(2025);
  const u2024 = await unitOf(2024);
  try {
    const documents = world.flowii.dataset.documents;
    // The turn of the year: an invoice dated 31 December that FLOWii exports in the new year.
    const lastOfYear = documents.find((d) => d.type === "issuedInvoice" && d.date.startsWith("2026"))!;
    lastOfYear.date = "2025-12-31";
    const byYear = (year: number) =>
      new Set(documents.filter((d) => d.date.startsWith(String(year))).map((d) => d.number));
    ok(
      byYear(2024).size > 0 && byYear(2025).size > 0 && byYear(2026).size > 0,
      "the dataset spans three years",
    );

    await addUnits(world, { 2025: u2025 });
    const first = await world.spojka("sync");
    equal(first.code, 1, first.stderr);
    match(first.stderr + first.stdout, new RegExp(`${byYear(2024).size} items dated 2024 wait`));
    match(
      first.stderr + first.stdout,
      /Add 2024 = "http:\/\/127\.0\.0\.1:444\/xml" .* under \[pohoda\.units\]/,
    );
    deepEqual(new Set(documentsOf(world.mserver).keys()), byYear(2026));
    deepEqual(new Set(documentsOf(u2025).keys()), byYear(2025));
    equal(documentsOf(u2025).get(lastOfYear.number), "2025-12-31", "31 December went to the old year");
    equal(u2024.requests.length, 0, "no unit of 2024 is configured");
    for (const unit of [world.mserver, u2025]) {
      equal(unit.pohoda.addressBook.length, DATASET.partners, "every unit gets every partner");
      ok(!/errno>606<|účetního období/.test(responses(unit)), "no document lands outside its unit's year");
    }
    const status = await world.spojka("status");
    match(status.stdout, new RegExp(`2024: ${byYear(2024).size} items wait for the accounting unit of 2024`));

    await addUnits(world, { 2024: u2024, 2025: u2025 });
    const second = await world.spojka("sync");
    equal(second.code, 0, second.stderr);
    deepEqual(new Set(documentsOf(u2024).keys()), byYear(2024));
    ok(!/errno>606<|účetního období/.test(responses(u2024)));
    equal(documentsOf(world.mserver).size, byYear(2026).size, "nothing twice");
    equal(documentsOf(u2025).size, byYear(2025).size, "nothing twice");

    const posts = () =>
      [world.mserver, u2024, u2025].map((u) => u.requests.filter((r) => r.method === "POST"));
    const before = posts().map((p) => p.length);
    const third = await world.spojka("sync");
    equal(third.code, 0, third.stderr);
    deepEqual(posts().map((p) => p.length), before, "a third run sends nothing");

    // verify asks each unit for its own year's documents and partners.
    const agrees = await world.spojka("verify", "--json");
    equal(agrees.code, 0, agrees.stdout + agrees.stderr);
    const report = JSON.parse(agrees.stdout);
    // The units of 2026 and 2025 took every partner; 2024's, added later, those FLOWii exports from then on.
    deepEqual(report.checked, { documents: documents.length, partners: 2 * DATASET.partners });
    const gone = u2025.pohoda.invoices.findIndex((i) => i.number === lastOfYear.number);
    u2025.pohoda.invoices.splice(gone, 1);
    const missing = await world.spojka("verify", "--json");
    equal(missing.code, 5);
    deepEqual(
      JSON.parse(missing.stdout).problems.map((p: { kind: string; label: string }) => p.kind),
      ["missing"],
    );
    match(missing.stdout, new RegExp(lastOfYear.number));
  } finally {
    await world.close();
    await u2025.close();
    await u2024.close();
  }
});

Deno.test("a unit answering for another year stops the run with exit 4, naming both years", async () => {
  const world = await startWorld({
    flowii: { dataset: { ...DATASET, documents: 6 } },
    mserver: { year: 2026 },
  });
  const u2024 = await unitOf(2024);
  try {
    await addUnits(world, { 2025: u2024 });
    const result = await world.spojka("sync");
    equal(result.code, 4, result.stderr);
    match(result.stderr, /serves the accounting year 2024.*names it as the unit of 2025/);
    equal(world.mserver.requests.filter((r) => r.method === "POST").length, 0, "nothing was sent");
    const init = await runCli(["--dir", world.dir, "init", "--non-interactive"], { env: world.env });
    match(init.stderr, /serves the accounting year 2024.*names it as the unit of 2025/);
  } finally {
    await world.close();
    await u2024.close();
  }
});

Deno.test("a dry run packs unit by unit: each listed year in its folder, no item id twice in a pack", async () => {
  const world = await startWorld({ flowii: { dataset: DATASET }, mserver: { year: 2026 } });
  const u2025 = await unitOf(2025);
  try {
    await addUnits(world, { 2025: u2025 });
    const out = join(world.dir, "dry");
    const run = await world.spojka("sync", "--dry-run", "--out", out);
    equal(run.code, 0, run.stderr);
    const packsIn = async (dir: string) => {
      const texts = [];
      for await (const entry of Deno.readDir(dir)) {
        if (entry.isFile && entry.name.endsWith(".xml")) {
          texts.push(await Deno.readTextFile(join(dir, entry.name)));
        }
      }
      return texts;
    };
    const numbersOf = (texts: string[]) =>
      new Set(texts.flatMap((t) => [...t.matchAll(/<typ:numberRequested[^>]*>([^<]+)</g)].map((x) => x[1])));
    const own = await packsIn(out);
    const of2025 = await packsIn(join(out, "2025"));
    for (const pack of [...own, ...of2025]) {
      const ids = [...pack.matchAll(/<dat:dataPackItem[^>]* id="([^"]+)"/g)].map((x) => x[1]);
      equal(new Set(ids).size, ids.length, "no item id twice in a pack");
    }
    const documents = world.flowii.dataset.documents;
    const in2025 = new Set(documents.filter((d) => d.date.startsWith("2025")).map((d) => d.number));
    deepEqual(numbersOf(of2025), in2025, "the 2025 folder holds 2025's documents");
    ok([...numbersOf(own)].every((n) => !in2025.has(n)), "and the own unit's none of them");
    equal(u2025.requests.length, 0, "a dry run sends nothing");
  } finally {
    await world.close();
    await u2025.close();
  }
});

Deno.test("xml-folder: each document goes to its year's database exactly once, every database gets the partners", async () => {
  const world = await startFilesWorld({ exe: true, years: [2026, 2025, 2024], flowii: { dataset: DATASET } });
  try {
    const { documents, partners } = world.flowii.dataset;
    const byYear = (year: number) =>
      new Set(documents.filter((d) => d.date.startsWith(String(year))).map((d) => d.number));
    await writeUnits(world.dir, { 2025: `StwPh_${ICO}_2025`, 2024: `StwPh_${ICO}_2024` });
    const first = await world.spojka("sync");
    equal(first.code, 0, first.stderr);
    match(first.stdout, /with warnings 0, failed 0/, "no 606: no document lands outside its unit's year");

    const pohoda = await world.pohoda();
    equal(pohoda.units.length, 3);
    for (const db of pohoda.units) {
      const { year } = db.company;
      const held = [...db.invoices, ...db.orders].map((d) => d.number);
      ok(held.length > 0, `the dataset has documents of ${year}`);
      deepEqual(new Set(held), byYear(year), `the documents of ${year}`);
      equal(held.length, byYear(year).size, `nothing twice in ${year}`);
      equal(db.addressBook.length, partners.length, `every partner in the unit of ${year}`);
    }
    // Each pack lies in its unit's folder (`in/<year>/…`, `[pohoda] database`'s in `in/…`), and its
    // INI names that year's database.
    const input = join(world.dir, "pohoda-xml", "in");
    for (const { settings, packs } of pohoda.file.invocations) {
      for (const { file } of packs) {
        const folder = relative(input, file).split(sep)[0];
        const year = /^\d{4}$/.test(folder) ? Number(folder) : 2026;
        equal(settings.database, databaseOf({ ...pohoda.db.company, year }), file);
      }
    }

    const second = await world.spojka("sync");
    equal(second.code, 0, second.stderr);
    equal(
      (await world.pohoda()).file.invocations.length,
      pohoda.file.invocations.length,
      "a second sync sends nothing",
    );
  } finally {
    await world.close();
  }
});
