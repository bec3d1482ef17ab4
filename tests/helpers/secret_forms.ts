/**
 * Every form a secret travels in, spelled out independently of the redaction under test, and a
 * search for any of them in text or bytes (UTF-8 or windows-1250).
 *
 * @module
 */

import { encodeWindows1250 } from "../emulators/cp1250.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The secret's forms by name; `users` adds Basic authentication's `user:secret` in both encodings. */
export function secretForms(secret: string, users: readonly string[] = []): Record<string, string> {
  const form = new URLSearchParams({ p: secret }).toString().slice(2);
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  const forms: Record<string, string> = {
    raw: secret,
    encodeURIComponent: encodeURIComponent(secret),
    "form-urlencoded": form,
    "form-urlencoded, lower-case hex": form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    "form-urlencoded, windows-1250": [...encodeWindows1250(secret)].map((byte) =>
      /[A-Za-z0-9*\-._]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : byte === 0x20
        ? "+"
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`
    ).join(""),
    JSON: jsonEscaped,
    "JSON, ASCII only": jsonEscaped.replace(
      /[^ -~]/g, // beyond printable ASCII
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    ),
    "JSON, slashes escaped": jsonEscaped.replaceAll("/", "\\/"),
    "XML text": secret.replaceAll("&", "&amp;").replaceAll("<", "&lt;"),
    "XML attribute": secret.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
      .replaceAll('"', "&quot;").replaceAll("'", "&apos;"),
    "XML character references": [...secret].map((c) =>
      c === "&" ? "&amp;" : c === "<" ? "&#x3C;" : c < "\x80" ? c : `&#${c.codePointAt(0)};`
    ).join(""),
    Base64: utf8(secret).toBase64(),
    base64url: utf8(secret).toBase64({ alphabet: "base64url", omitPadding: true }),
    "Base64 inside a longer value": utf8(`{"password":"${secret}","more":1}`).toBase64(),
  };
  for (const user of users) {
    forms[`Basic ${user}:…`] = utf8(`${user}:${secret}`).toBase64();
    forms[`Basic ${user}:…, windows-1250`] = encodeWindows1250(`${user}:${secret}`).toBase64();
  }
  return forms;
}

/**
 * The names of the forms found in `content`: in text as it is, in bytes as UTF-8 or windows-1250
 * (a form windows-1250 cannot hold is looked for in UTF-8 only).
 */
export function formsFound(content: string | Uint8Array, forms: Record<string, string>): string[] {
  const haystacks = typeof content === "string" ? [content] : [
    new TextDecoder().decode(content),
    new TextDecoder("windows-1250").decode(content),
  ];
  return Object.entries(forms)
    .filter(([, form]) => haystacks.some((haystack) => haystack.includes(form)))
    .map(([name]) => name);
}
