/**
 * The command line: subcommands, options and help text. Each action only hands over to its
 * command module.
 *
 * @module
 */

import { Command, CommanderError } from "@commander-js/extra-typings";
import { ExitCode } from "../core/errors.ts";
import { type GlobalOptions, withContext } from "./context.ts";
import { init } from "./init.ts";
import { outboxDrop, outboxList, outboxRetry, outboxShow } from "./outbox.ts";
import { reset } from "./reset.ts";
import { schedule } from "./schedule.ts";
import { serve } from "./serve.ts";
import { status } from "./status.ts";
import { sync } from "./sync.ts";
import { verify } from "./verify.ts";
import { VERSION } from "../version.ts";

/** Parses `args`, runs the command and returns its exit code. */
export async function run(args: string[]): Promise<number> {
  let code: number = ExitCode.Ok;
  const program = new Command()
    .name("spojka")
    .description("Moves data between FLOWii, KROS, e-shops and POHODA. Exit codes: see README.md.")
    .version(VERSION)
    .option("--dir <folder>", "data folder (default: the program's folder; SPOJKA_HOME overrides)")
    .exitOverride()
    .showHelpAfterError("(spojka --help lists the commands)");
  const globals = (): GlobalOptions => program.opts();

  program
    .command("init")
    .description("set up the connectors: asks for accounts and passwords, stores them encrypted")
    .option("--non-interactive", "take every value from SPOJKA_* environment variables")
    .option(
      "--from-lastrun <file>",
      "start both FLOWii streams where the vendor's connector stopped (its lastrun.txt)",
    )
    .action(async (options) => {
      code = await withContext("init", globals(), { create: true }, (ctx) => init(ctx, options));
    });

  program
    .command("sync")
    .description("run the configured connectors once (or only the one named: flowii, stock)")
    .argument("[connector]", "run only this connector")
    .option(
      "--dry-run",
      "fetch and transform, write the packs that would be posted to a folder, post nothing",
    )
    .option("--out <folder>", "where --dry-run writes the packs (default: dry-run-<time> in the data folder)")
    .action(async (connector, options) => {
      code = await withContext(
        "sync",
        globals(),
        {},
        (ctx) => sync(ctx, connector, { dryRun: options.dryRun, outDir: options.out }),
      );
    });

  program
    .command("serve")
    .description("keep running: sync on each connector's interval and on KROS notifications; GET /healthz")
    .action(async () => {
      code = await withContext("serve", globals(), {}, (ctx) => serve(ctx));
    });

  program
    .command("reset")
    .description("--cursor: fetch everything again on the next sync; --all: remove config, key and state")
    .option("--cursor", "forget where each stream continues")
    .option("--to <when>", "with --cursor: continue FLOWii from this date (2026-01-31) or UNIX time")
    .option("--all", "remove config.toml, spojka.key and state.json (logs and downloads stay)")
    .option("--new-state", "start with an empty state where state.db is missing (spojka will not on its own)")
    .option("--yes", "do not ask for confirmation")
    .action(async (options) => {
      code = await withContext(`reset`, globals(), {}, (ctx) => reset(ctx, options));
    });

  program
    .command("schedule")
    .description("print the Task Scheduler command (cron and systemd on Linux) that runs spojka regularly")
    .option("--every <minutes>", "run sync every this many minutes (default 30)")
    .option("--at <HH:MM>", "run sync once a day at this time instead")
    .option("--serve", "start spojka serve when the computer starts instead")
    .option("--name <task>", "the task's name (default spojka, or spojka-serve)")
    .option("--install", "Windows: create the task now (as an administrator)")
    .action(async (options) => {
      code = await withContext("schedule", globals(), {}, (ctx) => schedule(ctx, options));
    });

  program
    .command("status")
    .description("show the configuration, cursors, last runs and waiting items")
    .option("--json", "print JSON for scripts (every item of the last runs that needs attention)")
    .option("--items", "list every item of the last runs that needs attention, not just the first 20")
    .action(async (options) => {
      code = await withContext("status", globals(), { echo: !options.json }, (ctx) => status(ctx, options));
    });

  program
    .command("verify")
    .description(
      "check that POHODA holds everything spojka confirmed, once, with the same number, partner and total",
    )
    .option(
      "--since <date>",
      "only documents confirmed since this day (YYYY-MM-DD); partners are always checked",
    )
    .option("--json", "print JSON for scripts")
    .action(async (options) => {
      code = await withContext("verify", globals(), { echo: !options.json }, (ctx) => verify(ctx, options));
    });

  const outbox = program
    .command("outbox")
    .description("what waits for its target: list it, show, retry or drop an item (list is the default)");
  outbox
    .command("list", { isDefault: true })
    .description("waiting and failed items: counts per agenda, then the first 20, failed first")
    .option("--failed", "only the items the target refused")
    .option("--all", "every item, not only the first 20")
    .option("--json", "print JSON for scripts")
    .action(async (options) => {
      code = await withContext(
        "outbox list",
        globals(),
        { echo: !options.json },
        (ctx) => outboxList(ctx, options),
      );
    });
  outbox
    .command("show")
    .description("one item: its fields, the target's reason and its XML")
    .argument("<item>", "its document number, key, item id, or a part of its label")
    .option("--json", "print JSON for scripts")
    .action(async (item, options) => {
      code = await withContext(
        "outbox show",
        globals(),
        { echo: !options.json },
        (ctx) => outboxShow(ctx, item, options),
      );
    });
  outbox
    .command("retry")
    .description("send an item (or every failed one) to POHODA now; exit codes as for sync")
    .argument("[item]", "its document number, key, item id, or a part of its label")
    .option("--failed", "every failed item")
    .action(async (item, options) => {
      code = await withContext("outbox retry", globals(), {}, (ctx) => outboxRetry(ctx, item, options));
    });
  outbox
    .command("drop")
    .description("remove an item after a confirmation; it is not imported unless its source exports it again")
    .argument("<item>", "its document number, key, item id, or a part of its label")
    .option("--yes", "do not ask for confirmation")
    .action(async (item, options) => {
      code = await withContext("outbox drop", globals(), {}, (ctx) => outboxDrop(ctx, item, options));
    });

  try {
    await program.parseAsync(args, { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    const informational = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(e.code);
    return informational ? ExitCode.Ok : ExitCode.Usage;
  }
  return code;
}
