/**
 * `init` repairs instead of trapping: a broken config.toml is shown (section, key, line) and its
 * broken sections are entered again, keeping the rest; the failed checks are listed at the end. The
 * wizard runs in-process with a scripted prompter (the terminal's prompts need a real terminal).
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { readConfig } from "../src/config/file.ts";
import type { Prompter } from "../src/config/setup.ts";
import { withContext } from "../src/cli/context.ts";
import { init } from "../src/cli/init.ts";
import { setLanguage } from "../src/i18n/mod.ts";
import { dataPaths } from "../src/core/datadir.ts";
import { runCli, tempDataDir } from "./helpers/cli.ts";

/** A port on 127.0.0.1 where nothing listens: every check fails at once, without the internet. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

const port = closedPort();
const env = {
  SPOJKA_FLOWII_URL: `http://127.0.0.1:${port}`,
  SPOJKA_FLOWII_USER: "uctovnik@firma.cz",
  SPOJKA_FLOWII_PASSWORD: "flowii-Heslo-7",
  SPOJKA_FLOWII_API_KEY: "flowii-kluc-8",
  SPOJKA_POHODA_URL: `http://127.0.0.1:${port}/xml`,
  SPOJKA_POHODA_USER: "spojka",
  SPOJKA_POHODA_PASSWORD: "pohoda-Heslo-9",
  SPOJKA_POHODA_ICO: "12345679",
};

/** A data folder set up by `init --non-interactive` (its checks fail: nothing listens). */
async function setUpFolder(): Promise<string> {
  const dir = await tempDataDir();
  equal((await runCli(["--dir", dir, "init", "--non-interactive"], { env })).code, 4);
  return dir;
}

/** Answers from a script; records each question. */
function scripted(answers: (string | boolean | string[])[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = <T>(message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`unexpected question: ${message}`);
    return Promise.resolve(answers.shift() as T);
  };
  return {
    asked,
    text: (message, { validate }) =>
      next<string>(message).then((a) => (equal(validate(a), undefined, message), a)),
    secret: (message) => next(message),
    select: (message) => next(message),
    yesNo: (message) => next(message),
    choose: (message) => next(message),
  };
}

async function wizard(dir: string, prompter: Prompter): Promise<{ code: number; log: string }> {
  const code = await withContext("init", { dir }, { create: true }, (ctx) => init(ctx, { prompter }));
  return { code, log: await Deno.readTextFile(join(dir, "log.txt")) };
}

Deno.test("a config.toml with an unknown key and a wrong type: [pohoda] is entered again, the rest is kept", async () => {
  const dir = await setUpFolder();
  const path = join(dir, "config.toml");
  const text = (await Deno.readTextFile(path))
    .replace("[flowii]", 'language = "en"\n\n[flowii]')
    .replace('ico = "12345679"', 'ico = "12345679"\nicoo = "1"')
    .replace("batch_size = 50", 'batch_size = "50"');
  await Deno.writeTextFile(path, text);
  const lineOf = (start: string) => text.split("\n").findIndex((l) => l.startsWith(start)) + 1;

  // [pohoda]'s sound values are offered as they are (kept with "n"), the user and password changed.
  const prompter = scripted([true, false, false, true, "spojka2", true, "nove-Heslo", false]);
  const { code, log } = await wizard(dir, prompter);
  equal(code, 4, "the checks fail: nothing listens");
  match(
    log,
    new RegExp(`unknown key "icoo" in \\[pohoda\\] \\(line ${lineOf("icoo")}\\): did you mean "ico"\\?`),
  );
  match(
    log,
    new RegExp(
      `\\[pohoda\\] batch_size \\(line ${
        lineOf("batch_size")
      }\\): must be a number without quotes, not the text "50"`,
    ),
  );
  match(prompter.asked[0], /Enter \[pohoda\] again\? Everything else in config\.toml stays as it is\./);
  ok(!prompter.asked.some((q) => q.includes("FLOWii")), "FLOWii is not asked again");
  match(log, /IČO[^\n]*: 12345679\n/, "the sound IČO is shown as it was");
  ok(!log.includes("enc:v1:"), "the kept password is masked, not shown sealed");

  const config = (await readConfig(dataPaths(dir), { env: () => undefined }))!;
  equal(config.language, "en");
  equal(config.flowii!.password.reveal(), env.SPOJKA_FLOWII_PASSWORD, "the kept secrets still decrypt");
  deepEqual([config.pohoda!.user, config.pohoda!.password.reveal(), config.pohoda!.ico], [
    "spojka2",
    "nove-Heslo",
    "12345679",
  ]);
  // Interactive init ends with the failed checks, and what to do.
  match(log, /These 2 checks failed; the settings are saved anyway:/);
  match(log, / - FLOWii: .*\n.* - POHODA mServer: /);
  match(log, /run spojka init again to correct a setting/);
});

Deno.test("a TOML syntax error: init offers to start over and keeps the broken file", async (t) => {
  const dir = await setUpFolder();
  const path = join(dir, "config.toml");
  const broken = (await Deno.readTextFile(path)).replace("[pohoda]", "[pohoda");
  await Deno.writeTextFile(path, broken);

  await t.step("declined: nothing changes", async () => {
    const { code, log } = await wizard(dir, scripted([false]));
    equal(code, 2);
    match(log, /config\.toml is not valid TOML \(line \d+, column \d+\)/);
    equal(await Deno.readTextFile(path), broken);
  });

  await t.step("accepted: the file is set aside and the setup starts afresh", async () => {
    const prompter = scripted([true, ["alerts"], "", "https://hooks.firma.cz/spojka", ""]);
    const { code, log } = await wizard(dir, prompter);
    equal(code, 0, log);
    match(prompter.asked[0], /Start the setup afresh\? config\.toml is kept as config\.toml\.broken-[\d-]+/);
    const aside = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) =>
      n.startsWith("config.toml.broken-")
    );
    equal(aside.length, 1);
    equal(await Deno.readTextFile(join(dir, aside[0])), broken, "the broken file is kept as it was");
    match(log, new RegExp(`The broken file is kept as .*${aside[0]}`));
    ok((await readConfig(dataPaths(dir), { env: () => undefined }))!.alerts);
  });
});

Deno.test("init --non-interactive on a broken config.toml: exit 2, the problem named, the file left alone", async () => {
  const dir = await setUpFolder();
  const path = join(dir, "config.toml");
  const broken = (await Deno.readTextFile(path)).replace('ico = "12345679"', 'ico = "12345679"\nicoo = "1"');
  await Deno.writeTextFile(path, broken);
  const english = await runCli(["--dir", dir, "init", "--non-interactive"], { env });
  equal(english.code, 2);
  match(english.stderr, /unknown key "icoo" in \[pohoda\] \(line \d+\): did you mean "ico"\?/);
  match(english.stderr, /does not overwrite a broken config\.toml/);
  const czech = await runCli(["--dir", dir, "--lang", "cs", "init", "--non-interactive"], { env });
  equal(czech.code, 2);
  match(czech.stderr, /neznámý klíč „icoo“ v \[pohoda\] \(řádek \d+\): nemysleli jste „ico“\?/);
  equal(await Deno.readTextFile(path), broken);
});

Deno.test("status and init tell a wrong type in the same words; init adds the line", async () => {
  const dir = await setUpFolder();
  const path = join(dir, "config.toml");
  const text = (await Deno.readTextFile(path)).replace("batch_size = 50", "batch_size = true");
  await Deno.writeTextFile(path, text);
  const line = text.split("\n").findIndex((l) => l.startsWith("batch_size")) + 1;
  for (const lang of ["en", "cs"]) {
    const status = await runCli(["--dir", dir, "--lang", lang, "status"]);
    const init = await runCli(["--dir", dir, "--lang", lang, "init", "--non-interactive"], { env });
    equal(status.code, 2);
    equal(init.code, 2);
    const told = /\[pohoda\] batch_size: (.*)/.exec(status.stdout)?.[1];
    ok(told, status.stdout);
    ok(
      init.stderr.includes(`[pohoda] batch_size (${lang === "en" ? "line" : "řádek"} ${line}): ${told}`),
      init.stderr,
    );
  }
  match((await runCli(["--dir", dir, "status"])).stdout, /batch_size: must be a number, not true/);
});

Deno.test("init keeps language and takes an IČO typed with spaces", async () => {
  const dir = await setUpFolder();
  const path = join(dir, "config.toml");
  await Deno.writeTextFile(path, 'language = "sk"\n' + await Deno.readTextFile(path));
  const again = await runCli(["--dir", dir, "--lang", "en", "init", "--non-interactive"], {
    env: { ...env, SPOJKA_POHODA_ICO: "123 45 679" },
  });
  equal(again.code, 4, again.stderr);
  const text = await Deno.readTextFile(path);
  match(text, /^language = "sk"$/m);
  match(text, /^ico = "12345679"$/m);
});

Deno.test("the wizard's language is written to config.toml, so runs scheduled as SYSTEM speak it too", async () => {
  const dir = await setUpFolder();
  ok(!(await Deno.readTextFile(join(dir, "config.toml"))).includes("language"), "a script records none");
  // Everything kept as it is: the connectors ticked as they are, every value unchanged.
  const keepAll: Prompter = {
    text: () => Promise.reject(new Error("nothing is typed")),
    secret: () => Promise.reject(new Error("nothing is typed")),
    select: () => Promise.reject(new Error("nothing is chosen")),
    yesNo: () => Promise.resolve(false),
    choose: (_, choices) => Promise.resolve(choices.filter((c) => c.checked).map((c) => c.value)),
  };
  setLanguage("cs");
  try {
    const { code, log } = await wizard(dir, keepAll);
    equal(code, 4, "the checks fail: nothing listens");
    match(log, /spojka bude mluvit česky, i v naplánovaných bězích \(language = "cs" v config\.toml/);
  } finally {
    setLanguage("en");
  }
  equal((await readConfig(dataPaths(dir), { env: () => undefined }))!.language, "cs");
  // A language already chosen stays: the wizard in English does not overwrite it.
  await wizard(dir, keepAll);
  equal((await readConfig(dataPaths(dir), { env: () => undefined }))!.language, "cs");
});
