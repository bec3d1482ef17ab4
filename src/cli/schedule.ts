/**
 * `spojka schedule`: how to run spojka regularly on this computer, for this program and data
 * folder: the Task Scheduler command on Windows (`--install` runs it), a crontab line and systemd
 * units elsewhere.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import meta from "../../deno.json" with { type: "json" };
import { isCompiled } from "../core/datadir.ts";
import { ConfigError, ExitCode } from "../core/errors.ts";
import { exists } from "../core/files.ts";
import {
  crontabLine,
  parseAt,
  parseEvery,
  parseName,
  schtasksArgs,
  schtasksLine,
  systemdUnits,
  type Task,
  type Trigger,
} from "../core/schedule.ts";
import type { Context } from "./context.ts";
import { m } from "../i18n/mod.ts";

/** Options of `spojka schedule`. */
export interface ScheduleOptions {
  every?: string;
  at?: string;
  serve?: boolean;
  name?: string;
  install?: boolean;
}

/** Prints the scheduler entries for sync (or serve), or on Windows with `--install` creates the task. */
export async function schedule(ctx: Context, options: ScheduleOptions): Promise<ExitCode> {
  const trigger = triggerOf(options);
  const windows = Deno.build.os === "windows";
  if (options.install && !windows) {
    throw new ConfigError(m.schedule.installNotWindows, { hint: m.schedule.installNotWindowsHint });
  }
  const { program, fromSource } = spojkaProgram();
  const command = options.serve ? "serve" : "sync";
  const task: Task = {
    name: options.name === undefined ? (options.serve ? "spojka-serve" : "spojka") : parseName(options.name),
    command: [...program, command, "--dir", ctx.paths.dir],
    trigger,
  };
  if (!(await exists(ctx.paths.config))) {
    ctx.log.warn(m.schedule.noConfigYet(ctx.paths.dir));
  }
  if (fromSource) {
    console.log(m.schedule.fromSource);
  }
  const what = `spojka ${command} ${describe(trigger)}`;
  ctx.log.detail(m.audit.schedule(what, task.name, options.install === true));
  if (!windows) {
    printUnix(task, what, ctx.paths.dir);
    return ExitCode.Ok;
  }
  if (options.install) return await install(ctx, task, what);
  console.log(m.schedule.runInCmd);
  console.log(schtasksLine(task));
  console.log(m.schedule.runsAs(what, task.name));
  console.log(m.schedule.codePage);
  if (options.serve) printTimeLimit(task.name);
  return ExitCode.Ok;
}

function triggerOf(options: ScheduleOptions): Trigger {
  const given = [options.every && "--every", options.at && "--at", options.serve && "--serve"].filter(
    Boolean,
  );
  if (given.length > 1) {
    throw new ConfigError(m.schedule.combine(given.join(m.schedule.and)), { hint: m.schedule.combineHint });
  }
  if (options.serve) return { boot: true };
  if (options.at !== undefined) return { at: parseAt(options.at) };
  return { every: options.every === undefined ? 30 : parseEvery(options.every) };
}

function describe(trigger: Trigger): string {
  if ("boot" in trigger) return m.schedule.atBoot;
  if ("at" in trigger) return m.schedule.daily(trigger.at);
  return m.schedule.every(trigger.every);
}

/**
 * The program to start: the compiled spojka itself, or under `deno run` deno with the permissions
 * and V8 flags of the compiled program (the `spojka` task of deno.json) and spojka's source.
 */
function spojkaProgram(): { program: string[]; fromSource: boolean } {
  const execPath = Deno.execPath();
  if (isCompiled(execPath)) return { program: [execPath], fromSource: false };
  const runArgs = meta.tasks.spojka.split(/\s+/).slice(1, -1); // between "deno" and "src/main.ts"
  return {
    program: [execPath, ...runArgs, fileURLToPath(new URL("../main.ts", import.meta.url))],
    fromSource: true,
  };
}

/** Creates the Windows task; schtasks writes to the console itself, in the console's code page. */
async function install(ctx: Context, task: Task, what: string): Promise<ExitCode> {
  const args = schtasksArgs(task); // a command too long for schtasks is refused before it starts
  let code: number;
  try {
    ({ code } = await new Deno.Command("schtasks", {
      args,
      stdin: "null",
      stdout: "inherit",
      stderr: "inherit",
    }).output());
  } catch (e) {
    throw new ConfigError(m.schedule.cannotStart((e as Error).message), {
      hint: m.schedule.cannotStartHint(schtasksLine(task)),
    });
  }
  if (code !== 0) {
    throw new ConfigError(m.schedule.notCreated(task.name, code), { hint: m.schedule.notCreatedHint });
  }
  ctx.log.info(m.schedule.created(task.name, what));
  if ("boot" in task.trigger) printTimeLimit(task.name);
  return ExitCode.Ok;
}

/** Task Scheduler stops a task after 72 hours unless told otherwise, and schtasks cannot tell it. */
function printTimeLimit(name: string): void {
  console.log(m.schedule.timeLimit(name));
}

function printUnix(task: Task, what: string, dir: string): void {
  const cron = crontabLine(task);
  if (cron) {
    console.log(m.schedule.cron);
    console.log(cron);
    console.log(m.schedule.cronRuns(what, dir));
  } else {
    console.log(m.schedule.noCron(describe(task.trigger)));
  }
  if (Deno.build.os !== "linux") return;
  const units = systemdUnits(task, m.schedule.dataFolder(what, dir), Deno.env.get("USER"));
  const start = "boot" in task.trigger ? `${task.name}.service` : `${task.name}.timer`;
  console.log(m.schedule.systemd(units.map((u) => u.path).join(m.schedule.and)));
  for (const unit of units) console.log(`\n# ${unit.path}\n${unit.text}`);
  console.log(m.schedule.systemdThen(start));
}
