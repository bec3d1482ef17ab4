/**
 * The registry is the only list of connectors: a connector added there (here, a test's) is set up
 * by init, checked, validated, run by sync and shown by status, with no other file knowing it.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { runCli, tempDataDir } from "./helpers/cli.ts";

const withFake = { program: new URL("./helpers/fake_connector.ts", import.meta.url) };
const fakeEnv = {
  SPOJKA_FAKE_NAME: "Pokus",
  SPOJKA_FAKE_TOKEN: "fake-token-123",
  SPOJKA_POHODA_USER: "spojka",
  SPOJKA_POHODA_PASSWORD: "pohoda-Heslo-2231",
  SPOJKA_POHODA_ICO: "12345679",
  // Nothing listens there: the POHODA check fails at once, and init saves the settings anyway (exit 4).
  SPOJKA_POHODA_URL: "http://127.0.0.1:9/xml",
};

Deno.test("a connector added to the registry is set up, checked, run by sync and shown by status", async () => {
  const dir = await tempDataDir();
  const init = await runCli(["--dir", dir, "init", "--non-interactive"], { ...withFake, env: fakeEnv });
  equal(init.code, 4, init.stderr);
  match(init.stdout, /Saved .*config\.toml \(fake\)/);
  match(init.stdout, /Fake service: OK, the token has 14 characters/);
  const config = await Deno.readTextFile(join(dir, "config.toml"));
  match(config, /\[fake\][\s\S]*name = "Pokus"/);
  ok(!config.includes(fakeEnv.SPOJKA_FAKE_TOKEN), "the fake's secret is stored encrypted");

  const sync = await runCli(["--dir", dir, "sync"], withFake);
  equal(sync.code, 0, sync.stderr);
  match(sync.stdout, /Fake Pokus: ran, token of 14 characters, POHODA 12345679/);
  // Its secret variable overrides the stored one at run time, as every declared secret's does.
  const named = await runCli(["--dir", dir, "sync", "fake", "--dry-run"], {
    ...withFake,
    env: { SPOJKA_FAKE_TOKEN: "other" },
  });
  equal(named.code, 0, named.stderr);
  match(named.stdout, /Fake Pokus: dry run, token of 5 characters/);
  const unknown = await runCli(["--dir", dir, "sync", "nothing"], withFake);
  equal(unknown.code, 2);
  match(unknown.stderr, /Known connectors: flowii, stock, fake\./);

  const json = await runCli(["--dir", dir, "status", "--json"], withFake);
  equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  deepEqual(report.lastRuns.map((r: { connector: string }) => r.connector), ["fake"]);
  deepEqual(report.fake, { greeting: "hello from the fake connector" });
  equal(report.config.settings.fake.token, "********");
  const text = await runCli(["--dir", dir, "status"], withFake);
  match(text.stdout, /Fake: hello from the fake connector/);

  // spojka itself has no such connector: the same config is refused, naming the section.
  const plain = await runCli(["--dir", dir, "sync"]);
  equal(plain.code, 2);
  match(plain.stderr, /unknown section \[fake\]: spojka help config lists every key/);
});

Deno.test("config validation knows the registered connector's sections and what it needs beside them", async () => {
  const dir = await tempDataDir();
  const init = await runCli(["--dir", dir, "init", "--non-interactive"], { ...withFake, env: fakeEnv });
  equal(init.code, 4, init.stderr);
  const path = join(dir, "config.toml");
  const config = await Deno.readTextFile(path);
  // Without its target's section, the fake connector is incomplete.
  await Deno.writeTextFile(path, config.replace(/\[pohoda\][^[]*/, ""));
  const incomplete = await runCli(["--dir", dir, "sync"], withFake);
  equal(incomplete.code, 2);
  match(incomplete.stderr, /pohoda: is missing: the Fake → POHODA connector needs \[fake\], \[pohoda\]/);
  // A typo in its section is named, with the key it probably means.
  await Deno.writeTextFile(path, config.replace('name = "Pokus"', 'nmae = "Pokus"'));
  const typo = await runCli(["--dir", dir, "sync"], withFake);
  equal(typo.code, 2);
  match(typo.stderr, /unknown key "nmae" in \[fake\]: did you mean "name"\?/);
});
