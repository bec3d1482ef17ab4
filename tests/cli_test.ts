import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { acquireLock } from "../src/state/lock.ts";
import { dataPaths } from "../src/core/datadir.ts";
import { runCli, tempDataDir } from "./helpers/cli.ts";

const secrets = {
  SPOJKA_FLOWII_PASSWORD: "flowii-Heslo-871",
  SPOJKA_FLOWII_API_KEY: "flowii-api-key-5512",
  SPOJKA_POHODA_PASSWORD: "pohoda-Heslo-2231",
};
const initEnv = {
  ...secrets,
  SPOJKA_FLOWII_USER: "uctovnik@firma.sk",
  SPOJKA_POHODA_USER: "spojka",
  SPOJKA_POHODA_ICO: "12345679",
};

async function initialised(): Promise<string> {
  const dir = await tempDataDir();
  const result = await runCli(["--dir", dir, "init", "--non-interactive"], { env: initEnv });
  // No FLOWii or mServer to check against: saved all the same, and exit 4 says the checks failed.
  equal(result.code, 4, result.stderr);
  return dir;
}

Deno.test("init --non-interactive writes config and key file, and no secret in plain text anywhere", async () => {
  const dir = await initialised();
  const files = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  deepEqual(files, ["config.toml", "log.txt", "spojka.key", "spojka.lock", "state.db"]);
  const config = await Deno.readTextFile(join(dir, "config.toml"));
  match(config, /\[flowii\][\s\S]*user = "uctovnik@firma.sk"[\s\S]*\[pohoda\][\s\S]*ico = "12345679"/);
  for (const file of ["config.toml", "log.txt", "state.db"]) {
    const text = new TextDecoder("latin1").decode(await Deno.readFile(join(dir, file)));
    for (const secret of Object.values(secrets)) ok(!text.includes(secret), `${secret} in ${file}`);
  }
  if (Deno.build.os !== "windows") equal(Deno.statSync(join(dir, "spojka.key")).mode! & 0o777, 0o600);
});

Deno.test("init --non-interactive names a missing variable and exits 2", async () => {
  const dir = await tempDataDir();
  const { SPOJKA_POHODA_PASSWORD: _, ...env } = initEnv;
  const result = await runCli(["--dir", dir, "init", "--non-interactive"], { env });
  equal(result.code, 2);
  match(result.stderr, /SPOJKA_POHODA_PASSWORD is not set/);
  ok(!(await exists(join(dir, "config.toml"))));
});

Deno.test("status is short; --verbose adds the config with secrets masked; --json says it all for scripts", async () => {
  const dir = await initialised();
  const short = await runCli(["--dir", dir, "status"]);
  equal(short.code, 0, short.stderr);
  ok(!short.stdout.includes("Configuration:"), short.stdout);
  match(short.stdout, /spojka status --verbose also shows the configuration/);
  const text = await runCli(["--dir", dir, "status", "--verbose"]);
  equal(text.code, 0, text.stderr);
  match(text.stdout, new RegExp(`Data folder: ${dir}`));
  match(text.stdout, /Configuration:\n/);
  match(text.stdout, /password = "\*{8}"/);
  match(text.stdout, /none: the next sync fetches everything/);
  const json = await runCli(["--dir", dir, "status", "--json"]);
  equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  equal(report.dataDir, dir);
  equal(report.config.settings.pohoda.password, "********");
  equal(report.config.settings.pohoda.ico, "12345679");
  deepEqual(report.outbox, { pending: 0, failed: 0, held: 0, failedItems: [], heldItems: [] });
  for (const out of [text.stdout, json.stdout]) {
    for (const secret of Object.values(secrets)) ok(!out.includes(secret));
  }
});

Deno.test("a hand-edited secret stops the run with exit 2 and says to run init", async () => {
  const dir = await initialised();
  const path = join(dir, "config.toml");
  await Deno.writeTextFile(
    path,
    (await Deno.readTextFile(path)).replace(
      /(api_key = "enc:v1:)(.)/,
      (_, p, c) => p + (c === "Q" ? "R" : "Q"),
    ),
  );
  const result = await runCli(["--dir", dir, "sync"]);
  equal(result.code, 2);
  match(result.stderr, /\[flowii\] api_key in config.toml cannot be decrypted/);
  match(result.stderr, /Run spojka init to change it/);
});

Deno.test("a second run while the lock is held exits 3 and names the holder", async () => {
  const dir = await initialised();
  const lock = await acquireLock(dataPaths(dir), "sync");
  try {
    const result = await runCli(["--dir", dir, "reset", "--cursor"]);
    equal(result.code, 3);
    match(result.stderr, new RegExp(`PID ${Deno.pid}.*"spojka sync" started`));
    match((await runCli(["--dir", dir, "status"])).stdout, new RegExp(`Running now: PID ${Deno.pid}`));
  } finally {
    await lock.release();
  }
});

Deno.test("reset --cursor clears every cursor and keeps the config", async () => {
  const dir = await initialised();
  const state = {
    schemaVersion: 1,
    cursors: { "flowii.documents": { epoch: 1_763_900_000, setAt: "2025-11-23T10:00:00.000Z" } },
    runs: {},
    outbox: {},
  };
  await Deno.writeTextFile(join(dir, "state.json"), JSON.stringify(state));
  const status = await runCli(["--dir", dir, "status"]);
  match(status.stdout, /flowii\.documents: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d \(UNIX 1763900000\)/);
  const result = await runCli(["--dir", dir, "reset", "--cursor"]);
  equal(result.code, 0, result.stderr);
  match(result.stdout, /Cleared the cursors of flowii\.documents/);
  deepEqual(JSON.parse((await runCli(["--dir", dir, "status", "--json"])).stdout).cursors, []);
  ok(await exists(join(dir, "config.toml")));
});

Deno.test("reset --all needs a confirmation, and with --yes removes config, key and state but keeps the log", async () => {
  const dir = await initialised();
  await Deno.writeTextFile(
    join(dir, "state.json"),
    JSON.stringify({ schemaVersion: 1, cursors: {}, runs: {}, outbox: {} }),
  );
  const refused = await runCli(["--dir", dir, "reset", "--all"]);
  equal(refused.code, 2);
  match(refused.stderr, /Add --yes/);
  ok(await exists(join(dir, "config.toml")));
  const result = await runCli(["--dir", dir, "reset", "--all", "--yes"]);
  equal(result.code, 0, result.stderr);
  for (const gone of ["config.toml", "spojka.key", "state.db", "state.json.migrated"]) {
    ok(!(await exists(join(dir, gone))), gone);
  }
  ok(await exists(join(dir, "log.txt")));
});

Deno.test("reset without --cursor or --all is a usage error", async () => {
  const result = await runCli(["--dir", await initialised(), "reset"]);
  equal(result.code, 2);
  match(result.stderr, /exactly one of --cursor or --all/);
});

Deno.test("a data folder that does not exist is a usage error, not an empty status", async () => {
  const result = await runCli(["--dir", join(await tempDataDir(), "missing"), "status"]);
  equal(result.code, 2);
  match(result.stderr, /does not exist[\s\S]*spojka init/);
});

Deno.test("SPOJKA_HOME selects the data folder when --dir is not given", async () => {
  const dir = await initialised();
  const result = await runCli(["status", "--json"], { env: { SPOJKA_HOME: dir } });
  equal(JSON.parse(result.stdout).dataDir, dir);
});

Deno.test("--version and --help exit 0; an unknown command exits 2", async () => {
  const version = await runCli(["--version"]);
  equal(version.code, 0);
  match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  equal((await runCli(["--help"])).code, 0);
  equal((await runCli(["frobnicate"])).code, 2);
});

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("the help's headings and the usage errors speak the language of --lang", async () => {
  const czech = await runCli(["--lang", "cs", "--help"]);
  equal(czech.code, 0);
  match(czech.stdout, /^Použití: spojka \[volby\] \[příkaz\]\n/);
  match(czech.stdout, /\nVolby:\n {2}-V, --version +zobrazí verzi\n {2}--dir <složka> /);
  match(czech.stdout, /\nPříkazy:\n {2}init \[volby\] /);
  ok(!/Usage|Options|Commands|\[options\]/.test(czech.stdout), czech.stdout);
  const slovak = await runCli(["--lang", "sk", "outbox", "--help"]);
  match(
    slovak.stdout,
    /^Použitie: spojka outbox \[možnosti\] \[príkaz\]\n[\s\S]*\nMožnosti:\n[\s\S]*\nPríkazy:\n/,
  );
  match(slovak.stdout, /show \[možnosti\] <položka> /);
  match(slovak.stdout, /help \[príkaz\] +zobrazí pomocníka k príkazu/);

  const english = await runCli(["--bogus"]);
  equal(english.code, 2);
  equal(english.stderr, "error: unknown option '--bogus'\n(spojka --help lists the commands)\n");
  const unknown = await runCli(["--lang", "cs", "--bogus"]);
  equal(unknown.code, 2);
  equal(unknown.stderr, "chyba: neznámá volba „--bogus“\n(spojka --help vypíše příkazy)\n");
  const typo = await runCli(["--lang", "sk", "--dri", "x"]);
  equal(typo.code, 2);
  match(typo.stderr, /^chyba: neznáma možnosť „--dri“\n\(Mysleli ste --dir\?\)\n/);
  const missing = await runCli(["--lang", "cs", "outbox", "show"]);
  equal(missing.code, 2);
  match(missing.stderr, /^chyba: chybí povinný argument „položka“\n/);
  const tooMany = await runCli(["--lang", "sk", "status", "extra"]);
  equal(tooMany.code, 2);
  match(tooMany.stderr, /^chyba: priveľa argumentov pre „status“: očakávané 0, zadané 1: extra\.\n/);
});

Deno.test("a config.toml with an unknown key and a wrong type is explained in the language of --lang", async () => {
  const dir = await tempDataDir();
  await Deno.writeTextFile(
    join(dir, "config.toml"),
    [
      "version = 1",
      "[flowii]",
      'user = "uctovnik@firma.sk"',
      'password = "enc:v1:AAAA"',
      'api_key = "enc:v1:AAAA"',
      'compnay_id = "7"',
      "[pohoda]",
      'user = "spojka"',
      'password = "enc:v1:AAAA"',
      "ico = 12345679",
      "batch_size = true",
      "",
    ].join("\n"),
  );
  // status shows what it can, and the config's problems in its place.
  const czech = await runCli(["--dir", dir, "--lang", "cs", "status"]);
  equal(czech.code, 2);
  match(czech.stdout, /config\.toml obsahuje 3 chyby:/);
  match(czech.stdout, /neznámý klíč „compnay_id“ v \[flowii\]: nemysleli jste „company_id“\?/);
  match(czech.stdout, /\[pohoda\] ico: musí být text; dejte hodnotu do uvozovek: ico = "12345679"/);
  match(czech.stdout, /\[pohoda\] batch_size: musí být číslo, ne hodnota true/);
  match(czech.stdout, /spojka help config popisuje každý klíč; spojka init soubor přepíše\./);
  const slovak = await runCli(["--dir", dir, "--lang", "sk", "status"]);
  equal(slovak.code, 2);
  match(slovak.stdout, /config\.toml obsahuje 3 chyby:/);
  match(slovak.stdout, /neznámy kľúč „compnay_id“ v \[flowii\]: mysleli ste „company_id“\?/);
  match(slovak.stdout, /\[pohoda\] ico: musí byť text; dajte hodnotu do úvodzoviek: ico = "12345679"/);
  match(slovak.stdout, /\[pohoda\] batch_size: musí byť číslo, nie hodnota true/);
  const english = await runCli(["--dir", dir, "status"]);
  equal(english.code, 2);
  match(english.stdout, /config\.toml has 3 errors:/);
  match(english.stdout, /\[pohoda\] batch_size: must be a number, not true/);
});
