/**
 * The terminal side of the `init` wizard, on @inquirer/prompts.
 *
 * @module
 */

import { parseYesNo } from "../config/questions.ts";
import type { Prompter } from "../config/setup.ts";
import { m } from "../i18n/mod.ts";

const asValidator = (check: (value: string) => string | undefined) => (value: string) => check(value) ?? true;

// Loaded when a question is asked, not on every start (scheduled runs never ask): it costs memory and time.
const prompts = () => import("@inquirer/prompts");

/** A {@linkcode Prompter} that asks in the terminal; secrets are typed hidden. */
export function terminalPrompter(): Prompter {
  return {
    text: async (message, { default: preset, validate }) =>
      (await prompts()).input({ message, default: preset, validate: asValidator(validate) }),
    secret: async (message, { validate }) =>
      (await prompts()).password({ message, mask: "*", validate: asValidator(validate) }),
    async yesNo(message, defaultAnswer) {
      const answer = await (await prompts()).input({
        message: `${message} ${m.wizard.yesNo}`,
        default: m.wizard.yesNoDefault(defaultAnswer),
        validate: (value) => parseYesNo(value) !== undefined || m.wizard.answerYesNo,
      });
      return parseYesNo(answer)!;
    },
    select: async (message, choices, preset) =>
      (await prompts()).select({ message, choices: choices.map((value) => ({ value })), default: preset }),
    choose: async (message, choices) => (await prompts()).checkbox({ message, choices, required: true }),
  };
}
