import { equal } from "node:assert/strict";
import { krosSignature } from "../../tests/emulators/kros/signature.ts";
import { verifySignature } from "./signature.ts";

// Computed independently with Python's hmac over UTF-16LE (and, as a decoy, over UTF-8).
const key = "tajný-kľúč-123";
const body = new TextEncoder().encode('{"status":200,"results":{"entities":[]},"note":"Žluťoučký kůň 😀"}');
const utf16Signature = "lS9JEPAoJ9PPz5lM+aaQueoeMoNw9lXZIof7zo60ox4=";
const utf8Signature = "jd22v3Wc31Zy48+B649ni0YD/kdcyvMPdjJXm0Lm4og=";

Deno.test("KROS's signature (HMAC-SHA256 over UTF-16LE key and body) is recognised", async () => {
  equal(await verifySignature(key, body, utf16Signature), true);
});

Deno.test("a forged, missing, malformed or UTF-8 signature is refused", async () => {
  equal(await verifySignature(key, body, utf8Signature), false);
  equal(await verifySignature(key, body, null), false);
  equal(await verifySignature(key, body, "not base64 !!"), false);
  equal(await verifySignature("another-key", body, utf16Signature), false);
  const tampered = body.slice();
  tampered[11] ^= 1;
  equal(await verifySignature(key, tampered, utf16Signature), false);
});

Deno.test("the signature covers the exact bytes: invalid UTF-8 never borrows another body's signature", async () => {
  // Decoded leniently, the byte 0xFF becomes U+FFFD, the very text of this body.
  const replacement = new TextEncoder().encode('{"status":200,"note":"\uFFFD"}');
  const signature = await krosSignature(key, new TextDecoder().decode(replacement));
  equal(await verifySignature(key, replacement, signature), true);
  const invalid = new Uint8Array([...new TextEncoder().encode('{"status":200,"note":"'), 0xff, 0x22, 0x7d]);
  equal(new TextDecoder().decode(invalid), new TextDecoder().decode(replacement));
  equal(await verifySignature(key, invalid, signature), false);
});

Deno.test("a byte-order mark is part of the signed text, not dropped", async () => {
  const plain = '{"status":200}';
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(plain)]);
  equal(await verifySignature(key, withBom, await krosSignature(key, plain)), false);
  equal(await verifySignature(key, withBom, await krosSignature(key, "\uFEFF" + plain)), true);
});
