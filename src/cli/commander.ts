/**
 * Commander's own words in the user's language: the headings and placeholders of the help, and the
 * usage errors. Commander (15) writes its errors in English in a fixed form; each known form is said
 * again from the catalogue, and a line of any other form passes as it is.
 *
 * @module
 */

import type { HelpConfiguration, OutputConfiguration } from "@commander-js/extra-typings";
import { m } from "../i18n/mod.ts";

/** Commander's help headings, by the English title it passes to `styleTitle`. */
const TITLES: Record<string, () => string> = {
  "Usage:": () => m.commander.usage,
  "Arguments:": () => m.commander.arguments,
  "Options:": () => m.commander.options,
  "Global Options:": () => m.commander.globalOptions,
  "Commands:": () => m.commander.commands,
};

/** `text` with each placeholder (`[options]`, `<item>`, `--dir <folder>`) in the current language. */
function placeholders(text: string): string {
  return text.replace(
    /([[<])(\w+)([\]>])/g,
    (_, open, name, close) => `${open}${m.commander.placeholder[name] ?? name}${close}`,
  );
}

/** Commander's error lines, each with the message that says it in the current language. */
const ERRORS: [RegExp, (...values: string[]) => string][] = [
  [/^error: unknown option '(.*)'$/, (flag) => m.commander.unknownOption(flag)],
  [/^error: unknown command '(.*)'$/, (name) => m.commander.unknownCommand(name)],
  [
    /^error: missing required argument '(.*)'$/,
    (name) => m.commander.missingArgument(m.commander.placeholder[name] ?? name),
  ],
  [
    /^error: option '(.*)' argument missing$/,
    (flags) => m.commander.optionMissingArgument(placeholders(flags)),
  ],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+): (.*)\.$/,
    (command, expected, received, details) =>
      m.commander.tooManyArguments(command, Number(expected), Number(received), details),
  ],
  [/^\(Did you mean one of (.*)\?\)$/, (names) => m.commander.didYouMeanOneOf(names)],
  [/^\(Did you mean (.*)\?\)$/, (names) => m.commander.didYouMean(names)],
];

/** The help's headings and placeholders in the current language (for `configureHelp`). */
export function helpWords(): HelpConfiguration {
  return {
    styleTitle: (title) => TITLES[title]?.() ?? title,
    styleUsage: placeholders,
    styleSubcommandTerm: placeholders,
    styleOptionTerm: placeholders,
    styleArgumentTerm: placeholders,
  };
}

/** Usage errors in the current language (for `configureOutput`). */
export function errorWords(): OutputConfiguration {
  return { outputError: (text, write) => write(usageError(text)) };
}

/** Commander's error `text`, line by line in the current language where the line's form is known. */
export function usageError(text: string): string {
  return text.split("\n").map((line) => {
    for (const [pattern, say] of ERRORS) {
      const found = pattern.exec(line);
      if (found) return say(...found.slice(1));
    }
    return line;
  }).join("\n");
}
