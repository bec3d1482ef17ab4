/**
 * Czech and Slovak end to end: the run summary, `status` and log.txt speak the language chosen by
 * `--lang`, by `language` in config.toml, or by the system locale, with POHODA's agenda names and
 * their diacritics intact.
 *
 * @module
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { editConfig, runCli } from "./helpers/cli.ts";
import { articles, startStockWorld } from "./helpers/stock_world.ts";
import { withWorld } from "./helpers/world.ts";

const small = { dataset: { seed: 3, partners: 4, documents: 12 } };

Deno.test("a Czech run: summary, status and log in Czech, with POHODA's agenda names", async () => {
  await withWorld({ flowii: small }, async (world) => {
    const victim = world.flowii.dataset.documents.find((d) => d.type === "issuedInvoice")!;
    world.mserver.faults.rejectItem = (item) =>
      item.number === victim.number ? "Předkontace 3Fv neexistuje." : undefined;
    const sync = await world.spojka("--lang", "cs", "sync");
    equal(sync.code, 1, sync.stderr);
    match(sync.stdout, /staženo 16, importováno 15, aktualizováno 0, už v POHODĚ 0/);
    match(sync.stdout, /\n {2}Adresář: staženo 4, importováno 4/);
    match(sync.stdout, /\n {2}Vydané faktury: staženo \d+, importováno \d+, selhalo 1/);
    ok(!/issuedInvoice|addressbook/.test(sync.stdout), sync.stdout);
    const output = sync.stdout + sync.stderr;
    // The rejected item: named under its agenda, POHODA's reason, and what happens to it and where to look.
    match(
      output,
      new RegExp(`Vydané faktury ${victim.number} .*: neimportováno: Předkontace 3Fv neexistuje`),
    );
    match(output, /1 položka čeká ve frontě na příští běh \(spojka status je vypíše\)/);
    match(output, /FLOWii partneři: 4 záznamy v 1 souboru/);
    ok(!/not imported|items wait|records in/.test(output), output);

    const status = await world.spojka("--lang", "cs", "status");
    equal(status.code, 0, status.stderr);
    match(status.stdout, /Fronta k odeslání: čeká 0, selhalo 1/);
    match(
      status.stdout,
      new RegExp(`selhalo: Vydané faktury ${victim.number} .*\\(1 pokus\\): Předkontace 3Fv neexistuje`),
    );
    match(status.stdout, /Poslední běhy:\n {2}flowii: částečně \(kód 1\)/);
    match(status.stdout, /Kurzory \(příští synchronizace stáhne, co se od té doby změnilo\):/);
    ok(!status.stdout.includes("Konfigurace:"), "the configuration only with --verbose");
    match(
      (await world.spojka("--lang", "cs", "status", "--verbose")).stdout,
      /Konfigurace:\n {2}version = 1/,
    );

    const bytes = await Deno.readFile(join(world.dir, "log.txt"));
    deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "log.txt starts with a UTF-8 BOM");
    const log = new TextDecoder().decode(bytes);
    match(log, / [0-9a-f]{6} INFO {3} {2}Vydané faktury: staženo/);
    match(log, /spojka sync skončila s návratovým kódem 1/);
  });
});

Deno.test("outbox list and verify speak Czech with --lang cs", async () => {
  await withWorld({ flowii: small }, async (world) => {
    const invoices = world.flowii.dataset.documents.filter((d) => d.type === "issuedInvoice");
    const [refused, deleted] = invoices;
    world.mserver.faults.rejectItem = (item) =>
      item.number === refused.number ? "Předkontace 3Fv neexistuje." : undefined;
    equal((await world.spojka("sync")).code, 1);

    const list = await world.spojka("--lang", "cs", "outbox", "list");
    equal(list.code, 0, list.stderr);
    match(list.stdout, /Fronta k odeslání: čeká 0, selhalo 1\n {2}flowii Vydané faktury: čeká 0, selhalo 1/);
    match(list.stdout, /Selhaly \(cíl je odmítl; každá synchronizace je zkusí znovu\):/);
    match(
      list.stdout,
      new RegExp(`Vydané faktury ${refused.number} .*: 1 pokus, poslední .*\\n {4}důvod: Předkontace 3Fv`),
    );
    match(list.stdout, /spojka outbox show <číslo> ukáže položku i s jejím XML/);
    ok(!/pending|failed|attempt|reason/.test(list.stdout), list.stdout);

    const agrees = await world.spojka("--lang", "cs", "verify");
    equal(agrees.code, 0, agrees.stdout + agrees.stderr);
    match(agrees.stdout, /Porovnáno s POHODOU: \d+ dokladů, 4 partneři\./);
    match(agrees.stdout, /Vše souhlasí: každý je v POHODĚ jednou/);
    match(agrees.stdout + agrees.stderr, /Načítám z POHODY agendu Vydané faktury \(kontroluji \d+\)/);

    const gone = world.mserver.pohoda.invoices.find((i) => i.number === deleted.number)!;
    world.mserver.pohoda.deleteInvoice(gone.id);
    const missing = await world.spojka("--lang", "cs", "verify");
    equal(missing.code, 5, missing.stdout + missing.stderr);
    match(
      missing.stdout,
      new RegExp(
        `V POHODĚ chybí \\(1\\):\\n {2}Vydané faktury ${deleted.number} .*: v POHODĚ nenalezeno \\(naimportováno `,
      ),
    );
    match(missing.stdout, /1 problém\. Dohledejte je v POHODĚ/);
    ok(!/Missing|Checked|problems/.test(missing.stdout), missing.stdout);
  });
});

Deno.test("Slovak from the system locale, then from config.toml; --lang overrides both", async () => {
  await withWorld({ flowii: small }, async (world) => {
    equal((await world.spojka("sync")).code, 0);
    const slovakLocale = await runCli(["--dir", world.dir, "status"], { env: { LANG: "sk_SK.UTF-8" } });
    match(slovakLocale.stdout, /Posledné behy:\n {2}flowii: v poriadku \(kód 0\)/);
    match(slovakLocale.stdout, /\n {4}Adresár: stiahnuté 4, importované 4/);
    match(slovakLocale.stdout, /\n {4}Vydané (zálohové )?faktúry: stiahnuté \d+/);
    match(slovakLocale.stdout, /Front na odoslanie: čaká 0, zlyhalo 0/);

    await editConfig(world.dir, (config) => {
      (config as Record<string, unknown>).language = "sk";
    });
    const fromConfig = await world.spojka("status");
    equal(fromConfig.code, 0, fromConfig.stderr);
    match(fromConfig.stdout, /Dátový priečinok: /);
    match((await world.spojka("--lang", "en", "status")).stdout, /Last runs:\n {2}flowii: ok \(exit 0\)/);
    const again = await world.spojka("sync");
    match(again.stdout, /stiahnuté 0, importované 0/);
    match(await Deno.readTextFile(join(world.dir, "log.txt")), /spojka sync skončila s návratovým kódom 0/);
  });
});

Deno.test("help config prints the documented config, help exit-codes the exit codes, in the chosen language", async () => {
  const config = await runCli(["help", "config"]);
  equal(config.code, 0, config.stderr);
  equal(
    config.stdout.trimEnd(),
    (await Deno.readTextFile(new URL("../config.example.toml", import.meta.url))).trimEnd(),
  );
  const codes = await runCli(["--lang", "sk", "help", "exit-codes"]);
  match(codes.stdout, /\n {3}6 {2}disk je plný/);
  match(codes.stdout, /\n {2}70 {2}nečakaná vnútorná chyba/);
  const wrong = await runCli(["--lang", "de", "status"]);
  equal(wrong.code, 2);
  match(wrong.stderr, /--lang "de" is not a language spojka speaks/);
});

Deno.test("a Slovak stock dry run prints its table and summary in Slovak", async () => {
  const world = await startStockWorld({
    platform: "shoptet",
    catalogue: articles(5),
    shopStock: { A0002: 3 },
  });
  try {
    const result = await world.spojka("--lang", "sk", "sync", "stock", "--dry-run");
    equal(result.code, 0, result.stderr);
    match(result.stdout, /kód\s+názov\s+KROS\s+e-shop\s+nové/);
    match(result.stdout, /A0002\s+Čaj zelený 2\s+7\s+3\s+7/);
    match(result.stdout, /KROS: 5 položiek katalógu/);
    match(result.stdout, /Na zápis: \d+; už správne: \d+/);
    match(result.stdout, /Skúšobný beh: nič nebolo zapísané\./);
    ok(!/code\s+name|Dry run/.test(result.stdout), result.stdout);
  } finally {
    await world.close();
  }
});
