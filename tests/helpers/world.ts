/**
 * A FLOWii account, a POHODA mServer and a spojka data folder set up with `init --non-interactive`,
 * all on 127.0.0.1: what the end-to-end tests and the demo run against.
 *
 * @module
 */

import { type FlowiiEmulator, type FlowiiOptions, startFlowii } from "../emulators/flowii/server.ts";
import { type MServer, type MServerOptions, startMServer } from "../emulators/mserver/mod.ts";
import { type CliResult, runCli, tempDataDir } from "./cli.ts";

/** The IČO of the emulated accounting unit (a valid check digit). */
export const ICO = "12345679";

/** Emulators and a configured data folder. */
export interface World {
  flowii: FlowiiEmulator;
  mserver: MServer;
  /** The data folder. */
  dir: string;
  /** The variables `init --non-interactive` was given. */
  env: Record<string, string>;
  /** What `init --non-interactive` printed. */
  init: CliResult;
  /** Runs `spojka --dir <dir> <args>`. */
  spojka(...args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

/** Options for {@linkcode startWorld}. */
export interface WorldOptions {
  flowii?: FlowiiOptions;
  mserver?: Partial<MServerOptions>;
  /** Extra variables for `init --non-interactive`, e.g. a wrong password. */
  initEnv?: Record<string, string>;
  /** Extra arguments for `init --non-interactive`, e.g. `--from-lastrun <file>`. */
  initArgs?: string[];
  /** The data folder; a new temporary one by default. */
  dir?: string;
  /** Show spojka's output live instead of capturing it (the demo). */
  output?: "piped" | "inherit";
}

/** Starts both emulators and sets up a data folder for them. */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const flowii = startFlowii(options.flowii);
  const mserver = await startMServer({
    ico: ICO,
    user: "spojka",
    password: "pohoda-Heslo-1",
    ...options.mserver,
  });
  const dir = options.dir ?? await tempDataDir();
  const spojka = (...args: string[]) => runCli(["--dir", dir, ...args], { output: options.output });
  const env = {
    SPOJKA_FLOWII_URL: flowii.url,
    SPOJKA_FLOWII_USER: flowii.credentials.user,
    SPOJKA_FLOWII_PASSWORD: flowii.credentials.password,
    SPOJKA_FLOWII_API_KEY: flowii.credentials.apiKey,
    SPOJKA_POHODA_URL: mserver.xmlUrl,
    SPOJKA_POHODA_USER: "spojka",
    SPOJKA_POHODA_PASSWORD: "pohoda-Heslo-1",
    SPOJKA_POHODA_ICO: ICO,
    ...options.initEnv,
  };
  const init = await runCli(["--dir", dir, "init", "--non-interactive", ...options.initArgs ?? []], {
    output: options.output,
    env,
  });
  // 4: a check failed, as a test that changes init's variables may intend; the settings are saved.
  if (init.code !== 0 && !(init.code === 4 && options.initEnv)) {
    throw new Error(`init failed (${init.code}): ${init.stderr}`);
  }
  return {
    flowii,
    mserver,
    dir,
    env,
    init,
    spojka,
    close: async () => {
      await flowii.close();
      await mserver.close();
    },
  };
}

/** Runs `body` in a world started with `options`, closed afterwards whatever happens. */
export async function withWorld(options: WorldOptions, body: (world: World) => Promise<void>): Promise<void> {
  const world = await startWorld(options);
  try {
    await body(world);
  } finally {
    await world.close();
  }
}
