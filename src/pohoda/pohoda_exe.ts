/**
 * Starting `Pohoda.exe /XML "<user>" "<password>" "<ini>"` (reference §19) and waiting for it.
 * The arguments go to the program as a list, never through a shell, so no character of the
 * password is read as a command.
 *
 * @module
 */

import { dirname } from "node:path";
import { ConfigError } from "../core/errors.ts";
import { m } from "../i18n/mod.ts";

/** How Pohoda.exe ended. */
export type ExeEnd =
  /** It exited with this code (what POHODA's codes mean is not documented). */
  | { exited: true; code: number }
  /** It had not exited when the time was up; it runs on (see {@linkcode runPohodaExe}). */
  | { exited: false };

/** What to start. */
export interface ExeRun {
  exe: string;
  user: string;
  password: string;
  ini: string;
  timeoutMs: number;
}

/**
 * Runs Pohoda.exe on `ini` and waits for it to exit, at most `timeoutMs`. A POHODA still running
 * then is left alone: stopping it in the middle of an import could leave its database half
 * written. Throws ConfigError when the program cannot be started.
 */
export async function runPohodaExe(run: ExeRun): Promise<ExeEnd> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(run.exe, {
      args: ["/XML", run.user, run.password, run.ini],
      // POHODA resolves a relative INI path against its own folder; spojka's paths are absolute.
      cwd: dirname(run.exe),
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound || e instanceof Deno.errors.PermissionDenied)) throw e;
    throw new ConfigError(m.pohodaLink.cannotStart(run.exe, (e as Error).message), {
      hint: m.pohodaLink.exeHint,
      cause: e,
    });
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<"time up">((resolve) =>
    timer = setTimeout(() => resolve("time up"), run.timeoutMs)
  );
  const ended = await Promise.race([child.status, timeUp]);
  clearTimeout(timer);
  if (ended === "time up") {
    // spojka may end while POHODA works on.
    child.unref();
    return { exited: false };
  }
  return { exited: true, code: ended.code };
}
