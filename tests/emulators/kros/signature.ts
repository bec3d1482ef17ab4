/**
 * KROS's webhook signature: header `X-Kros-Signature-256` carries
 * Base64(HMAC-SHA256(key = secret as UTF-16LE, message = raw body as UTF-16LE)) (reference §A6).
 *
 * @module
 */

/** Name of the header that carries the signature. */
export const SIGNATURE_HEADER = "X-Kros-Signature-256";

/** Encodes a string as UTF-16LE, code unit by code unit, as .NET's `Encoding.Unicode` does. */
export function utf16le(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i] = unit & 0xff;
    out[2 * i + 1] = unit >> 8;
  }
  return out;
}

/** Computes the signature of `body` (the exact text sent) with `secret`. */
export async function krosSignature(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    utf16le(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    [
      "sign",
    ],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, utf16le(body)));
  return btoa(String.fromCharCode(...mac));
}
