import { deepEqual, equal } from "node:assert/strict";
import {
  el,
  encodeDocument,
  encodeDocumentChunks,
  escapeAttr,
  escapeText,
  leaf,
  renderDocument,
} from "./xml.ts";

Deno.test("escapeText escapes markup and CR, and drops characters XML cannot carry", () => {
  equal(escapeText(`Baťa & syn <"O'Neill">`), `Baťa &amp; syn &lt;"O'Neill"&gt;`);
  equal(escapeText("a\u0001b\u000Bc\uFFFEd"), "abcd");
  equal(escapeText("lone \uD800 surrogate, pair 🎁 kept"), "lone  surrogate, pair 🎁 kept");
  equal(escapeText("line\r\nnext\ttab"), "line&#13;\nnext\ttab");
});

Deno.test("escapeAttr also escapes quotes and keeps whitespace as references", () => {
  equal(escapeAttr(`a "b"\tc\nd\re`), "a &quot;b&quot;&#9;c&#10;d&#13;e");
});

Deno.test("renderDocument omits undefined children and attributes, and indents with CRLF", () => {
  const doc = el(
    "a",
    { x: "1&2", gone: undefined },
    leaf("b", "t<"),
    leaf("c", undefined),
    leaf("n", 42),
    el("d", {}),
  );
  equal(
    renderDocument(doc, "utf-8"),
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<a x="1&amp;2">\r\n  <b>t&lt;</b>\r\n  <n>42</n>\r\n' +
      "  <d/>\r\n</a>\r\n",
  );
});

Deno.test("encodeDocument writes the bytes its declaration names", () => {
  const doc = el("a", {}, leaf("b", "kůň 🎁"));
  const legacy = new TextDecoder("windows-1250").decode(encodeDocument(doc, "windows-1250"));
  equal(legacy, '<?xml version="1.0" encoding="Windows-1250"?>\r\n<a>\r\n  <b>kůň ?</b>\r\n</a>\r\n');
  const modern = new TextDecoder().decode(encodeDocument(doc, "utf-8"));
  equal(modern, legacy.replace("Windows-1250", "UTF-8").replace("?</b>", "🎁</b>"));
});

Deno.test("encodeDocumentChunks joins to encodeDocument's bytes, chunk boundaries anywhere", async () => {
  const children = Array.from(
    { length: 25 },
    (_, i) => el("item", { n: String(i) }, leaf("t", `Žluťoučký ${i}`)),
  );
  const root = el("root", { a: "1" });
  for (const encoding of ["utf-8", "windows-1250"] as const) {
    const whole = encodeDocument({ ...root, children }, encoding);
    for (const chunkChars of [1, 40, 1 << 20]) {
      const chunks = [...encodeDocumentChunks(root, children, encoding, chunkChars)];
      deepEqual(await new Blob(chunks).bytes(), whole);
      if (chunkChars === 1) equal(chunks.length, children.length + 1);
    }
  }
});
