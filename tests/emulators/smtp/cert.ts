/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with Web Crypto (ECDSA P-256) and a
 * little DER, so TLS can be tested without openssl or a key kept in the repository. It is not a CA
 * certificate: trusted as a root (`DENO_CERT`, or a client's own CA list) it serves as the server's.
 *
 * @module
 */

/** A certificate and its private key, both PEM. */
export interface TestCertificate {
  cert: string;
  key: string;
}

/** A new certificate valid from an hour ago for a day. */
export async function selfSignedCertificate(): Promise<TestCertificate> {
  const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  const ecdsaWithSha256 = seq(oid("1.2.840.10045.4.3.2"));
  const name = seq(set(seq(oid("2.5.4.3"), tlv(0x0c, new TextEncoder().encode("spojka test")))));
  const now = Date.now();
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] &= 0x7f; // a positive INTEGER
  const tbs = seq(
    tlv(0xa0, integer(new Uint8Array([2]))), // version 3
    integer(serial),
    ecdsaWithSha256,
    name,
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 86_400_000))),
    name,
    spki,
    tlv(
      0xa3,
      seq(
        // subjectAltName: IP 127.0.0.1 and DNS localhost (TLS clients match these, not the CN)
        seq(
          oid("2.5.29.17"),
          tlv(
            0x04,
            seq(tlv(0x87, new Uint8Array([127, 0, 0, 1])), tlv(0x82, new TextEncoder().encode("localhost"))),
          ),
        ),
        // basicConstraints, critical: not a CA, so it may serve as the server's own certificate
        seq(oid("2.5.29.19"), tlv(0x01, new Uint8Array([0xff])), tlv(0x04, seq())),
      ),
    ),
  );
  const raw = new Uint8Array(
    await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, tbs),
  );
  const signature = seq(integer(raw.subarray(0, 32)), integer(raw.subarray(32)));
  const cert = seq(tbs, ecdsaWithSha256, tlv(0x03, concat(new Uint8Array([0]), signature)));
  return { cert: pem("CERTIFICATE", cert), key: pem("PRIVATE KEY", pkcs8) };
}

function tlv(tag: number, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return concat(new Uint8Array([tag, ...length]), body);
}

function seq(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return tlv(0x30, concat(...parts));
}

function set(...parts: Uint8Array[]): Uint8Array {
  return tlv(0x31, concat(...parts));
}

/** An unsigned big-endian number as a DER INTEGER: no leading zeros, one added if the top bit is set. */
function integer(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, trimmed[0] & 0x80 ? concat(new Uint8Array([0]), trimmed) : trimmed);
}

function oid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const digits = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) digits.unshift((v & 0x7f) | 0x80);
    out.push(...digits);
  }
  return tlv(0x06, new Uint8Array(out));
}

function utcTime(date: Date): Uint8Array {
  const text = date.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
  return tlv(0x17, new TextEncoder().encode(text));
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function pem(label: string, der: Uint8Array): string {
  const base64 = der.toBase64().replace(/.{64}/g, "$&\n").trimEnd();
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}
