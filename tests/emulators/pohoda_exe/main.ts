/**
 * A stand-in for `Pohoda.exe /XML "<user>" "<password>" "<ini>"`: processes the packs the INI names
 * against a POHODA kept in a JSON store (see `store.ts`) and exits, as the real program does.
 *
 * ```sh
 * deno run --config deno.json -A tests/emulators/pohoda_exe/main.ts --store pohoda.json /XML "user" "password" "x.ini"
 * ```
 *
 * Tests reach it through a wrapper script ({@linkcode writeWrapper}) that supplies `--store`, so
 * spojka can start it exactly as it starts Pohoda.exe.
 *
 * @module
 */

import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadStore, saveStore } from "./store.ts";
import { parseCommand, runXml } from "./xml_run.ts";

/**
 * Writes an executable script at `path` that runs this emulator on the store at `store`, taking
 * Pohoda.exe's arguments after it (POSIX shells; the tests run on Linux and macOS).
 */
export async function writeWrapper(path: string, store: string): Promise<void> {
  const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  const config = fileURLToPath(new URL("../../../deno.json", import.meta.url));
  const script = [
    Deno.execPath(),
    "run",
    "--quiet",
    `--config=${config}`,
    "--allow-read",
    "--allow-write",
    "--allow-env",
    fileURLToPath(import.meta.url),
    "--store",
    store,
  ].map(quote).join(" ");
  await Deno.writeTextFile(path, `#!/bin/sh\nexec ${script} "$@"\n`, { mode: 0o755 });
}

/**
 * How many invocations on the store at `store` are running now: each marks itself with a file beside
 * the store while it runs, so a test that killed spojka can wait for the Pohoda.exe it left behind.
 */
export async function runningInvocations(store: string): Promise<number> {
  const prefix = `${basename(store)}.running.`;
  let count = 0;
  for await (const entry of Deno.readDir(dirname(store))) if (entry.name.startsWith(prefix)) count++;
  return count;
}

if (import.meta.main) {
  const [flag, store, ...rest] = Deno.args;
  const command = parseCommand(rest);
  if (flag !== "--store" || !store || !command) {
    console.error('usage: main.ts --store <store.json> /XML "<user>" "<password>" "<ini>"');
    Deno.exit(2);
  }
  const marker = join(dirname(store), `${basename(store)}.running.${Deno.pid}`);
  await Deno.writeTextFile(marker, "");
  try {
    const state = await loadStore(store);
    await new Promise((resolve) => setTimeout(resolve, state.file.faults.latencyMs ?? 0));
    // Started by spojka in its own folder, as POHODA is, which resolves a relative INI path against it.
    const invocation = await runXml(command, state, Deno.cwd());
    state.file.invocations.push(invocation);
    await saveStore(store, state);
  } finally {
    await Deno.remove(marker);
  }
}
