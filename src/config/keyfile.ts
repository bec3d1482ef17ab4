/**
 * The 256-bit key that encrypts the secrets in config.toml. It lives in its own file beside the
 * config, so a copied or e-mailed config reveals nothing without it.
 *
 * @module
 */

import { ConfigError } from "../core/errors.ts";
import { m } from "../i18n/mod.ts";

const KEY_BYTES = 32;

/** Loads the key from `path`, or returns `null` if there is no key file. */
export async function loadKey(path: string): Promise<CryptoKey | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = Uint8Array.fromBase64(text.trim());
  } catch {
    raw = new Uint8Array();
  }
  if (raw.length !== KEY_BYTES) {
    throw new ConfigError(m.keyFile.damaged(path), { hint: m.keyFile.damagedHint });
  }
  return importKey(raw);
}

/**
 * Creates a new random key file at `path`, readable by its owner only where the OS has POSIX modes.
 * On Windows the file inherits the folder's ACL: the scheduled task may run as another user, so a
 * narrower ACL would lock the task out (see README, "Files in the data folder").
 */
export async function createKey(path: string): Promise<CryptoKey> {
  const raw = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
  await Deno.writeTextFile(path, raw.toBase64() + "\n", { createNew: true, mode: 0o600 });
  if (Deno.build.os !== "windows") await Deno.chmod(path, 0o600); // the umask may have widened it
  return importKey(raw);
}

function importKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}
