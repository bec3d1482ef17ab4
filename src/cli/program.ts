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
import { m } from "../i18n/mod.ts";
import { chooseRunLanguage } from "./language.ts";
import { helpTopic } from "./help.ts";
import { errorWords, helpWords } from "./commander.ts";
import { utf8Console } from "../i18n/console.ts";

/** Parses `args`, runs the command and returns its exit code. */
export async function run(args: string[]): Promise<number> {
  // The language first: the help text of the command line is in it.
  if (!(await chooseRunLanguage(args))) return ExitCode.Usage;
  const restoreConsole = await utf8Console();
  try {
    return await runCommand(args);
  } finally {
    await restoreConsole();
  }
}

async function runCommand(args: string[]): Promise<number> {
  let code: number = ExitCode.Ok;
  const program = new Command()
    .name("spojka")
    .description(m.cli.description)
    .version(VERSION, "-V, --version", m.cli.versionOption)
    .helpOption("-h, --help", m.cli.helpOption)
    .helpCommand(false)
    .configureHelp(helpWords())
    .configureOutput(errorWords())
    .option("--dir <folder>", m.cli.dirOption)
    .option("--lang <cs|sk|en>", m.cli.langOption)
    .exitOverride()
    .showHelpAfterError(m.cli.afterError);
  const globals = (): GlobalOptions => program.opts();

  program
    .command("init")
    .description(m.cli.init)
    .option("--non-interactive", m.cli.initNonInteractive)
    .option("--from-lastrun <file>", m.cli.initFromLastrun)
    .action(async (options) => {
      code = await withContext("init", globals(), { create: true }, (ctx) => init(ctx, options));
    });

  program
    .command("sync")
    .description(m.cli.sync)
    .argument("[connector]", m.cli.syncConnector)
    .option("--dry-run", m.cli.syncDryRun)
    .option("--out <folder>", m.cli.syncOut)
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
    .description(m.cli.serve)
    .action(async () => {
      code = await withContext("serve", globals(), {}, (ctx) => serve(ctx));
    });

  program
    .command("reset")
    .description(m.cli.reset)
    .option("--cursor", m.cli.resetCursor)
    .option("--to <when>", m.cli.resetTo)
    .option("--all", m.cli.resetAll)
    .option("--new-state", m.cli.resetNewState)
    .option("--yes", m.cli.yes)
    .action(async (options) => {
      code = await withContext(`reset`, globals(), {}, (ctx) => reset(ctx, options));
    });

  program
    .command("schedule")
    .description(m.cli.schedule)
    .option("--every <minutes>", m.cli.scheduleEvery)
    .option("--at <HH:MM>", m.cli.scheduleAt)
    .option("--serve", m.cli.scheduleServe)
    .option("--name <task>", m.cli.scheduleName)
    .option("--install", m.cli.scheduleInstall)
    .action(async (options) => {
      code = await withContext("schedule", globals(), {}, (ctx) => schedule(ctx, options));
    });

  program
    .command("status")
    .description(m.cli.status)
    .option("--json", m.cli.statusJson)
    .option("--items", m.cli.statusItems)
    .option("--verbose", m.cli.statusVerbose)
    .action(async (options) => {
      code = await withContext("status", globals(), { echo: !options.json }, (ctx) => status(ctx, options));
    });

  program
    .command("verify")
    .description(m.cli.verify)
    .option("--since <date>", m.cli.verifySince)
    .option("--json", m.cli.json)
    .action(async (options) => {
      code = await withContext("verify", globals(), { echo: !options.json }, (ctx) => verify(ctx, options));
    });

  const outbox = program
    .command("outbox")
    .description(m.cli.outbox)
    .helpCommand("help [command]", m.commander.helpCommand);
  outbox
    .command("list", { isDefault: true })
    .description(m.cli.outboxList)
    .option("--failed", m.cli.outboxFailed)
    .option("--all", m.cli.outboxAll)
    .option("--json", m.cli.json)
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
    .description(m.cli.outboxShow)
    .argument("<item>", m.cli.outboxItem)
    .option("--json", m.cli.json)
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
    .description(m.cli.outboxRetry)
    .argument("[item]", m.cli.outboxItem)
    .option("--failed", m.cli.outboxRetryFailed)
    .action(async (item, options) => {
      code = await withContext("outbox retry", globals(), {}, (ctx) => outboxRetry(ctx, item, options));
    });
  outbox
    .command("drop")
    .description(m.cli.outboxDrop)
    .argument("<item>", m.cli.outboxItem)
    .option("--yes", m.cli.yes)
    .action(async (item, options) => {
      code = await withContext("outbox drop", globals(), {}, (ctx) => outboxDrop(ctx, item, options));
    });

  program
    .command("help")
    .description(m.cli.help)
    .argument("[topic]", m.cli.helpTopic)
    .action((topic) => {
      code = helpTopic(program, topic);
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
