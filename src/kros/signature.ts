/**
 * Verifying KROS notifications: `X-Kros-Signature-256` is the Base64 of HMAC-SHA256 with the
 * authorisation key and the raw body, both taken as UTF-16LE text.
 *
 * The body's bytes are decoded strictly (invalid UTF-8 is refused, a byte-order mark is kept), so
 * each signed text stands for exactly one sequence of bytes: decoded leniently, bytes that are not
 * UTF-8 would become U+FFFD and pass with the signature of a body that holds U+FFFD itself.
 *
 * @module
 */

/** The header KROS signs its notifications in. */
export const SIGNATURE_HEADER = "X-Kros-Signature-256";

/**
 * Whether `signature` is KROS's signature of the exact bytes `body` with `key`; compared in
 * constant time. A body that is not UTF-8 text has no valid signature.
 */
export async function verifySignature(
  key: string,
  body: Uint8Array,
  signature: string | null,
): Promise<boolean> {
  if (!signature) return false;
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    return false;
  }
  let expected: Uint8Array<ArrayBuffer>;
  try {
    expected = Uint8Array.fromBase64(signature.trim());
  } catch {
    return false;
  }
  const hmac = await crypto.subtle.importKey("raw", utf16le(key), { name: "HMAC", hash: "SHA-256" }, false, [
    "verify",
  ]);
  // WebCrypto's verify compares in constant time, so timing reveals nothing of the right signature.
  return crypto.subtle.verify("HMAC", hmac, expected, utf16le(text));
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function utf16le(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i] = unit & 0xff;
    out[2 * i + 1] = unit >> 8;
  }
  return out;
}
