import { deepEqual, notEqual } from "node:assert/strict";
import { krosSignature, utf16le } from "./signature.ts";

// Expected values were computed outside Deno with Python's hmac module:
// base64(hmac.new(secret.encode("utf-16-le"), body.encode("utf-16-le"), sha256).digest()).
const SAMPLE_BODY = '{"status":200,"results":{"entities":[{"data":{"id":123,"externalId":"spojka-1"},' +
  '"problems":[]}]},"apiUrl":"https://api-economy.kros.sk/api/invoices/123"}';

Deno.test("krosSignature matches an independently computed vector", async () => {
  deepEqual(await krosSignature("kros-secret", SAMPLE_BODY), "QID/+SHnGWQSotYUaZX26EVDjfd9BQCZ5xaTEBBxYjY=");
});

Deno.test("krosSignature encodes diacritics and surrogate pairs as UTF-16LE code units", async () => {
  deepEqual(
    await krosSignature("Tajný kľúč 🔑", '{"poznámka":"Žltý kôň"}'),
    "pMdaT02VnEWxcpTgweWeEWkpLFmkrjOfsBPwsNeJHQg=",
  );
});

Deno.test("krosSignature differs from a plain UTF-8 HMAC", async () => {
  // The UTF-8 variant of the same input, a common client mistake.
  notEqual(await krosSignature("kros-secret", SAMPLE_BODY), "aywVKC/qoqF8CUxPvQWhlDMMa9WqnYYE/nsRO9DZW04=");
});

Deno.test("utf16le writes little-endian code units", () => {
  deepEqual([...utf16le("Ač")], [0x41, 0x00, 0x0d, 0x01]);
});
