import { deepEqual, equal, rejects, throws } from "node:assert/strict";
import { decodeXml, decodeXmlStream, encode1250, transliterate, unencodable } from "./encoding.ts";

const czsk = "Žluťoučký kůň úpěl ďábelské ódy; Ľubomír, Ŕ, ô, ä, ĺ; Łódź; Győr; € „uvozovky“ – pomlčka";

Deno.test("Czech, Slovak, Polish and Hungarian text round-trips through windows-1250", () => {
  deepEqual(unencodable(czsk), []);
  equal(new TextDecoder("windows-1250").decode(encode1250(czsk)), czsk);
});

Deno.test("characters windows-1250 cannot hold are reported, each once, with their code point", () => {
  // Romanian ă is in windows-1250; ș and ț with a comma below (the correct forms) are not.
  deepEqual(unencodable("Ștefan Țăran ș 😀"), [
    { char: "Ș", codePoint: "U+0218" },
    { char: "Ț", codePoint: "U+021A" },
    { char: "ș", codePoint: "U+0219" },
    { char: "😀", codePoint: "U+1F600" },
  ]);
  throws(() => encode1250("Ștefan"), /cannot hold Ș/);
});

Deno.test("transliteration keeps the base letter, and leaves what has none", () => {
  equal(transliterate("Ștefan Țăran"), "Stefan Tăran"); // ă is in windows-1250, the comma-below letters are not
  equal(transliterate("Žluťoučký"), "Žluťoučký");
  equal(transliterate("ok 😀"), "ok 😀");
});

Deno.test("XML is decoded as its declaration says", () => {
  const text = '<?xml version="1.0" encoding="Windows-1250"?><a>Žluťoučký</a>';
  equal(decodeXml(encode1250(text)), text);
  const utf = '<?xml version="1.0" encoding="UTF-8"?><a>Ľubomír</a>';
  equal(decodeXml(new TextEncoder().encode(utf)), utf);
  equal(decodeXml(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("<a>ô</a>")])), "<a>ô</a>");
  equal(decodeXml(new TextEncoder().encode("<a>č</a>")), "<a>č</a>");
});

Deno.test("windows-1250 bytes declared as UTF-8 are an error, not mojibake", () => {
  throws(() => decodeXml(encode1250('<?xml version="1.0" encoding="UTF-8"?><a>č</a>')), /not valid UTF-8/);
  throws(
    () => decodeXml(new TextEncoder().encode('<?xml version="1.0" encoding="x-klingon"?><a/>')),
    /x-klingon/,
  );
});

Deno.test("bytes that are not the UTF-16 their byte-order mark says are a SyntaxError naming it", async () => {
  const utf16 = (text: string, extra: number[] = []) => {
    const bytes = new Uint8Array(2 + 2 * text.length + extra.length);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      new DataView(bytes.buffer).setUint16(2 + 2 * i, text.charCodeAt(i), true);
    }
    bytes.set(extra, 2 + 2 * text.length);
    return bytes;
  };
  const xml = '<?xml version="1.0" encoding="UTF-16"?><a>Žluť</a>';
  equal(decodeXml(utf16(xml)), xml);
  for (const bad of [utf16(xml, [0x41]), utf16(xml.replace("Ž", "\ud800"))]) {
    for (const size of [1, 5, 1e6]) {
      const pieces = async function* () {
        for (let i = 0; i < bad.length; i += size) yield bad.subarray(i, i + size);
      };
      await rejects(
        () => Array.fromAsync(decodeXmlStream(pieces())),
        (e) =>
          e instanceof SyntaxError &&
          /UTF-16LE byte-order mark but its bytes are not valid UTF-16LE/.test(e.message),
        `${size}`,
      );
    }
  }
});

Deno.test("UTF-8 bytes that declare windows-1250 are read as UTF-8 and reported; real windows-1250 is not", async () => {
  const text = (encoding: string) =>
    `<?xml version="1.0" encoding="${encoding}"?>\n<r>${"<a>plain ASCII first</a>".repeat(50)}` +
    `<b>${czsk.replace(/[Łő]/g, "")}</b>${"<c>Kroměříž, Žilina</c>".repeat(300)}</r>`;
  const lying = new TextEncoder().encode(text("windows-1250"));
  const honest = encode1250(text("windows-1250"));
  const read = async (bytes: Uint8Array, size: number) => {
    const declared: string[] = [];
    const pieces = async function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    };
    const decoded = (await Array.fromAsync(
      decodeXmlStream(pieces(), { mislabelled: (label) => declared.push(label) }),
    )).join("");
    return { decoded, declared };
  };
  for (const size of [1, 7, 1000, 1e6]) {
    deepEqual(
      await read(lying, size),
      { decoded: text("windows-1250"), declared: ["windows-1250"] },
      `${size}`,
    );
    deepEqual(await read(honest, size), { decoded: text("windows-1250"), declared: [] }, `${size}`);
  }
  // A short document decides at its end.
  const short = new TextEncoder().encode(`<?xml version="1.0" encoding="windows-1250"?><r>Žluť</r>`);
  deepEqual(await read(short, 3), {
    decoded: `<?xml version="1.0" encoding="windows-1250"?><r>Žluť</r>`,
    declared: ["windows-1250"],
  });
});
