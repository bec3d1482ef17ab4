/**
 * Keeps secrets out of everything spojka writes: once a secret is known to the process it is
 * registered here, and every log line and error message passes through {@linkcode redact}.
 *
 * @module
 */

const secrets = new Set<string>();

/** Registers a secret value (and its URL-encoded form) so it is masked wherever it would be printed. */
export function registerSecret(value: string | undefined): void {
  // Very short values would mask ordinary words; real secrets are never that short.
  if (!value || value.length < 4) return;
  secrets.add(value);
  const encoded = encodeURIComponent(value);
  if (encoded !== value) secrets.add(encoded);
}

/** Returns `text` with every registered secret replaced by `***`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.replaceAll(secret, "***");
  }
  return out;
}
