/**
 * Secrets in memory and on disk. In memory a secret is a {@linkcode Secret}, which prints and
 * serialises as a mask, so it cannot slip into a log line, the state or a JSON dump. On disk it is
 * `enc:v1:<base64(iv ‖ ciphertext ‖ tag)>`, AES-256-GCM with a fresh 96-bit IV and the key's path
 * in the config (e.g. `pohoda.password`) as additional authenticated data: a value edited by hand,
 * damaged, or moved to another key fails authentication.
 *
 * @module
 */

import { registerSecret } from "../core/redact.ts";

/** What a secret looks like wherever it is shown. */
export const MASK = "********";

const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A secret value held in memory; only {@linkcode Secret.reveal} gives the plain text. */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    registerSecret(value);
  }

  /** The plain text, for the one place that sends it to a service. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [Symbol.for("Deno.customInspect")](): string {
    return `Secret(${MASK})`;
  }
}

/** Whether `value` has the shape of a stored secret (says nothing about whether it decrypts). */
export function looksEncrypted(value: string): boolean {
  return /^enc:v1:[A-Za-z0-9+/]+={0,2}$/.test(value);
}

/** Encrypts `plain` for the config key `path`. */
export async function seal(key: CryptoKey, path: string, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(path) },
      key,
      new TextEncoder().encode(plain),
    ),
  );
  const out = new Uint8Array(IV_BYTES + cipher.length);
  out.set(iv);
  out.set(cipher, IV_BYTES);
  return PREFIX + out.toBase64();
}

/** Decrypts a value stored for the config key `path`; `null` if it was tampered with or damaged. */
export async function unseal(key: CryptoKey, path: string, stored: string): Promise<string | null> {
  if (!looksEncrypted(stored)) return null;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = Uint8Array.fromBase64(stored.slice(PREFIX.length));
  } catch {
    return null;
  }
  if (bytes.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.subarray(0, IV_BYTES), additionalData: new TextEncoder().encode(path) },
      key,
      bytes.subarray(IV_BYTES),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
