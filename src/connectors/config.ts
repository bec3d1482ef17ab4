/**
 * The configuration as the registered connectors make it: config.toml's schema, the secrets and
 * the variables that override them, and what `init` sets up, all assembled from the descriptors.
 *
 * @module
 */

import { z } from "zod";
import { m } from "../i18n/mod.ts";
import {
  ALERTS_SECRETS,
  alertsSchema,
  languageSchema,
  type SecretSpec,
  serveSchema,
  type Unsealed,
  versionSchema,
} from "../config/schema.ts";
import { ALERTS_SETUP, type ConnectorSetup } from "../config/questions.ts";
import { type ConfigSection, questionsOf } from "../config/section.ts";
import type { Connector } from "./connector.ts";
import { type CONNECTORS, connectors } from "./registry.ts";

type BuiltInSection = (typeof CONNECTORS)[number]["sections"][number];

/** config.toml as read from disk, secrets still sealed. */
export type ConfigFile =
  & { version: z.output<typeof versionSchema>; language?: z.output<typeof languageSchema> }
  & { serve?: z.output<typeof serveSchema> }
  & { alerts?: z.output<typeof alertsSchema> }
  & { [S in BuiltInSection as S["name"]]?: z.output<S["schema"]> };

/** The configuration in memory, secrets decrypted. */
export type Config = Unsealed<ConfigFile>;

/** A connector's id, as `spojka sync <id>` takes it. */
export type ConnectorId = string;

/** Every connector's section once, in the order the connectors name them. */
export function connectorSections(): ConfigSection[] {
  const byName = new Map<string, ConfigSection>();
  for (const connector of connectors()) {
    for (const section of connector.sections) byName.set(section.name, byName.get(section.name) ?? section);
  }
  return [...byName.values()];
}

/** config.toml's schema: the format version, each connector's sections, `[serve]` and `[alerts]`. */
export function configSchema(): z.ZodType<ConfigFile> {
  const shape: Record<string, z.ZodType> = { version: versionSchema, language: languageSchema.optional() };
  for (const section of connectorSections()) shape[section.name] = section.schema.optional();
  shape.serve = serveSchema.optional();
  shape.alerts = alertsSchema.optional();
  return z.strictObject(shape).superRefine((config, ctx) => {
    const present = (section: ConfigSection) => config[section.name] !== undefined;
    for (const { title, sections } of connectors()) {
      // A target's section alone ([pohoda], [eshop]) is complete: it may wait for its source.
      if (!sections.some((s) => !s.target && present(s))) continue;
      for (const missing of sections.filter((s) => !present(s))) {
        ctx.addIssue({
          code: "custom",
          path: [missing.name],
          message: m.configIssue.connectorNeeds(title, sections.map((s) => `[${s.name}]`).join(", ")),
        });
      }
    }
    for (const connector of connectors()) {
      if (!isConfigured(config, connector)) continue;
      connector.refine?.(config, (path, message) => ctx.addIssue({ code: "custom", path, message }));
    }
  }) as unknown as z.ZodType<ConfigFile>;
}

/** Every secret by config key (`pohoda.password`), with its declaration. */
export function secretSpecs(): Map<string, SecretSpec> {
  const specs = new Map<string, SecretSpec>();
  const add = (section: string, secrets: Readonly<Record<string, SecretSpec>> = {}) => {
    for (const [key, spec] of Object.entries(secrets)) specs.set(`${section}.${key}`, spec);
  };
  for (const section of connectorSections()) add(section.name, section.secrets);
  add("alerts", ALERTS_SECRETS);
  return specs;
}

/** Whether every section of `connector` is present in `config`. */
export function isConfigured(config: object | null, connector: Connector): boolean {
  return connector.sections.every((section) =>
    (config as Record<string, unknown> | null)?.[section.name] !== undefined
  );
}

/** The connectors `config` sets up, in the order they run. */
export function configuredConnectors(config: Config): Connector[] {
  return connectors().filter((c) => isConfigured(config, c));
}

/** The connector `id`, if there is one. */
export function connectorById(id: string): Connector | undefined {
  return connectors().find((c) => c.id === id);
}

/** What the user calls connector `id`, e.g. "FLOWii → POHODA". */
export function connectorTitle(id: ConnectorId): string {
  return connectorById(id)?.title ?? id;
}

/** What `init` offers, in order: each connector with its sections' questions, then alerts. */
export function setups(): ConnectorSetup[] {
  return [
    ...connectors().map((c) => ({
      id: c.id,
      title: c.setupTitle,
      questions: c.sections.flatMap(questionsOf),
      sections: c.sections,
    })),
    ALERTS_SETUP,
  ];
}
