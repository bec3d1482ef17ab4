/**
 * Runs the spojka command line as a subprocess, the way a user or the scheduler does, with exactly
 * the permissions of the `spojka` task in deno.json (so a missing permission fails the tests too).
 *
 * @module
 */

import { join } from "node:path";
import { parse, stringify } from "smol-toml";
import meta from "../../deno.json" with { type: "json" };

const root = new URL("../../", import.meta.url);

/** `deno run` and its permission flags, taken from the `spojka` task. */
const denoArgs = meta.tasks.spojka.split(/\s+/).slice(1, -1);

/** What a CLI run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for {@linkcode runCli}. */
export interface CliOptions {
  /** Environment variables; the parent's are not passed on, so `SPOJKA_*` never leaks in. */
  env?: Record<string, string>;
  /** Text typed on stdin. */
  stdin?: string;
  /** `inherit` shows the program's output live (the demo) instead of capturing it. */
  output?: "piped" | "inherit";
  /** A command that runs spojka's command line, given after it as its arguments (tests/helpers/disk_faults.ts). */
  prefix?: string[];
  /** The program to run instead of src/main.ts, e.g. spojka with a test's connector (tests/helpers/fake_connector.ts). */
  program?: URL;
}

/** Starts `spojka <args>` without waiting, e.g. to kill it in the middle of a run. */
export function spawnCli(args: string[], options: CliOptions = {}): Deno.ChildProcess {
  const [program, ...rest] = [
    ...options.prefix ?? [],
    Deno.execPath(),
    ...denoArgs,
    (options.program ?? new URL("src/main.ts", root)).pathname,
    ...args,
  ];
  return new Deno.Command(program, {
    args: rest,
    cwd: root.pathname,
    clearEnv: true,
    // The messages tests assert are English; a test of another language passes --lang or LANG. Output
    // shown to a person (the demo) is in their language.
    env: { ...options.output === "inherit" ? localeEnv() : { LANG: "C" }, ...inheritedEnv(), ...options.env },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: options.output ?? "piped",
    stderr: options.output ?? "piped",
  }).spawn();
}

/** Runs `spojka <args>` and waits for it. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, options);
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  if (options.output === "inherit") return { code: (await child.status).code, stdout: "", stderr: "" };
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

/** What deno needs to find its cache and run, and nothing else. */
function inheritedEnv(): Record<string, string> {
  const keep = [
    "PATH",
    "HOME",
    "DENO_DIR",
    "XDG_CACHE_HOME",
    "TMPDIR",
    "SystemRoot",
    "USERPROFILE",
    "LOCALAPPDATA",
    "TZ",
  ];
  return Object.fromEntries(keep.flatMap((name) => Deno.env.get(name) ? [[name, Deno.env.get(name)!]] : []));
}

/** The locale variables of this process, which choose the language spojka speaks. */
function localeEnv(): Record<string, string> {
  const names = ["LC_ALL", "LC_MESSAGES", "LANG"];
  return Object.fromEntries(names.flatMap((name) => Deno.env.get(name) ? [[name, Deno.env.get(name)!]] : []));
}

/** A fresh temporary data folder. */
export function tempDataDir(): Promise<string> {
  return Deno.makeTempDir({ prefix: "spojka-cli-" });
}

/** Changes non-secret settings in config.toml, as a user would in an editor. */
export async function editConfig(
  dir: string,
  edit: (config: Record<string, Record<string, unknown>>) => void,
): Promise<void> {
  const path = join(dir, "config.toml");
  const config = parse(await Deno.readTextFile(path)) as Record<string, Record<string, unknown>>;
  edit(config);
  await Deno.writeTextFile(path, stringify(config));
}
