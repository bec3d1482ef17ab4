/**
 * A complete in-memory configuration for tests, with every default filled in by the schema itself.
 *
 * @module
 */

import { type Config, configSchema } from "../connectors/config.ts";
import { Secret } from "./secret.ts";

/** FLOWii → POHODA configured, with the given plain-text secrets. */
export function testConfig(
  secrets: { flowiiPassword?: string; flowiiApiKey?: string; pohodaPassword?: string } = {},
): Config {
  const placeholder = "enc:v1:AAAA";
  const file = configSchema().parse({
    version: 1,
    flowii: { user: "uctovnik@firma.sk", password: placeholder, api_key: placeholder },
    pohoda: { user: "spojka", password: placeholder, ico: "12345679" },
  });
  return {
    version: file.version,
    flowii: {
      ...file.flowii!,
      password: new Secret(secrets.flowiiPassword ?? "flowii-password-1"),
      api_key: new Secret(secrets.flowiiApiKey ?? "flowii-api-key-2"),
    },
    pohoda: { ...file.pohoda!, password: new Secret(secrets.pohodaPassword ?? "pohoda-password-3") },
  };
}

/**
 * The text of a FLOWii → POHODA config.toml (secrets sealed placeholders) with `flowii` and `pohoda`
 * lines added to their sections, then `rest`: broken files for tests of what users are told.
 */
export function configText(lines: { flowii?: string; pohoda?: string; rest?: string } = {}): string {
  return `version = 1

[flowii]
user = "uctovnik@firma.sk"
password = "enc:v1:AAAA"
api_key = "enc:v1:AAAA"
${lines.flowii ?? ""}

[pohoda]
user = "spojka"
password = "enc:v1:AAAA"
ico = "12345679"
${lines.pohoda ?? ""}
${lines.rest ?? ""}`;
}
