/**
 * `[flowii]`: the FLOWii account the documents come from, with its secrets and setup questions.
 *
 * @module
 */

import { m } from "../../i18n/mod.ts";
import { z } from "zod";
import {
  count,
  httpUrl,
  nonEmpty,
  secretField,
  type SecretSpec,
  type Unsealed,
} from "../../config/schema.ts";
import { type ConfigSection, secretQuestion } from "../../config/section.ts";
import { FlowiiClient } from "../../flowii/client.ts";

/** Default FLOWii API address. */
const FLOWII_URL = "https://api.flowii.com";

const path = z.string().startsWith("/");

/**
 * `[flowii.endpoints]`: FLOWii does not publish its export API, so paths and parameter names are
 * settings, with the best known values as defaults (see README, "What is not verified").
 */
export const flowiiEndpointsSchema = z.strictObject({
  token: path.default("/token"),
  partners: path.default("/partners/pohoda-export"),
  documents: path.default("/documents/pohoda-export"),
  since_param: z.string().min(1).default("from"),
  company_param: z.string().min(1).default("companyId"),
});

/** The secrets of `[flowii]`. */
const SECRETS = {
  password: { env: "SPOJKA_FLOWII_PASSWORD", label: () => m.wizard.ask.flowiiPassword },
  api_key: { env: "SPOJKA_FLOWII_API_KEY", label: () => m.wizard.ask.flowiiApiKey },
} as const satisfies Record<string, SecretSpec>;

/** `[flowii]`: the FLOWii account the documents come from. */
export const flowiiSchema = z.strictObject({
  base_url: httpUrl(FLOWII_URL).default(FLOWII_URL),
  user: nonEmpty,
  password: secretField(SECRETS.password),
  api_key: secretField(SECRETS.api_key),
  company_id: z.string().trim().optional(),
  overlap_minutes: count(0, 24 * 60).default(5),
  timeout_seconds: count(5, 3600).default(120),
  max_attempts: count(1, 10).default(5),
  max_zip_entries: count(1, 100_000).default(100),
  max_unzipped_mb: count(1, 10_000).default(512),
  // Bounded by the heap spojka runs with (deno.json: --max-old-space-size), which holds a record a few times over.
  max_item_mb: count(1, 16).default(4),
  ext_system: z.string().trim().min(1).max(64).default("FLOWii"),
  interval_minutes: count(1, 24 * 60).default(30),
  endpoints: flowiiEndpointsSchema.prefault({}),
});

/** `[flowii]` in memory. */
export type FlowiiConfig = Unsealed<z.output<typeof flowiiSchema>>;

/** `[flowii]` as the registry assembles it. */
export const flowiiSection = {
  name: "flowii",
  schema: flowiiSchema,
  secrets: SECRETS,
  questions: [
    {
      key: "base_url",
      label: () => m.wizard.ask.flowiiUrl,
      env: "SPOJKA_FLOWII_URL",
      default: flowiiSchema.shape.base_url.parse(undefined),
    },
    {
      key: "user",
      label: () => m.wizard.ask.flowiiUser,
      env: "SPOJKA_FLOWII_USER",
    },
    secretQuestion("password", SECRETS.password),
    secretQuestion("api_key", SECRETS.api_key),
    {
      key: "company_id",
      label: () => m.wizard.ask.flowiiCompany,
      env: "SPOJKA_FLOWII_COMPANY",
      optional: true,
      schema: z.string().trim(),
    },
  ],
  check: (config: FlowiiConfig, { log, once }) => ({
    service: "FLOWii",
    run: async () => {
      const flowii = { ...config, ...once };
      await new FlowiiClient(flowii, log).token();
      return [m.wizard.signedIn(flowii.user)];
    },
  }),
} as const satisfies ConfigSection<"flowii", typeof flowiiSchema>;
