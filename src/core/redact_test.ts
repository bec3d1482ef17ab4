import { equal } from "node:assert/strict";
import { encodeWindows1250 } from "../../tests/emulators/cp1250.ts";
import { secretForms } from "../../tests/helpers/secret_forms.ts";
import { redact, redactBytes, registerSecret, registerToken } from "./redact.ts";

// Registered once for the whole file: the registry is the process's.
const PASSWORD = `Tajné heslo!'()~+&=<>"/\\ř1`;
const USER = "uctovnik@example.sk";
registerSecret(PASSWORD);
registerSecret("ab1"); // too short to redact
registerSecret("kód9"); // short: only as a whole word

const utf8 = (text: string) => new TextEncoder().encode(text);
const forms = () => secretForms(PASSWORD, [USER, "spojka"]);

Deno.test("a password is masked in every form it travels in, and the text around it stays", () => {
  for (const [name, form] of Object.entries(forms())) {
    equal(redact(`before ${form} after`), "before *** after", name);
  }
});

Deno.test("bytes: UTF-8 and windows-1250 forms are masked, every other byte stays as it was", () => {
  for (const [name, form] of Object.entries(forms())) {
    for (const [encoding, encode] of [["utf-8", utf8], ["windows-1250", encodeWindows1250]] as const) {
      const around = [0x3c, 0x61, 0x20, 0xe9, 0x81, 0x22]; // `<a é` , an undefined byte, `"`
      const bytes = Uint8Array.from([...around, ...encode(form), ...around]);
      const out = redactBytes(bytes);
      equal(
        out.join(","),
        [...around, ...utf8("***"), ...around].join(","),
        `${name} in ${encoding}`,
      );
    }
  }
});

Deno.test("bytes without a secret come back as the same array", () => {
  const bytes = utf8('<rsp:responsePack state="ok"/>');
  equal(redactBytes(bytes), bytes);
});

Deno.test("a secret shorter than 4 characters is not redacted: it would mask ordinary text", () => {
  equal(redact("ab1 and xab12"), "ab1 and xab12");
});

Deno.test("a secret of 4 to 7 characters is masked only where it stands alone", () => {
  equal(redact("kód9, kód9x, xkód9, kód98, (kód9)"), "***, kód9x, xkód9, kód98, (***)");
  equal(redact(`password=${encodeURIComponent("kód9")}&x`), "password=***&x");
});

Deno.test("two secrets and repeated occurrences are all masked", () => {
  registerSecret("second-secret-value");
  equal(
    redact(`${PASSWORD} second-secret-value ${encodeURIComponent(PASSWORD)}`),
    "*** *** ***",
  );
});

Deno.test("a long Base64 run without the secret is left alone", () => {
  const blob = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251).toBase64();
  const text = `data:${blob}`;
  equal(redact(text), text);
  // Within one, the whole run is masked: no character of it is left to guess from.
  equal(redact(`data:${blob.slice(0, 1000)}${utf8(`user:${PASSWORD}`).toBase64()}`), "data:***");
});

Deno.test("access tokens are masked while they are among the last few; the pattern does not grow with them", () => {
  const token = (i: number) => `tok-${String(i).padStart(4, "0")}-abcdefgh`;
  for (let i = 0; i < 1000; i++) registerToken(token(i));
  equal(redact(`Bearer ${token(999)}`), "Bearer ***");
  equal(redact(`Bearer ${token(996)}`), "Bearer ***");
  // A token four renewals old has expired: no longer a secret, and no longer in the pattern.
  equal(redact(`Bearer ${token(995)}`), `Bearer ${token(995)}`);
});
