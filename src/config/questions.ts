/**
 * What `spojka init` asks, in one table that serves both the interactive wizard and
 * `init --non-interactive` (where each answer comes from a `SPOJKA_*` environment variable).
 *
 * @module
 */

import { z } from "zod";
import { hasValidCheckDigit } from "./ico.ts";
import { flowiiSchema, pohodaSchema } from "./schema.ts";

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
  /** Offered in the wizard, and used when the variable is unset. */
  default?: string;
  /** Checks the answer; secrets are checked as plain text before encryption. */
  schema: z.ZodType;
  /** A doubt worth telling the user, without refusing the answer. */
  warn?: (value: string) => string | undefined;
}

/** A connector `init` can set up, with its questions in the order they are asked. */
export interface ConnectorSetup {
  id: string;
  title: string;
  /** The config sections it owns; a connector is configured when all of them are present. */
  sections: string[];
  questions: Question[];
}

const secretText = z.string().min(1, { error: "must not be empty" });

/** Connectors in the order the wizard offers them. */
export const CONNECTORS: readonly ConnectorSetup[] = [
  {
    id: "flowii",
    title: "FLOWii → POHODA (address book and issued documents)",
    sections: ["flowii", "pohoda"],
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
        key: "url",
        label: "POHODA mServer URL",
        env: "SPOJKA_POHODA_URL",
        default: pohodaSchema.shape.url.parse(undefined),
        schema: pohodaSchema.shape.url,
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
];

/** The first problem with `value` as an answer to `question`, or `undefined` if it is fine. */
export function checkAnswer(question: Question, value: string): string | undefined {
  if (value === "" && question.optional) return undefined;
  const result = question.schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0].message;
}

/** y/yes/a/ano/áno → true, n/no/ne/nie → false, anything else → undefined. */
export function parseYesNo(answer: string): boolean | undefined {
  const a = answer.trim().toLowerCase();
  if (["y", "yes", "a", "ano", "áno"].includes(a)) return true;
  if (["n", "no", "ne", "nie"].includes(a)) return false;
  return undefined;
}
