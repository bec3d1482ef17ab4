import { equal, ok } from "node:assert/strict";
import { looksEncrypted, MASK, seal, Secret, unseal } from "./secret.ts";

const key = await crypto.subtle.importKey(
  "raw",
  crypto.getRandomValues(new Uint8Array(32)),
  { name: "AES-GCM" },
  false,
  ["encrypt", "decrypt"],
);

Deno.test("a sealed secret opens with the same key and path", async () => {
  const stored = await seal(key, "pohoda.password", "Heslo-123 žluťoučký");
  ok(looksEncrypted(stored));
  equal(await unseal(key, "pohoda.password", stored), "Heslo-123 žluťoučký");
});

Deno.test("every seal uses a fresh IV, so equal secrets do not look equal on disk", async () => {
  const values = await Promise.all(Array.from({ length: 50 }, () => seal(key, "flowii.api_key", "same")));
  equal(new Set(values).size, 50);
  const ivs = values.map((v) => Uint8Array.fromBase64(v.slice("enc:v1:".length)).subarray(0, 12).toBase64());
  equal(new Set(ivs).size, 50);
});

Deno.test("a tampered, truncated or hand-written value does not open", async () => {
  const stored = await seal(key, "pohoda.password", "secret");
  const bytes = Uint8Array.fromBase64(stored.slice("enc:v1:".length));
  for (const i of [0, 12, bytes.length - 1]) {
    const flipped = bytes.slice();
    flipped[i] ^= 1;
    equal(await unseal(key, "pohoda.password", "enc:v1:" + flipped.toBase64()), null, `byte ${i}`);
  }
  equal(await unseal(key, "pohoda.password", "enc:v1:" + bytes.subarray(0, 20).toBase64()), null);
  equal(await unseal(key, "pohoda.password", "secret"), null);
  equal(await unseal(key, "pohoda.password", "enc:v1:***"), null);
});

Deno.test("a value moved to another key of the config does not open", async () => {
  const stored = await seal(key, "flowii.password", "secret");
  equal(await unseal(key, "pohoda.password", stored), null);
});

Deno.test("a value does not open with another key file", async () => {
  const other = await crypto.subtle.importKey("raw", new Uint8Array(32), { name: "AES-GCM" }, false, [
    "decrypt",
  ]);
  equal(await unseal(other, "pohoda.password", await seal(key, "pohoda.password", "secret")), null);
});

Deno.test("a Secret shows only a mask in strings, JSON and inspection", () => {
  const secret = new Secret("do-not-print-me");
  equal(`${secret}`, MASK);
  equal(JSON.stringify({ secret }), `{"secret":"${MASK}"}`);
  ok(!Deno.inspect({ secret }).includes("do-not-print-me"));
  equal(secret.reveal(), "do-not-print-me");
});
