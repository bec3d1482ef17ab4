/**
 * What `spojka init` asks, in one table that serves both the interactive wizard and
 * `init --non-interactive` (where each answer comes from a `SPOJKA_*` environment variable).
 *
 * @module
 */

import { z } from "zod";
import { m } from "../i18n/mod.ts";
import { issueWords } from "./issues.ts";
import { ALERTS_SECRETS, alertsSchema, SMTP_PORTS } from "./schema.ts";
import { type ConfigSection, questionsOf, secretQuestion } from "./section.ts";

/** The answers so far, by section and key. */
export type Answers = Record<string, Record<string, unknown>>;

/** One value `init` asks for. */
export interface Question {
  /** Config section and key, e.g. `pohoda` and `ico`. */
  section: string;
  key: string;
  /** What the wizard shows, in the current language; may depend on earlier answers (the shop's platform). */
  label: (answers: Answers) => string;
  /** The variable `init --non-interactive` reads it from. */
  env: string;
  /** Hidden input; stored encrypted. */
  secret?: boolean;
  /** May be left empty; the wizard clears it when the answer is {@linkcode CLEAR}. */
  optional?: boolean;
  /** Brings an answer to the form it is stored in (an IČO typed with spaces), before it is checked. */
  normalise?: (value: string) => string;
  /** Offered in the wizard, and used when the variable is unset; may depend on earlier answers. */
  default?: string | ((answers: Answers) => string | undefined);
  /** The allowed answers, offered as a list in the wizard. */
  choices?: readonly string[];
  /** Asked only when this holds for the earlier answers (a Shoptet token only for Shoptet). */
  when?: (answers: Answers) => boolean;
  /** Checks the answer; secrets are checked as plain text before encryption. */
  schema: z.ZodType;
  /** A check that needs the earlier answers; returns the problem, if any. */
  check?: (value: string, answers: Answers) => string | undefined;
  /** A doubt worth telling the user, without refusing the answer. */
  warn?: (value: string) => string | undefined;
}

/** A part of the config `init` can set up, with its questions in the order they are asked. */
export interface ConnectorSetup {
  /** A connector's id, or `alerts`, which tell of the connectors' problems. */
  id: string;
  /** What the wizard offers, in the current language. */
  readonly title: string;
  questions: Question[];
  /** Not offered ticked on a first setup: an addition to the connectors, not one of them. */
  extra?: boolean;
  /** Its sections, which may fill in what `init` generates itself. */
  sections?: readonly ConfigSection[];
}

const alerts = alertsSchema.shape;
const byEmail = (answers: Answers) => Boolean(answers.alerts?.email_to);

/** Alerts, offered after the connectors. */
export const ALERTS_SETUP: ConnectorSetup = {
  id: "alerts",
  get title() {
    return m.wizard.setupAlerts;
  },
  extra: true,
  questions: questionsOf({
    name: "alerts",
    schema: alertsSchema,
    questions: [
      {
        key: "email_to",
        label: () => m.wizard.ask.alertsEmailTo,
        env: "SPOJKA_ALERT_EMAIL_TO",
        optional: true,
      },
      {
        key: "email_from",
        label: () => m.wizard.ask.alertsEmailFrom,
        env: "SPOJKA_ALERT_EMAIL_FROM",
        when: byEmail,
      },
      {
        key: "smtp_host",
        label: () => m.wizard.ask.smtpHost,
        env: "SPOJKA_SMTP_HOST",
        when: byEmail,
      },
      {
        key: "smtp_security",
        label: () => m.wizard.ask.smtpSecurity,
        env: "SPOJKA_SMTP_SECURITY",
        when: byEmail,
        choices: alerts.smtp_security.unwrap().options,
        default: "starttls",
      },
      {
        key: "smtp_port",
        label: () => m.wizard.ask.smtpPort,
        env: "SPOJKA_SMTP_PORT",
        when: byEmail,
        default: (answers) =>
          String(SMTP_PORTS[(answers.alerts?.smtp_security as keyof typeof SMTP_PORTS) ?? "starttls"]),
      },
      {
        key: "smtp_user",
        label: () => m.wizard.ask.smtpUser,
        env: "SPOJKA_SMTP_USER",
        when: byEmail,
        optional: true,
        schema: z.string().trim(),
      },
      secretQuestion("smtp_password", ALERTS_SECRETS.smtp_password, {
        when: (answers) => byEmail(answers) && Boolean(answers.alerts?.smtp_user),
      }),
      secretQuestion("webhook_url", ALERTS_SECRETS.webhook_url),
      secretQuestion("webhook_secret", ALERTS_SECRETS.webhook_secret, {
        when: (answers) => Boolean(answers.alerts?.webhook_url),
      }),
    ],
  }),
};

/** Whether `config` holds every section `setup` asks about. */
export function isSetUp(config: object | null, setup: ConnectorSetup): boolean {
  const sections = new Set(setup.questions.map((q) => q.section));
  return [...sections].every((section) =>
    (config as Record<string, unknown> | null)?.[section] !== undefined
  );
}

/** The question's default for these answers. */
export function defaultOf(question: Question, answers: Answers): string | undefined {
  return typeof question.default === "function" ? question.default(answers) : question.default;
}

/** The answer that clears an optional value, as the wizard's prompt says. */
export const CLEAR = "-";

/** Whether `value` leaves `question` unset: an empty or clearing answer to an optional question. */
export function isCleared(question: Question, value: string): boolean {
  return question.optional === true && (value === "" || value === CLEAR);
}

/** The answer as it is stored: trimmed, and normalised as the question says. */
export function normaliseAnswer(question: Question, value: string): string {
  const trimmed = value.trim();
  return question.normalise ? question.normalise(trimmed) : trimmed;
}

/** The first problem with `value` (normalised) as an answer to `question`, or `undefined` if it is fine. */
export function checkAnswer(question: Question, value: string, answers: Answers): string | undefined {
  if (isCleared(question, value)) return undefined;
  const result = question.schema.safeParse(value, { error: issueWords });
  if (!result.success) return result.error.issues[0].message;
  return question.check?.(value, answers);
}

/** y/yes/a/ano/áno → true, n/no/ne/nie → false, anything else → undefined. */
export function parseYesNo(answer: string): boolean | undefined {
  const a = answer.trim().toLowerCase();
  if (["y", "yes", "a", "ano", "áno"].includes(a)) return true;
  if (["n", "no", "ne", "nie"].includes(a)) return false;
  return undefined;
}
