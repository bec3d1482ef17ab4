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
    throw new ConfigError(
      "spojka schedule --install creates a Windows Task Scheduler task; this is not Windows.",
      {
        hint:
          "Run spojka schedule without --install and add the crontab line or the systemd units it prints.",
      },
    );
  }
  const { program, fromSource } = spojkaProgram();
  const command = options.serve ? "serve" : "sync";
  const task: Task = {
    name: options.name === undefined ? (options.serve ? "spojka-serve" : "spojka") : parseName(options.name),
    command: [...program, command, "--dir", ctx.paths.dir],
    trigger,
  };
  if (!(await exists(ctx.paths.config))) {
    ctx.log.warn(
      `There is no config.toml in ${ctx.paths.dir} yet: run spojka init before the task first runs.`,
    );
  }
  if (fromSource) {
    console.log(
      "spojka runs from source here (deno run), so the commands below start deno with spojka's permissions; " +
        "the compiled spojka puts its own path there.\n",
    );
  }
  const what = `spojka ${command} ${describe(trigger)}`;
  ctx.log.detail(`schedule: ${what}, task ${task.name}${options.install ? ", installing" : ""}`);
  if (!windows) {
    printUnix(task, what, ctx.paths.dir);
    return ExitCode.Ok;
  }
  if (options.install) return await install(ctx, task, what);
  console.log("In a Command Prompt (cmd.exe) started as an administrator, run:\n");
  console.log(schtasksLine(task));
  console.log(
    `\nIt runs ${what} as SYSTEM, whether or not anyone is logged on; /F replaces an earlier task named ` +
      `${task.name}. spojka schedule --install does the same. To remove the task: schtasks /Delete /TN ${task.name} /F`,
  );
  if (options.serve) printTimeLimit(task.name);
  return ExitCode.Ok;
}

function triggerOf(options: ScheduleOptions): Trigger {
  const given = [options.every && "--every", options.at && "--at", options.serve && "--serve"].filter(
    Boolean,
  );
  if (given.length > 1) {
    throw new ConfigError(`${given.join(" and ")} cannot be combined: choose one.`, {
      hint:
        "--every <minutes> (default 30), --at <HH:MM> once a day, or --serve to start spojka serve with the computer.",
    });
  }
  if (options.serve) return { boot: true };
  if (options.at !== undefined) return { at: parseAt(options.at) };
  return { every: options.every === undefined ? 30 : parseEvery(options.every) };
}

function describe(trigger: Trigger): string {
  if ("boot" in trigger) return "when the computer starts";
  if ("at" in trigger) return `every day at ${trigger.at}`;
  return trigger.every === 1 ? "every minute" : `every ${trigger.every} minutes`;
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
    throw new ConfigError(`schtasks could not be started: ${(e as Error).message}.`, {
      hint: `Run the command that spojka schedule prints (without --install) yourself:\n${
        schtasksLine(task)
      }`,
    });
  }
  if (code !== 0) {
    throw new ConfigError(
      `schtasks did not create the task ${task.name} (exit code ${code}; its message is above).`,
      {
        hint:
          "Start the Command Prompt as an administrator (right-click → Run as administrator) and try again.",
      },
    );
  }
  ctx.log.info(
    `Created the task ${task.name}: ${what}, as SYSTEM. To remove it: schtasks /Delete /TN ${task.name} /F`,
  );
  if ("boot" in task.trigger) printTimeLimit(task.name);
  return ExitCode.Ok;
}

/** Task Scheduler stops a task after 72 hours unless told otherwise, and schtasks cannot tell it. */
function printTimeLimit(name: string): void {
  console.log(
    "\nTask Scheduler stops a task after 72 hours unless told otherwise, and schtasks cannot change that. " +
      "For spojka serve, lift the limit once, in PowerShell started as an administrator:\n\n" +
      `Set-ScheduledTask -TaskName ${name} -Settings (New-ScheduledTaskSettingsSet -ExecutionTimeLimit 0)\n\n` +
      `or in Task Scheduler: ${name} → Properties → Settings → clear "Stop the task if it runs longer than".`,
  );
}

function printUnix(task: Task, what: string, dir: string): void {
  const cron = crontabLine(task);
  if (cron) {
    console.log("For cron (crontab -e), the line:\n");
    console.log(cron);
    console.log(
      `\nIt runs ${what}. The output goes to log.txt in ${dir}; warnings and errors also reach cron's mail.`,
    );
  } else {
    console.log(`cron cannot run a task ${describe(task.trigger)} exactly; use the systemd timer below.`);
  }
  if (Deno.build.os !== "linux") return;
  const units = systemdUnits(task, `${what} (data folder ${dir})`, Deno.env.get("USER"));
  const start = "boot" in task.trigger ? `${task.name}.service` : `${task.name}.timer`;
  console.log(`\nOr for systemd, save ${units.map((u) => u.path).join(" and ")}:`);
  for (const unit of units) console.log(`\n# ${unit.path}\n${unit.text}`);
  console.log(`\nthen: sudo systemctl daemon-reload && sudo systemctl enable --now ${start}`);
}
