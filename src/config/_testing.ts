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
