/**
 * POHODA without mServer: a FLOWii account, the stand-in for `Pohoda.exe /XML`
 * (tests/emulators/pohoda_exe, its program file and store outside the data folder) and a spojka data
 * folder set up with `init --non-interactive` for `transport = "xml-folder"`.
 *
 * @module
 */

import { join } from "node:path";
import { type FlowiiEmulator, type FlowiiOptions, startFlowii } from "../emulators/flowii/server.ts";
import { writeWrapper } from "../emulators/pohoda_exe/main.ts";
import {
  databaseOf,
  loadStore,
  newStore,
  type Store,
  type StoreFile,
} from "../emulators/pohoda_exe/store.ts";
import { type CliResult, runCli, tempDataDir } from "./cli.ts";
import { ICO } from "./world.ts";

/** The POHODA user the emulated Pohoda.exe accepts. */
export const FILES_USER = "spojka";
/** Its password: characters a shell or an INI file would read as their own. */
export const FILES_PASSWORD = `Heslo 'č$(x)&;|%1`;

/** FLOWii, the emulated Pohoda.exe and spojka. */
export interface FilesWorld {
  flowii: FlowiiEmulator;
  dir: string;
  /** The program spojka starts as Pohoda.exe. */
  exe: string;
  storePath: string;
  /** The variables `init --non-interactive` was given. */
  env: Record<string, string>;
  /** What `init --non-interactive` printed. */
  init: CliResult;
  spojka(...args: string[]): Promise<CliResult>;
  /** The emulated POHODA as it is now. */
  pohoda(): Promise<Store>;
  /** Changes the emulated POHODA's store (its faults, say) between runs. */
  editPohoda(edit: (file: StoreFile) => void): Promise<void>;
  /** Runs the emulated Pohoda.exe as a user would, e.g. on spojka's folder INIs; its exit code. */
  runPohoda(...args: string[]): Promise<number>;
  /** Stops FLOWii and removes the program folder and the data folder. */
  close(): Promise<void>;
}

/** Options for {@linkcode startFilesWorld}. */
export interface FilesWorldOptions {
  /** Whether spojka starts Pohoda.exe itself (`SPOJKA_POHODA_EXE`), or leaves it to the user. */
  exe: boolean;
  /** The POHODA password given to init (default the right one). */
  password?: string;
  /**
   * The accounting years the emulated POHODA holds a unit of, the first being `[pohoda] database`'s
   * (default: the current year alone).
   */
  years?: number[];
  flowii?: FlowiiOptions;
}

/** Starts FLOWii and the emulated Pohoda.exe and sets up a data folder for them. */
export async function startFilesWorld(options: FilesWorldOptions): Promise<FilesWorld> {
  const flowii = startFlowii(options.flowii);
  const program = await Deno.makeTempDir({ prefix: "spojka-pohoda-exe-" });
  const dir = await tempDataDir();
  const close = async () => {
    await flowii.close();
    await Deno.remove(program, { recursive: true });
    await Deno.remove(dir, { recursive: true });
  };
  try {
    const exe = join(program, "Pohoda.exe");
    const storePath = join(program, "pohoda-store.json");
    const [year, ...otherYears] = options.years ?? [new Date().getFullYear()];
    const company = { ico: ICO, name: "Emulovaná firma s.r.o.", year, key: "K-1" };
    await Deno.writeTextFile(
      storePath,
      JSON.stringify(newStore(company, FILES_USER, FILES_PASSWORD, otherYears)),
    );
    await writeWrapper(exe, storePath);
    const env = {
      SPOJKA_FLOWII_URL: flowii.url,
      SPOJKA_FLOWII_USER: flowii.credentials.user,
      SPOJKA_FLOWII_PASSWORD: flowii.credentials.password,
      SPOJKA_FLOWII_API_KEY: flowii.credentials.apiKey,
      SPOJKA_POHODA_TRANSPORT: "xml-folder",
      ...(options.exe ? { SPOJKA_POHODA_EXE: exe } : {}),
      SPOJKA_POHODA_USER: FILES_USER,
      SPOJKA_POHODA_PASSWORD: options.password ?? FILES_PASSWORD,
      SPOJKA_POHODA_ICO: ICO,
      ...(options.years ? { SPOJKA_POHODA_DATABASE: databaseOf(company) } : {}),
    };
    const init = await runCli(["--dir", dir, "init", "--non-interactive"], { env });
    // 4: a check failed, as a test with a wrong password may intend; the settings are saved.
    if (init.code !== 0 && !(init.code === 4 && options.password)) {
      throw new Error(`init failed (${init.code}): ${init.stderr}`);
    }
    return {
      flowii,
      dir,
      exe,
      storePath,
      env,
      init,
      spojka: (...args) => runCli(["--dir", dir, ...args]),
      pohoda: () => loadStore(storePath),
      editPohoda: async (edit) => {
        const file = JSON.parse(await Deno.readTextFile(storePath));
        edit(file);
        await Deno.writeTextFile(storePath, JSON.stringify(file));
      },
      runPohoda: async (...args) => (await new Deno.Command(exe, { args, cwd: program }).output()).code,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
