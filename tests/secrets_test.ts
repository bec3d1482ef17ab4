/**
 * Secrets echoed back by hostile servers, in every encoding they travel in, reach no output: not
 * stdout or stderr, not log.txt, not the state database, not a kept response, not any other file in
 * the data folder.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { join, relative } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { listen } from "./emulators/server.ts";
import { type CliResult, editConfig } from "./helpers/cli.ts";
import { formsFound, secretForms } from "./helpers/secret_forms.ts";
import { startWorld } from "./helpers/world.ts";

// Every character that form encoding, encodeURIComponent, JSON and XML treat differently.
const FLOWII_USER = "uctovnik@example.sk";
const FLOWII_PASSWORD = `Tajné heslo!'()~+&=<>"/\\ř1`;
const FLOWII_API_KEY = "flowii-api-key/+=&(!)~";
const POHODA_PASSWORD = `Pohoda heslo!'()~ č&<"/2`;

const planted = {
  "FLOWii password": secretForms(FLOWII_PASSWORD, [FLOWII_USER]),
  "FLOWii API key": secretForms(FLOWII_API_KEY),
  "POHODA password": secretForms(POHODA_PASSWORD, ["spojka"]),
};
/** Every planted form in one text, as a server that echoes everything would say it. */
const everyForm = Object.values(planted).flatMap((forms) => Object.values(forms)).join(" | ");

/** A FLOWii token endpoint that refuses every login and echoes what it got, as JSON or as plain text. */
function echoingFlowii(mode: "json" | "text") {
  return listen(async (request) => {
    const body = await request.text();
    const said = `received ${body} with the key ${request.headers.get("api-key")}`;
    return mode === "json"
      ? Response.json({ error: "invalid_grant", error_description: `${said}; ${everyForm}` }, { status: 400 })
      : new Response(said, { status: 400, headers: { "content-type": "text/plain" } });
  });
}

/** Where each planted form was found in `content`, e.g. `POHODA password, form-urlencoded`. */
function leaks(content: string | Uint8Array): string[] {
  return Object.entries(planted).flatMap(([secret, forms]) =>
    formsFound(content, forms).map((form) => `${secret}, ${form}`)
  );
}

async function* files(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* files(path);
    else yield path;
  }
}

/** Every row of every table of the state database, as text. */
function stateText(path: string): string {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join("\n");
  } finally {
    db.close();
  }
}

Deno.test("passwords and keys echoed by hostile servers in every encoding reach no output", async () => {
  const world = await startWorld({
    flowii: {
      password: FLOWII_PASSWORD,
      apiKey: FLOWII_API_KEY,
      dataset: { seed: 3, partners: 4, documents: 6 },
    },
    mserver: { password: POHODA_PASSWORD },
    initEnv: { SPOJKA_POHODA_PASSWORD: POHODA_PASSWORD },
  });
  const outputs: [string, CliResult][] = [];
  const run = async (name: string, ...args: string[]) => {
    const result = await world.spojka(...args);
    outputs.push([name, result]);
    return result;
  };
  const json = echoingFlowii("json");
  const text = echoingFlowii("text");
  try {
    // POHODA rejects the first item of each pack with a note quoting every form: item failures,
    // outbox errors and the kept answers (windows-1250, XML-escaped) all carry it.
    world.mserver.faults.rejectItem = (item) => item.index === 1 ? `Chyba: ${everyForm}` : undefined;
    equal((await run("sync, items rejected", "sync")).code, 1);
    world.mserver.faults.rejectItem = undefined;
    // POHODA refuses the whole pack with that note: the run's failure message.
    world.mserver.faults.packError = `Uživatel není oprávnen importovat XML soubory. ${everyForm}`;
    equal((await run("sync, pack refused", "sync")).code, 4);
    world.mserver.faults.packError = undefined;
    // FLOWii's token endpoint echoes the form-encoded login, as JSON and as plain text.
    for (const [name, echo] of [["JSON echo", json], ["text echo", text]] as const) {
      await editConfig(world.dir, (config) => config.flowii.base_url = echo.url);
      const result = await run(`sync, FLOWii ${name}`, "sync");
      equal(result.code, 4);
      match(result.stderr, /FLOWii (refused the user name or password|did not issue a token).*“received/);
    }
    for (const args of [["status"], ["status", "--json", "--items"], ["outbox", "list", "--all"]]) {
      await run(args.join(" "), ...args);
    }
    const failed = JSON.parse(outputs.at(-2)![1].stdout).outbox.failedItems[0];
    await run("outbox show", "outbox", "show", failed.key);

    const found: string[] = [];
    for (const [name, result] of outputs) {
      for (const leak of leaks(result.stdout)) found.push(`${name} stdout: ${leak}`);
      for (const leak of leaks(result.stderr)) found.push(`${name} stderr: ${leak}`);
    }
    const kept: string[] = [];
    for await (const path of files(world.dir)) {
      const name = relative(world.dir, path);
      if (name.startsWith("responses")) kept.push(name);
      for (const leak of leaks(await Deno.readFile(path))) found.push(`${name}: ${leak}`);
    }
    for (const leak of leaks(stateText(join(world.dir, "state.db")))) found.push(`state.db rows: ${leak}`);
    deepEqual(found, []);
    // The outputs really carried what was planted, masked.
    equal(kept.length > 0, true, "POHODA's answers were kept");
    match(await Deno.readTextFile(join(world.dir, "log.txt")), /importovat XML soubory\. \*\*\*/);
    match(outputs[0][1].stderr, /not imported: .*Chyba: \*\*\*/);
  } finally {
    await json.close();
    await text.close();
    await world.close();
  }
});
