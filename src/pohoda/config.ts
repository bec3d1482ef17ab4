/**
 * `[pohoda]`: the POHODA target, through mServer or Pohoda.exe's `/XML` file exchange. It belongs
 * to the target, not to a source: valid on its own, and shared by every connector that posts to POHODA.
 *
 * @module
 */

import { dirname } from "node:path";
import { z } from "zod";
import { m } from "../i18n/mod.ts";
import { hasValidCheckDigit, isIcoFormat } from "../config/ico.ts";
import {
  count,
  httpUrl,
  isHttpUrl,
  nonEmpty,
  secretField,
  type SecretSpec,
  type Unsealed,
} from "../config/schema.ts";
import { type ConfigSection, secretQuestion } from "../config/section.ts";
import type { Answers } from "../config/questions.ts";
import { openTransport } from "./transport.ts";
import { checkUnitYear, databaseYear, unitsOf } from "./units.ts";

/** Default mServer address: 127.0.0.1, not localhost, which may resolve to IPv6 where mServer does not listen. */
const MSERVER_URL = "http://127.0.0.1:444/xml";

/** Whether `url` is mServer's import address: it takes XML only at `/xml`. */
export function isMServerXmlUrl(url: string): boolean {
  return /\/xml\/?$/i.test(new URL(url).pathname);
}

/** The secrets of `[pohoda]`. */
const SECRETS = {
  password: { env: "SPOJKA_POHODA_PASSWORD", label: () => m.wizard.ask.pohodaPassword },
} as const satisfies Record<string, SecretSpec>;

/** `[pohoda]`: the POHODA the documents go to, through mServer or Pohoda.exe's `/XML` file exchange. */
export const pohodaSchema = z.strictObject({
  transport: z.enum(["mserver", "xml-folder"]).default("mserver"),
  url: httpUrl(MSERVER_URL).default(MSERVER_URL),
  user: nonEmpty,
  password: secretField(SECRETS.password),
  ico: z.string().refine(isIcoFormat, { error: () => m.configIssue.ico }),
  batch_size: count(1, 1000).default(50),
  batch_max_kb: count(16, 16 * 1024).default(4096),
  timeout_seconds: count(5, 3600).default(300),
  status_timeout_seconds: count(1, 600).default(10),
  max_attempts: count(1, 10).default(3),
  credentials_encoding: z.enum(["utf-8", "windows-1250"]).default("utf-8"),
  unsupported_characters: z.enum(["reject", "transliterate"]).default("reject"),
  // transport = "xml-folder": a relative folder is inside the data folder; absent, its default is.
  exe: z.string().trim().min(1).optional(),
  input_dir: z.string().trim().min(1).optional(),
  response_dir: z.string().trim().min(1).optional(),
  database: z.string().trim().min(1).optional(),
  exe_timeout_seconds: count(10, 24 * 3600).default(600),
  resend_after_minutes: count(1, 30 * 24 * 60).default(120),
  // [pohoda.units]: further accounting years, each to its unit (src/pohoda/units.ts).
  units: z.record(
    z.string().regex(/^(19|20|21)\d\d$/, { error: () => m.configIssue.year }),
    z.string().trim().min(1),
  ).optional(),
}).superRefine((pohoda, ctx) => {
  for (const [year, value] of Object.entries(pohoda.units ?? {})) {
    const problem = pohoda.transport === "xml-folder"
      ? unitDatabaseProblem(value, pohoda.ico, year)
      : isHttpUrl(value)
      ? undefined
      : m.units.notUrl(year);
    if (problem) ctx.addIssue({ code: "custom", path: ["units", year], message: problem });
  }
});

/** What is wrong with `database` as the file exchange's unit of `year` for IČO `ico`, if anything. */
function unitDatabaseProblem(database: string, ico: string, year: string): string | undefined {
  const unitIco = /^StwPh_(\d+)_\d{4}$/i.exec(database)?.[1];
  if (databaseYear(database) !== Number(year) || (unitIco !== undefined && unitIco !== ico)) {
    return m.units.notDatabase(year, database, `StwPh_${ico}_${year}`);
  }
  return undefined;
}

/** `[pohoda]` in memory. */
export type PohodaConfig = Unsealed<z.output<typeof pohodaSchema>>;

const byFiles = (answers: Answers) => answers.pohoda?.transport === "xml-folder";

/** `[pohoda]` as the registry assembles it. */
export const pohodaSection = {
  name: "pohoda",
  schema: pohodaSchema,
  secrets: SECRETS,
  target: true,
  questions: [
    {
      key: "transport",
      label: () => m.wizard.ask.pohodaTransport,
      env: "SPOJKA_POHODA_TRANSPORT",
      choices: pohodaSchema.shape.transport.unwrap().options,
      default: "mserver",
    },
    {
      key: "url",
      label: () => m.wizard.ask.pohodaUrl,
      env: "SPOJKA_POHODA_URL",
      default: pohodaSchema.shape.url.parse(undefined),
      when: (answers) => !byFiles(answers),
      // Said while the URL is typed: without /xml, mServer would answer the password with a 404.
      check: (url) => isMServerXmlUrl(url) ? undefined : m.wizard.mserverXml(url),
    },
    {
      key: "exe",
      label: () => m.wizard.ask.pohodaExe,
      env: "SPOJKA_POHODA_EXE",
      optional: true,
      when: byFiles,
    },
    {
      key: "input_dir",
      label: () => m.wizard.ask.pohodaInputDir,
      env: "SPOJKA_POHODA_INPUT_DIR",
      optional: true,
      when: byFiles,
    },
    {
      key: "response_dir",
      label: () => m.wizard.ask.pohodaResponseDir,
      env: "SPOJKA_POHODA_RESPONSE_DIR",
      optional: true,
      when: byFiles,
    },
    {
      key: "database",
      label: () => m.wizard.ask.pohodaDatabase,
      env: "SPOJKA_POHODA_DATABASE",
      optional: true,
      when: byFiles,
    },
    {
      key: "user",
      label: () => m.wizard.ask.pohodaUser,
      env: "SPOJKA_POHODA_USER",
    },
    secretQuestion("password", SECRETS.password),
    {
      key: "ico",
      label: () => m.wizard.ask.pohodaIco,
      env: "SPOJKA_POHODA_ICO",
      // Typed as it is printed on invoices, "123 45 678"; stored as the 8 digits.
      normalise: (ico) => ico.replace(/\s+/g, ""),
      schema: z.string().refine(isIcoFormat, { error: () => m.wizard.icoDigits }),
      warn: (ico) => hasValidCheckDigit(ico) ? undefined : m.wizard.icoCheckDigit(ico),
    },
  ],
  check: (config: PohodaConfig, { log, db, once }) => {
    // The state database sits in the data folder, inside which the file exchange's folders default.
    const transport = openTransport({ ...config, ...once }, {
      runId: "spojka-init",
      log,
      dataDir: dirname(db.path),
    });
    return {
      service: transport.service,
      run: async () => {
        const { summary, notes, year } = await transport.check();
        const lines = [summary, ...notes];
        // Every unit of [pohoda.units] too: its IČO, and that it answers for its year.
        for (const unit of unitsOf(config, year).filter((unit) => !unit.own)) {
          const other = openTransport({ ...unit.config, ...once }, {
            runId: "spojka-init",
            log,
            dataDir: dirname(db.path),
          });
          const check = await other.check();
          checkUnitYear(unit, other, check);
          lines.push(`${unit.year}: ${check.summary}`, ...check.notes);
        }
        return lines;
      },
    };
  },
} as const satisfies ConfigSection<"pohoda", typeof pohodaSchema>;
