/**
 * Reading and writing config.toml: TOML syntax, schema validation, decryption of secrets, and the
 * run-time overrides of secrets from `SPOJKA_*` environment variables.
 *
 * @module
 */

import { parse, stringify, TomlError } from "smol-toml";
import { ConfigError } from "../core/errors.ts";
import { writeFileAtomic } from "../core/files.ts";
import { describeIssues, issueWords, keyName } from "./issues.ts";
import { m } from "../i18n/mod.ts";
import { loadKey } from "./keyfile.ts";
import {
  type Config,
  type ConfigFile,
  configSchema,
  connectorSections,
  secretSpecs,
} from "../connectors/config.ts";
import { PlainUrl, Sealed } from "./schema.ts";
import { seal, Secret, unseal } from "./secret.ts";
import { openSecret, secretProblem } from "./secret_url.ts";

/** How to treat secrets that cannot be decrypted. */
export interface ReadOptions {
  /** `"drop"` leaves them out (for `init`, which asks for them again); `"error"` (default) stops. */
  unreadableSecrets?: "error" | "drop";
  /** Reads an environment variable; run-time secret overrides come from here. */
  env?: (name: string) => string | undefined;
}

/** Reads, validates and decrypts config.toml; `null` if there is none. */
export async function readConfig(
  paths: { config: string; key: string },
  options: ReadOptions = {},
): Promise<Config | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(paths.config);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  const file = parseConfigText(text, paths.config);
  const needsKey = collectSealed(file).length > 0;
  const key = needsKey ? await loadKey(paths.key) : null;
  if (needsKey && !key && options.unreadableSecrets !== "drop") {
    throw new ConfigError(m.configFile.noKeyFile(paths.key, paths.config), {
      hint: m.configFile.noKeyFileHint,
    });
  }
  const config = await unsealTree(file, key, [], options.unreadableSecrets ?? "error") as Config;
  applySecretOverrides(config, options.env ?? ((name) => Deno.env.get(name)));
  return config;
}

/** Parses and validates the text of a config file (secrets stay sealed). */
export function parseConfigText(text: string, source: string): ConfigFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    if (e instanceof TomlError) {
      throw new ConfigError(m.configFile.notToml(source, e.line, e.column, firstLine(e.message)), {
        hint: m.configFile.notTomlHint,
      });
    }
    throw e;
  }
  migrateSections(raw);
  const schema = configSchema();
  const result = schema.safeParse(raw, { reportInput: true, error: issueWords });
  if (!result.success) {
    const lines = describeIssues(result.error.issues, schema);
    throw new ConfigError(`${m.configFile.errors(source, lines.length)}\n  ${lines.join("\n  ")}`, {
      hint: m.configFile.errorsHint,
    });
  }
  return result.data;
}

/** Each section as an earlier spojka wrote it, brought up to date by the section's owner. */
export function migrateSections(raw: unknown): void {
  const sections = raw as Record<string, unknown>;
  for (const section of connectorSections()) {
    const value = sections[section.name];
    if (section.migrate && value && typeof value === "object" && !Array.isArray(value)) {
      section.migrate(value as Record<string, unknown>);
    }
  }
}

/**
 * Encrypts the secrets, validates the result (filling in defaults, so the file shows every
 * setting) and writes config.toml atomically.
 */
export async function writeConfig(path: string, config: Config, key: CryptoKey): Promise<void> {
  const schema = configSchema();
  const result = schema.safeParse(await sealTree(config, key, []), { reportInput: true, error: issueWords });
  if (!result.success) {
    throw new ConfigError(
      m.configFile.refuseToWrite(path, describeIssues(result.error.issues, schema).join("; ")),
    );
  }
  await writeFileAtomic(path, `${m.configFile.header}\n${stringify(toToml(result.data))}\n`);
}

function firstLine(text: string): string {
  return text.split("\n")[0];
}

function collectSealed(value: unknown): Sealed[] {
  if (value instanceof Sealed) return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(collectSealed);
  return [];
}

async function unsealTree(
  value: unknown,
  key: CryptoKey | null,
  path: string[],
  unreadable: "error" | "drop",
): Promise<unknown> {
  if (value instanceof PlainUrl) return openSecret(path, value.text, { config: "plain" });
  if (value instanceof Sealed) {
    const plain = key ? await unseal(key, path.join("."), value.text) : null;
    // init drops a value that is not what its key holds, to ask for it again.
    if (plain !== null && !(unreadable === "drop" && secretProblem(path, plain))) {
      return openSecret(path, plain, { config: "encrypted" });
    }
    if (unreadable === "drop") return undefined;
    throw new ConfigError(m.configFile.undecryptable(keyName(path)), {
      hint: m.configFile.undecryptableHint,
    });
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await unsealTree(v, key, [...path, k], unreadable);
    return out;
  }
  return value;
}

async function sealTree(value: unknown, key: CryptoKey, path: string[]): Promise<unknown> {
  if (value instanceof Secret) return await seal(key, path.join("."), value.reveal());
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await sealTree(v, key, [...path, k]);
    return out;
  }
  return value;
}

/** Sealed secrets become their stored text; TOML has no null, so unset optional keys are left out. */
function toToml(value: unknown): unknown {
  if (value instanceof Sealed) return value.text;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, toToml(v)]),
    );
  }
  return value;
}

function applySecretOverrides(config: Config, env: (name: string) => string | undefined): void {
  for (const [path, { env: variable }] of secretSpecs()) {
    const value = env(variable);
    const [section, field] = path.split(".");
    const target = (config as unknown as Record<string, Record<string, unknown> | undefined>)[section];
    if (value && target) target[field] = openSecret([section, field], value, { variable });
  }
}
