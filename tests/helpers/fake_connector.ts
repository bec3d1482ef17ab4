/**
 * A connector that exists only in the tests: `[fake]` (with a secret) into the POHODA target. Run as
 * a program, it is spojka with this connector added to the registry, which is all a new connector
 * needs: whatever spojka does with connectors (config validation, init, checks, sync, serve,
 * status) must then do with it too.
 *
 * @module
 */

import { z } from "zod";
import { run } from "../../src/cli/program.ts";
import { secretField, type SecretSpec } from "../../src/config/schema.ts";
import { type ConfigSection, secretQuestion } from "../../src/config/section.ts";
import { defineConnector } from "../../src/connectors/connector.ts";
import { registerConnector } from "../../src/connectors/registry.ts";
import { pohodaSection } from "../../src/pohoda/config.ts";
import { beginRun, endRun } from "../../src/state/runs.ts";
import { withState } from "../../src/state/store.ts";

const SECRETS = {
  token: { env: "SPOJKA_FAKE_TOKEN", label: () => "Fake token" },
} as const satisfies Record<string, SecretSpec>;

const fakeSchema = z.strictObject({
  name: z.string().min(1),
  token: secretField(SECRETS.token),
  interval_minutes: z.number().int().default(7),
});

const fakeSection = {
  name: "fake",
  schema: fakeSchema,
  secrets: SECRETS,
  questions: [
    {
      key: "name",
      label: () => "Fake name",
      env: "SPOJKA_FAKE_NAME",
    },
    secretQuestion("token", SECRETS.token),
  ],
  check: (config) => ({
    service: "Fake service",
    run: () => Promise.resolve([`the token has ${config.token.reveal().length} characters`]),
  }),
} as const satisfies ConfigSection<"fake", typeof fakeSchema>;

/** The fake connector: each run is recorded, and says which token it was given (its length). */
export const fakeConnector = defineConnector({
  id: "fake",
  title: "Fake → POHODA",
  setupTitle: "Fake → POHODA (for the tests)",
  sections: [fakeSection, pohodaSection],
  interval: (config) => config.fake.interval_minutes,
  run: (config, env, options) =>
    withState(env.paths, (db) => {
      const run = beginRun(db, "fake", new Date());
      env.log.info(
        `Fake ${config.fake.name}: ${
          options.dryRun ? "dry run" : "ran"
        }, token of ${config.fake.token.reveal().length} characters, POHODA ${config.pohoda.ico}`,
      );
      return endRun(db, run, { counts: { fake: { imported: 1 } }, failed: 0 });
    }),
  status: {
    build: () => ({ greeting: "hello from the fake connector" }),
    format: (data) => [`Fake: ${(data as { greeting: string }).greeting}`],
  },
});

if (import.meta.main) {
  registerConnector(fakeConnector);
  Deno.exit(await run(Deno.args));
}
