import { equal } from "node:assert/strict";
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
