/**
 * What runs spojka regularly, as text to copy: the Windows Task Scheduler command (`schtasks
 * /Create`), a crontab line, systemd units. Pure: the caller supplies the command line.
 *
 * @module
 */

import { ConfigError } from "./errors.ts";
import { m } from "../i18n/mod.ts";

/** When the task runs: every few minutes, daily at a time of day, or when the computer starts. */
export type Trigger = { every: number } | { at: string } | { boot: true };

/** A task to schedule. */
export interface Task {
  /** Task Scheduler task name, systemd unit name. */
  name: string;
  /** The whole command: the program, then its arguments. */
  command: string[];
  trigger: Trigger;
}

/** schtasks refuses a longer /TR ("Value for '/TR' option cannot be more than 261 character(s)"). */
export const TR_MAX = 261;

/** The schedule type MINUTE takes 1 to 1439 minutes. */
const MAX_EVERY = 1439;

/** A task name every scheduler takes without quoting. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `--every`: whole minutes from 1 to 1439. */
export function parseEvery(text: string): number {
  const minutes = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (minutes >= 1 && minutes <= MAX_EVERY) return minutes;
  throw new ConfigError(m.schedule.badEvery(text, MAX_EVERY), { hint: m.schedule.badEveryHint });
}

/** `--at`: a time of day, `H:MM` or `HH:MM` (24-hour), as `HH:MM`. */
export function parseAt(text: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (match && Number(match[1]) < 24 && Number(match[2]) < 60) {
    return `${match[1].padStart(2, "0")}:${match[2]}`;
  }
  throw new ConfigError(m.schedule.badAt(text), { hint: m.schedule.badAtHint });
}

/** A task name: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export function parseName(text: string): string {
  if (NAME.test(text)) return text;
  throw new ConfigError(m.schedule.badName(text), { hint: m.schedule.badNameHint });
}

/**
 * One argument as Windows programs read their command line (the C runtime's rules, which schtasks
 * and spojka both follow): quoted when it holds a space, a tab or a quote, with a quote escaped as
 * `\"` and the backslashes before a quote, or before the closing quote, doubled.
 */
export function windowsArg(arg: string): string {
  if (arg !== "" && !/[\s"]/.test(arg)) return arg;
  const escaped = arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, "$1$1");
  return `"${escaped}"`;
}

/** A Windows command line of `args`. */
export function windowsCommandLine(args: string[]): string {
  return args.map(windowsArg).join(" ");
}

/**
 * The arguments of `schtasks /Create` for `task`, run as SYSTEM (whether or not anyone is logged
 * on), replacing a task of the same name. Refuses a command longer than schtasks takes.
 */
export function schtasksArgs(task: Task): string[] {
  const run = windowsCommandLine(task.command);
  if (run.length > TR_MAX) {
    throw new ConfigError(m.schedule.tooLong(run.length, TR_MAX, run), { hint: m.schedule.tooLongHint });
  }
  const when = "every" in task.trigger
    ? ["/SC", "MINUTE", "/MO", String(task.trigger.every)]
    : "at" in task.trigger
    ? ["/SC", "DAILY", "/ST", task.trigger.at]
    : ["/SC", "ONSTART"];
  return ["/Create", "/TN", task.name, ...when, "/RU", "SYSTEM", "/TR", run, "/F"];
}

/**
 * `schtasks /Create …` to paste into a Command Prompt (cmd.exe). cmd.exe knows no `\"`: it toggles
 * quoting at every quote, so `& | < > ^` that end up outside its quotes get a caret.
 */
export function schtasksLine(task: Task): string {
  const line = windowsCommandLine(["schtasks", ...schtasksArgs(task)]);
  let quoted = false;
  let out = "";
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    out += !quoted && "&|<>^".includes(char) ? `^${char}` : char;
  }
  return out;
}

/** One argument for a POSIX shell (cron runs its lines with /bin/sh). */
export function shellArg(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * The crontab line for `task`, or `undefined` when cron cannot run at that interval exactly (every
 * N minutes works when N divides an hour, or N hours divides a day). stdout is discarded, since
 * log.txt has it all; what spojka writes to stderr (warnings, errors) reaches cron's mail.
 */
export function crontabLine(task: Task): string | undefined {
  const command = task.command.map(shellArg).join(" ").replaceAll("%", "\\%"); // cron turns % into a newline
  const trigger = task.trigger;
  let when: string | undefined;
  if ("boot" in trigger) when = "@reboot";
  else if ("at" in trigger) {
    const [hours, minutes] = trigger.at.split(":").map(Number);
    when = `${minutes} ${hours} * * *`;
  } else if (trigger.every < 60 && 60 % trigger.every === 0) {
    when = `${trigger.every === 1 ? "*" : `*/${trigger.every}`} * * * *`;
  } else if (trigger.every % 60 === 0 && 24 % (trigger.every / 60) === 0) {
    when = `0 ${trigger.every === 60 ? "*" : `*/${trigger.every / 60}`} * * *`;
  }
  return when && `${when} ${command} >/dev/null`;
}

/** One argument of a systemd `ExecStart=`: quoted when needed; `%` and `$` are systemd's own. */
function systemdArg(arg: string): string {
  const escaped = arg.replaceAll("%", "%%").replaceAll("$", "$$$$");
  return /^[^\s"'\\]+$/.test(escaped) ? escaped : `"${escaped.replace(/["\\]/g, "\\$&")}"`;
}

/** A systemd unit file: its path and content. */
export interface UnitFile {
  path: string;
  text: string;
}

/**
 * System units for `task`, run as `user` when given: a oneshot service with a timer for sync, or a
 * service started at boot (and again after a failure) for serve.
 */
export function systemdUnits(task: Task, description: string, user?: string): UnitFile[] {
  const boot = "boot" in task.trigger;
  const unit = ["[Unit]", `Description=${description.replaceAll("%", "%%")}`];
  const service = [
    ...unit,
    "Wants=network-online.target",
    "After=network-online.target",
    "",
    "[Service]",
    ...(boot ? [] : ["Type=oneshot"]),
    ...(user ? [`User=${user}`] : []),
    `ExecStart=${task.command.map(systemdArg).join(" ")}`,
    ...(boot ? ["Restart=on-failure", "RestartSec=60", "", "[Install]", "WantedBy=multi-user.target"] : []),
  ];
  const units = [{ path: `/etc/systemd/system/${task.name}.service`, text: service.join("\n") }];
  const { trigger } = task;
  if ("boot" in trigger) return units;
  const timing = "every" in trigger
    // The first run a minute after the timer starts (at boot too), then every N minutes after the last.
    ? ["OnActiveSec=1min", `OnUnitActiveSec=${trigger.every}min`]
    // A run missed while the computer was off follows when it is on again.
    : [`OnCalendar=*-*-* ${trigger.at}:00`, "Persistent=true"];
  const timer = [
    ...unit,
    "",
    "[Timer]",
    ...timing,
    "",
    "[Install]",
    "WantedBy=timers.target",
  ];
  units.push({ path: `/etc/systemd/system/${task.name}.timer`, text: timer.join("\n") });
  return units;
}
