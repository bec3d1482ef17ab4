import { deepEqual, equal } from "node:assert/strict";
import { encodeWindows1250, toWindows1250Repertoire, unencodableChars } from "./cp1250.ts";

const decode = (bytes: Uint8Array) => new TextDecoder("windows-1250").decode(bytes);

Deno.test("Czech and Slovak text round-trips, one byte per character", () => {
  const text = "Příliš žluťoučký kůň úpěl ďábelské ódy – „ŽŠČŘĎŤŇ“; Ľubica, Hĺbkové vŕtanie, Pôtor, " +
    "Mäsiarstvo € ş ă";
  const bytes = encodeWindows1250(text);
  equal(bytes.length, [...text].length);
  equal(decode(bytes), text);
  deepEqual([...encodeWindows1250("žŽčČ")], [0x9e, 0x8e, 0xe8, 0xc8]);
});

Deno.test("every byte value survives decode → encode", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  deepEqual(encodeWindows1250(decode(all)), all);
});

Deno.test("characters outside windows-1250 become question marks, one per code point", () => {
  equal(decode(encodeWindows1250("Ștefan Țurcanu 🎁")), "?tefan ?urcanu ?");
  equal(toWindows1250Repertoire("Ștefan 😀 ok"), "?tefan ? ok");
  deepEqual([...encodeWindows1250("ș")], [0x3f]);
});

Deno.test("unencodableChars lists each foreign character once, in order", () => {
  deepEqual(unencodableChars("Ștefan ș Țurcanu 🎁 ş"), ["Ș", "ș", "Ț", "🎁"]);
  deepEqual(unencodableChars("Šťastný"), []);
});

Deno.test("U+FFFD is never encodable, whatever the decoder makes of undefined bytes", () => {
  deepEqual(unencodableChars("\uFFFD"), ["\uFFFD"]);
  equal(toWindows1250Repertoire("a\uFFFDb"), "a?b");
});
