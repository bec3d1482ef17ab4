/**
 * What `spojka init` asks, in one table that serves both the interactive wizard and
 * `init --non-interactive` (where each answer comes from a `SPOJKA_*` environment variable).
 *
 * @module
 */

import { z } from "zod";
import { hasValidCheckDigit } from "./ico.ts";
import {
  alertsSchema,
  type ConnectorId,
  eshopSchema,
  flowiiSchema,
  KROS_URL,
  krosSchema,
  pohodaSchema,
  SHOPTET_URL,
  SMTP_PORTS,
  stockSchema,
  webhookUrl,
  wooUrlProblem,
} from "./schema.ts";

/** The answers so far, by section and key. */
export type Answers = Record<string, Record<string, unknown>>;

/** One value `init` asks for. */
export interface Question {
  /** Config section and key, e.g. `pohoda` and `ico`. */
  section: string;
  key: string;
  /** What the wizard shows. */
  label: string;
  /** The variable `init --non-interactive` reads it from. */
  env: string;
  /** Hidden input; stored encrypted. */
  secret?: boolean;
  /** May be left empty. */
  optional?: boolean;
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

/** A connector `init` can set up, or `alerts`, which tell of the connectors' problems. */
export type SetupId = ConnectorId | "alerts";

/** A part of the config `init` can set up, with its questions in the order they are asked. */
export interface ConnectorSetup {
  id: SetupId;
  title: string;
  questions: Question[];
  /** Not offered ticked on a first setup: an addition to the connectors, not one of them. */
  extra?: boolean;
}

const secretText = z.string().min(1, { error: "must not be empty" });
const platform = (answers: Answers) => answers.eshop?.platform;
const alerts = alertsSchema.shape;
const byEmail = (answers: Answers) => Boolean(answers.alerts?.email_to);
const byFiles = (answers: Answers) => answers.pohoda?.transport === "xml-folder";

/** Connectors in the order the wizard offers them. */
export const SETUPS: readonly ConnectorSetup[] = [
  {
    id: "flowii",
    title: "FLOWii → POHODA (address book and issued documents)",
    questions: [
      {
        section: "flowii",
        key: "base_url",
        label: "FLOWii API URL",
        env: "SPOJKA_FLOWII_URL",
        default: flowiiSchema.shape.base_url.parse(undefined),
        schema: flowiiSchema.shape.base_url,
      },
      {
        section: "flowii",
        key: "user",
        label: "FLOWii user (login e-mail)",
        env: "SPOJKA_FLOWII_USER",
        schema: flowiiSchema.shape.user,
      },
      {
        section: "flowii",
        key: "password",
        label: "FLOWii password",
        env: "SPOJKA_FLOWII_PASSWORD",
        secret: true,
        schema: secretText,
      },
      {
        section: "flowii",
        key: "api_key",
        label: "FLOWii API key (Nastavenia → Rozšírenia → API)",
        env: "SPOJKA_FLOWII_API_KEY",
        secret: true,
        schema: secretText,
      },
      {
        section: "flowii",
        key: "company_id",
        label: "FLOWii company id (only if the account has several companies)",
        env: "SPOJKA_FLOWII_COMPANY",
        optional: true,
        schema: z.string().trim(),
      },
      {
        section: "pohoda",
        key: "transport",
        label: "How spojka reaches POHODA (mserver: POHODA mServer; xml-folder: files for Pohoda.exe /XML, " +
          "without mServer)",
        env: "SPOJKA_POHODA_TRANSPORT",
        choices: pohodaSchema.shape.transport.unwrap().options,
        default: "mserver",
        schema: pohodaSchema.shape.transport,
      },
      {
        section: "pohoda",
        key: "url",
        label: "POHODA mServer URL",
        env: "SPOJKA_POHODA_URL",
        default: pohodaSchema.shape.url.parse(undefined),
        when: (answers) => !byFiles(answers),
        schema: pohodaSchema.shape.url,
      },
      {
        section: "pohoda",
        key: "exe",
        label:
          "Pohoda.exe for spojka to start, e.g. C:\\Program Files (x86)\\STORMWARE\\POHODA\\Pohoda.exe " +
          "(Enter if you run POHODA on the files yourself)",
        env: "SPOJKA_POHODA_EXE",
        optional: true,
        when: byFiles,
        schema: pohodaSchema.shape.exe.unwrap(),
      },
      {
        section: "pohoda",
        key: "input_dir",
        label: "Folder for the packs POHODA imports (Enter for pohoda-xml/in in the data folder)",
        env: "SPOJKA_POHODA_INPUT_DIR",
        optional: true,
        when: byFiles,
        schema: pohodaSchema.shape.input_dir.unwrap(),
      },
      {
        section: "pohoda",
        key: "response_dir",
        label: "Folder for POHODA's answers (Enter for pohoda-xml/out in the data folder)",
        env: "SPOJKA_POHODA_RESPONSE_DIR",
        optional: true,
        when: byFiles,
        schema: pohodaSchema.shape.response_dir.unwrap(),
      },
      {
        section: "pohoda",
        key: "database",
        label: "POHODA database of the accounting unit (Enter for StwPh_<IČO>_<the current year>)",
        env: "SPOJKA_POHODA_DATABASE",
        optional: true,
        when: byFiles,
        schema: pohodaSchema.shape.database.unwrap(),
      },
      {
        section: "pohoda",
        key: "user",
        label: "POHODA user (with the right to import XML)",
        env: "SPOJKA_POHODA_USER",
        schema: pohodaSchema.shape.user,
      },
      {
        section: "pohoda",
        key: "password",
        label: "POHODA password",
        env: "SPOJKA_POHODA_PASSWORD",
        secret: true,
        schema: secretText,
      },
      {
        section: "pohoda",
        key: "ico",
        label: "IČO of the accounting unit",
        env: "SPOJKA_POHODA_ICO",
        schema: pohodaSchema.shape.ico,
        warn: (ico) =>
          hasValidCheckDigit(ico)
            ? undefined
            : `IČO ${ico} fails the mod-11 check digit test; please check it.`,
      },
    ],
  },
  {
    id: "stock",
    title: "KROS → e-shop stock (Shoptet, WooCommerce)",
    questions: [
      {
        section: "kros",
        key: "base_url",
        label: "KROS API URL",
        env: "SPOJKA_KROS_URL",
        default: KROS_URL,
        schema: krosSchema.shape.base_url,
      },
      {
        section: "kros",
        key: "token",
        label: "KROS API token (Nastavenia → API prepojenia → Vygenerovať token)",
        env: "SPOJKA_KROS_TOKEN",
        secret: true,
        schema: secretText,
      },
      {
        section: "eshop",
        key: "platform",
        label: "E-shop platform",
        env: "SPOJKA_ESHOP_PLATFORM",
        choices: eshopSchema.shape.platform.options,
        schema: eshopSchema.shape.platform,
      },
      {
        section: "eshop",
        key: "url",
        label: "E-shop address (WooCommerce: https://your-shop; Shoptet: its API address)",
        env: "SPOJKA_ESHOP_URL",
        default: (answers) => platform(answers) === "shoptet" ? SHOPTET_URL : undefined,
        schema: eshopSchema.shape.url,
        check: (url, answers) => platform(answers) === "woocommerce" ? wooUrlProblem(url) : undefined,
      },
      {
        section: "eshop",
        key: "shoptet_token",
        label: "Shoptet private API token",
        env: "SPOJKA_SHOPTET_TOKEN",
        secret: true,
        when: (answers) => platform(answers) === "shoptet",
        schema: secretText,
      },
      {
        section: "eshop",
        key: "woo_key",
        label: "WooCommerce consumer key (ck_…)",
        env: "SPOJKA_WOO_KEY",
        secret: true,
        when: (answers) => platform(answers) === "woocommerce",
        schema: secretText,
      },
      {
        section: "eshop",
        key: "woo_secret",
        label: "WooCommerce consumer secret (cs_…)",
        env: "SPOJKA_WOO_SECRET",
        secret: true,
        when: (answers) => platform(answers) === "woocommerce",
        schema: secretText,
      },
      {
        section: "stock",
        key: "match_by",
        label: "Match KROS items to shop products by",
        env: "SPOJKA_STOCK_MATCH",
        choices: stockSchema.shape.match_by.unwrap().options,
        default: "code",
        schema: stockSchema.shape.match_by,
      },
      {
        section: "stock",
        key: "quantity",
        label: "Shop stock across KROS warehouses (max: what one warehouse can ship; sum: all together)",
        env: "SPOJKA_STOCK_QUANTITY",
        choices: stockSchema.shape.quantity.unwrap().options,
        default: "max",
        schema: stockSchema.shape.quantity,
      },
      {
        section: "stock",
        key: "warehouse",
        label: "Only this KROS warehouse (its code; Enter for all warehouses)",
        env: "SPOJKA_STOCK_WAREHOUSE",
        optional: true,
        schema: z.string().trim(),
      },
    ],
  },
  {
    id: "alerts",
    title: "Alerts by e-mail or webhook when a run fails or items are rejected",
    extra: true,
    questions: [
      {
        section: "alerts",
        key: "email_to",
        label: "Send alerts by e-mail to (addresses separated by commas; Enter for none)",
        env: "SPOJKA_ALERT_EMAIL_TO",
        optional: true,
        schema: alerts.email_to,
      },
      {
        section: "alerts",
        key: "email_from",
        label: "Sender address of the alerts",
        env: "SPOJKA_ALERT_EMAIL_FROM",
        when: byEmail,
        schema: alerts.email_from.unwrap(),
      },
      {
        section: "alerts",
        key: "smtp_host",
        label: "SMTP server (e.g. smtp.firma.cz)",
        env: "SPOJKA_SMTP_HOST",
        when: byEmail,
        schema: alerts.smtp_host.unwrap(),
      },
      {
        section: "alerts",
        key: "smtp_security",
        label: "SMTP encryption (starttls: port 587; tls: port 465; none: only on this machine)",
        env: "SPOJKA_SMTP_SECURITY",
        when: byEmail,
        choices: alerts.smtp_security.unwrap().options,
        default: "starttls",
        schema: alerts.smtp_security,
      },
      {
        section: "alerts",
        key: "smtp_port",
        label: "SMTP port",
        env: "SPOJKA_SMTP_PORT",
        when: byEmail,
        default: (answers) =>
          String(SMTP_PORTS[(answers.alerts?.smtp_security as keyof typeof SMTP_PORTS) ?? "starttls"]),
        schema: alerts.smtp_port.unwrap(),
      },
      {
        section: "alerts",
        key: "smtp_user",
        label: "SMTP user (Enter if the server needs no sign-in)",
        env: "SPOJKA_SMTP_USER",
        when: byEmail,
        optional: true,
        schema: z.string().trim(),
      },
      {
        section: "alerts",
        key: "smtp_password",
        label: "SMTP password",
        env: "SPOJKA_SMTP_PASSWORD",
        secret: true,
        when: (answers) => byEmail(answers) && Boolean(answers.alerts?.smtp_user),
        schema: secretText,
      },
      {
        section: "alerts",
        key: "webhook_url",
        label:
          "Webhook URL to POST alerts to as JSON (hidden: a chat webhook's URL is its password; Enter for none)",
        env: "SPOJKA_ALERT_WEBHOOK_URL",
        secret: true,
        optional: true,
        schema: webhookUrl,
      },
      {
        section: "alerts",
        key: "webhook_secret",
        label: "Webhook secret to sign each alert with (Enter for none)",
        env: "SPOJKA_ALERT_WEBHOOK_SECRET",
        secret: true,
        optional: true,
        when: (answers) => Boolean(answers.alerts?.webhook_url),
        schema: secretText,
      },
    ],
  },
];

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

/** The first problem with `value` as an answer to `question`, or `undefined` if it is fine. */
export function checkAnswer(question: Question, value: string, answers: Answers): string | undefined {
  if (value === "" && question.optional) return undefined;
  const result = question.schema.safeParse(value);
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
