import { deepEqual, ok } from "node:assert/strict";
import { parse } from "smol-toml";
import type { z } from "zod";
import { parseConfigText } from "./file.ts";
import { unwrapObject } from "./issues.ts";
import { configSchema } from "../connectors/config.ts";

const exampleUrl = new URL("../../config.example.toml", import.meta.url);

Deno.test("config.example.toml is a valid config", async () => {
  parseConfigText(await Deno.readTextFile(exampleUrl), "config.example.toml");
});

Deno.test("config.example.toml shows every key of the schema, each with a comment", async () => {
  const text = await Deno.readTextFile(exampleUrl);
  const shown = leafPaths(parse(text));
  // A table of entries the user names (`[pohoda.units]`) is shown by one entry.
  const isShown = (key: string) => shown.some((path) => path === key || path.startsWith(`${key}.`));
  deepEqual(leafPaths(schemaShape(configSchema())).filter((key) => !isShown(key)), []);
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    // A key is documented when a comment sits right above it.
    if (/^\w+ = /.test(line) && line !== "version = 1") {
      ok(lines[i - 1].startsWith("#"), `no comment above: ${line}`);
    }
  }
});

function leafPaths(tree: unknown, prefix = ""): string[] {
  if (tree && typeof tree === "object" && !Array.isArray(tree)) {
    return Object.entries(tree).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

/** The schema as a tree of key names; leaves are `true`. */
function schemaShape(schema: z.ZodType): unknown {
  const object = unwrapObject(schema);
  if (!object) return true;
  return Object.fromEntries(
    Object.entries(object._zod.def.shape as Record<string, z.ZodType>).map(([k, v]) => [k, schemaShape(v)]),
  );
}
