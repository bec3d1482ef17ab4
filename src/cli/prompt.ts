/**
 * The terminal side of the `init` wizard, on @inquirer/prompts.
 *
 * @module
 */

import { checkbox, input, password, select } from "@inquirer/prompts";
import { parseYesNo } from "../config/questions.ts";
import type { Prompter } from "../config/setup.ts";

const asValidator = (check: (value: string) => string | undefined) => (value: string) => check(value) ?? true;

/** A {@linkcode Prompter} that asks in the terminal; secrets are typed hidden. */
export function terminalPrompter(): Prompter {
  return {
    text: (message, { default: preset, validate }) =>
      input({ message, default: preset, validate: asValidator(validate) }),
    secret: (message, { validate }) => password({ message, mask: "*", validate: asValidator(validate) }),
    async yesNo(message, defaultAnswer) {
      const answer = await input({
        message: `${message} (y/n, a/n)`,
        default: defaultAnswer ? "y" : "n",
        validate: (value) => parseYesNo(value) !== undefined || "Answer y or a (yes, ano) or n (no, ne).",
      });
      return parseYesNo(answer)!;
    },
    select: (message, choices, preset) =>
      select({ message, choices: choices.map((value) => ({ value })), default: preset }),
    choose: (message, choices) => checkbox({ message, choices, required: true }),
  };
}
