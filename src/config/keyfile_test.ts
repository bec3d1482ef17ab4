import { equal, rejects } from "node:assert/strict";
import { join } from "node:path";
import { ConfigError } from "../core/errors.ts";
import { setLanguage } from "../i18n/mod.ts";
import { createKey, loadKey } from "./keyfile.ts";

Deno.test("a key file is created, loaded again, and absent means none", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "spojka.key");
    equal(await loadKey(path), null);
    await createKey(path);
    equal((await loadKey(path))?.algorithm.name, "AES-GCM");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a damaged key file is named, with what to do, in the user's language", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "spojka.key");
  await Deno.writeTextFile(path, "not a key\n");
  setLanguage("sk");
  try {
    await rejects(loadKey(path), (e: ConfigError) => {
      equal(e.message, `Súbor s kľúčom ${path} je poškodený.`);
      equal(
        e.hint,
        "Obnovte ho zo zálohy, alebo ho zmažte a spustite spojka init, aby ste heslá zadali znova.",
      );
      return e instanceof ConfigError;
    });
  } finally {
    setLanguage("en");
    await Deno.remove(dir, { recursive: true });
  }
});
