/**
 * `spojka help [topic]`: a command's help, the documented config (config.example.toml, built into
 * the program, since the POHODA PC has only spojka.exe), or the exit codes.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import example from "../../config.example.toml" with { type: "text" };
import { ExitCode } from "../core/errors.ts";
import { m } from "../i18n/mod.ts";

/** Prints the help on `topic` (the program's help without one); returns the exit code. */
// deno-lint-ignore no-explicit-any
export function helpTopic(program: Command<any, any, any>, topic: string | undefined): ExitCode {
  if (topic === undefined) {
    program.outputHelp();
    return ExitCode.Ok;
  }
  if (topic === "config") {
    console.log(example.trimEnd());
    return ExitCode.Ok;
  }
  if (topic === "exit-codes") {
    console.log(exitCodes());
    return ExitCode.Ok;
  }
  const command = program.commands.find((c) => c.name() === topic);
  if (command) {
    command.outputHelp();
    return ExitCode.Ok;
  }
  console.error(m.cli.unknownTopic(topic));
  console.error(m.cli.unknownTopicHint);
  return ExitCode.Usage;
}

/** Every exit code with what it means. */
export function exitCodes(): string {
  const codes = Object.values(ExitCode);
  return [
    m.cli.exitCodesTitle,
    "",
    ...codes.map((code) => `  ${String(code).padStart(2)}  ${m.exitCode[code]}`),
  ]
    .join("\n");
}
