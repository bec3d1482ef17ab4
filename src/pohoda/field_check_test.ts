import { deepEqual, equal, match, ok, throws } from "node:assert/strict";
import { generateDataset } from "../../tests/emulators/flowii/dataset.ts";
import { documentsExportChunks, partnersExportChunks } from "../../tests/emulators/flowii/pohoda_xml.ts";
import { setLanguage } from "../i18n/mod.ts";
import { decodeXmlStream } from "./encoding.ts";
import { checkItem, type FieldProblem, refusalReason, screenItem } from "./field_check.ts";
import { transformStream } from "./transform.ts";
import { sampleItems } from "./_testing.ts";

const [invoice] = await sampleItems("own-invoice-datapack.xml");
const [partner] = await sampleItems("own-addressbook-datapack.xml");

/** The sample invoice with its header text replaced by `text` (as written in XML). */
function withHeaderText(text: string): string {
  const out = invoice.replace(
    "<inv:text>Fakturujeme Vám zboží a služby</inv:text>",
    `<inv:text>${text}</inv:text>`,
  );
  ok(out !== invoice);
  return out;
}

function brief(problems: FieldProblem[]) {
  return problems.map((p) =>
    p.kind === "character"
      ? { field: p.field, codePoint: p.codePoint, what: p.what }
      : { field: p.field, length: p.length, limit: p.limit }
  );
}

Deno.test("real items pass: the samples and what the transform makes of the emulator's exports", async () => {
  const items = [
    ...await sampleItems("own-invoice-datapack.xml"),
    ...await sampleItems("own-addressbook-datapack.xml"),
    ...await sampleItems("masa331-basic_invoice.xml"),
  ];
  const dataset = generateDataset({ seed: 7, partners: 30, documents: 60, start: new Date("2026-01-01Z") });
  const options = { encoding: "windows-1250" as const, company: dataset.company, partners: dataset.partners };
  for (
    const chunks of [
      documentsExportChunks(dataset.documents, options),
      partnersExportChunks(dataset.partners, options),
    ]
  ) {
    const events = transformStream(decodeXmlStream(ReadableStream.from(chunks)), {
      extSystem: "spojka",
      unsupportedCharacters: "reject",
      maxItemChars: 4_000_000,
    });
    for await (const event of events) if (event.kind === "item") items.push(event.item.xml);
  }
  equal(items.length, 4 + 60 + 30);
  for (const xml of items) deepEqual(checkItem(xml), [], xml.slice(0, 200));
});

Deno.test("every character POHODA cannot take is named with its field, code point and kind", () => {
  const cases: [string, string, string][] = [
    ["\0", "U+0000", "nul"],
    ["\x07", "U+0007", "control"],
    ["\x1f", "U+001F", "control"],
    ["\x80", "U+0080", "control"],
    ["\x9e", "U+009E", "control"],
    ["\x81", "U+0081", "undefined"],
    ["\x83", "U+0083", "undefined"],
    ["\x88", "U+0088", "undefined"],
    ["\x90", "U+0090", "undefined"],
    ["\x98", "U+0098", "undefined"],
    ["\ufffe", "U+FFFE", "control"],
    ["ș", "U+0219", "outside"],
    ["😀", "U+1F600", "outside"],
  ];
  for (const [char, codePoint, what] of cases) {
    const problems = checkItem(withHeaderText(`Dodávka${char} zboží`));
    deepEqual(brief(problems), [{ field: "invoiceHeader/text", codePoint, what }], codePoint);
    match(problems[0].message, /^invoiceHeader\/text: POHODA cannot take .* Correct the text in FLOWii/);
  }
});

Deno.test("windows-1250's own characters, tab and line ends pass", () => {
  deepEqual(checkItem(withHeaderText("ő Ł ť ž Ž € „uvozovky“ – … ™ §\ttab\nnew line")), []);
});

Deno.test("the messages say what the invisible characters are and show where they sit", () => {
  const [undefinedByte] = checkItem(withHeaderText("Dodávka\x98 zboží"));
  equal(undefinedByte.excerpt, "Dodávka[U+0098] zboží");
  match(undefinedByte.message, /U\+0098 \(the byte 0x98, which windows-1250 does not define\)/);
  match(undefinedByte.message, /invisible: retype the text around it/);
  const [damaged] = checkItem(withHeaderText("U\x9eivatelský export"));
  match(damaged.message, /U\+009E \(often the letter "ž" damaged by a wrong code page\)/);
});

Deno.test("character references count as the characters they stand for", () => {
  deepEqual(brief(checkItem(withHeaderText("a&#x98;b&#0;c&#152;d&#x219;"))), [
    { field: "invoiceHeader/text", codePoint: "U+0098", what: "undefined" },
    { field: "invoiceHeader/text", codePoint: "U+0000", what: "nul" },
    { field: "invoiceHeader/text", codePoint: "U+0219", what: "outside" },
  ]);
  deepEqual(checkItem(withHeaderText("line&#10;break &amp; &lt;tag&gt; &#x10D;")), []);
});

Deno.test("attribute values are checked, raw or as references", () => {
  const xml = invoice.replace('checkDuplicity="true"', 'checkDuplicity="tr&#x1;ue"')
    .replace(' version="2.0">', ' version="2.0\x98">');
  deepEqual(brief(checkItem(xml)), [
    { field: "@version", codePoint: "U+0098", what: "undefined" },
    { field: "invoiceHeader/number/numberRequested/@checkDuplicity", codePoint: "U+0001", what: "control" },
  ]);
});

Deno.test("a value longer than the XSD allows is named with its length and the limit", () => {
  deepEqual(checkItem(withHeaderText("x".repeat(240))), []);
  const [problem, ...rest] = checkItem(withHeaderText("x".repeat(241)));
  deepEqual(rest, []);
  deepEqual(brief([problem]), [{ field: "invoiceHeader/text", length: 241, limit: 240 }]);
  equal(problem.excerpt, `${"x".repeat(40)}…`);
  match(
    problem.message,
    /^invoiceHeader\/text: 241 characters, and POHODA takes at most 240 here .* in FLOWii\.$/,
  );
  // Length counts characters, as written in XML or not: `&amp;` is one, a line end written CR LF is one.
  deepEqual(checkItem(withHeaderText("&amp;".repeat(120) + "\r\n".repeat(120))), []);
  const company = partner.replace(
    "<typ:company>Žluťoučký kůň s.r.o.</typ:company>",
    `<typ:company>${"Ž".repeat(256)}</typ:company>`,
  );
  deepEqual(brief(checkItem(company)), [
    { field: "addressbookHeader/identity/address/company", length: 256, limit: 255 },
  ]);
});

Deno.test("repeated elements are numbered in the field", () => {
  const long = "y".repeat(91);
  deepEqual(brief(checkItem(invoice.replace("<inv:text>Kniha</inv:text>", `<inv:text>${long}</inv:text>`))), [
    { field: "invoiceDetail/invoiceItem[2]/text", length: 91, limit: 90 },
  ]);
  deepEqual(
    brief(checkItem(invoice.replace("<inv:text>Konzultace</inv:text>", `<inv:text>${long}\0</inv:text>`))),
    [
      { field: "invoiceDetail/invoiceItem[1]/text", codePoint: "U+0000", what: "nul" },
      { field: "invoiceDetail/invoiceItem[1]/text", length: 92, limit: 90 },
    ],
  );
});

Deno.test("a 16 MiB text is one problem with a short excerpt", () => {
  const huge = 16 * 1024 * 1024;
  const [tooLong, ...none] = checkItem(withHeaderText("a".repeat(huge)));
  deepEqual(none, []);
  deepEqual(brief([tooLong]), [{ field: "invoiceHeader/text", length: huge, limit: 240 }]);
  ok(tooLong.message.length < 200);
  deepEqual(brief(checkItem(withHeaderText("\0".repeat(huge)))), [
    { field: "invoiceHeader/text", codePoint: "U+0000", what: "nul" },
    { field: "invoiceHeader/text", length: huge, limit: 240 },
  ]);
});

Deno.test("only the very names of a path have its limit, not names that merely hash alike", () => {
  // "teyU" hashes like "text" (31 × 'y' + 'U' = 31 × 'x' + 't').
  const lookalike = withHeaderText("ok").replace(
    "<inv:dateDue>",
    `<inv:teyU>${"z".repeat(300)}</inv:teyU><inv:dateDue>`,
  );
  deepEqual(checkItem(lookalike), []);
  throws(() => checkItem(invoice, { "invoice/text": 1, "invoice/teyU": 2 }), /hash alike/);
});

Deno.test("attribute limits apply when a table has them", () => {
  const limits = { "invoice/invoiceHeader/number/numberRequested/@checkDuplicity": 3 };
  deepEqual(brief(checkItem(invoice, limits)), [
    { field: "invoiceHeader/number/numberRequested/@checkDuplicity", length: 4, limit: 3 },
  ]);
});

Deno.test("an item cut short is a SyntaxError, not a pass", () => {
  throws(() => checkItem(invoice.slice(0, invoice.indexOf("checkDuplicity") + 20)), SyntaxError);
});

Deno.test("reject mode keeps the item as it is and lists every problem", () => {
  const xml = withHeaderText(`a\x98b😀${"c".repeat(240)}`);
  const screened = screenItem(xml, "reject");
  equal(screened.xml, xml);
  deepEqual(screened.notes, []);
  deepEqual(screened.problems.map((p) => p.kind), ["character", "character", "too_long"]);
});

Deno.test("transliterate mode removes control characters and undefined bytes, with a note each", () => {
  const xml = withHeaderText("a\x98b&#x1;c\0d😀");
  const screened = screenItem(xml, "transliterate");
  equal(screened.xml, withHeaderText("abcd😀"));
  deepEqual(screened.notes, [
    'invoiceHeader/text: removed the character U+0098 (the byte 0x98, which windows-1250 does not define) from "a[U+0098]b[U+0001]c[U+0000]d😀"',
    'invoiceHeader/text: removed the control character U+0001 from "a[U+0098]b[U+0001]c[U+0000]d😀"',
    'invoiceHeader/text: removed a NUL character (U+0000) from "a[U+0098]b[U+0001]c[U+0000]d😀"',
  ]);
  // What has no replacement still keeps the item from POHODA.
  deepEqual(brief(screened.problems), [{
    field: "invoiceHeader/text",
    codePoint: "U+1F600",
    what: "outside",
  }]);
  // Line breaks written as references are text, not controls.
  equal(screenItem(withHeaderText("a&#10;b"), "transliterate").xml, withHeaderText("a&#10;b"));
});

Deno.test("the refusal reason names the fields and, where it helps, the transliterate setting", () => {
  const controls = checkItem(withHeaderText("a\x98b"));
  match(
    refusalReason(controls, "reject"),
    /^invoiceHeader\/text: POHODA cannot take .* retype the text around it\)\. For the characters, .*unsupported_characters = "transliterate"/,
  );
  const emoji = checkItem(withHeaderText("a😀b"));
  ok(!refusalReason(emoji, "reject").includes("transliterate"));
  ok(!refusalReason(controls, "transliterate").includes("unsupported_characters"));
  const many = checkItem(
    withHeaderText(Array.from({ length: 7 }, (_, i) => String.fromCharCode(1 + i)).join("")),
  );
  match(refusalReason(many, "transliterate"), /\(and 2 more\)$/);
});

Deno.test("in Czech and Slovak, the reason names the field, what is wrong and what to do", () => {
  try {
    setLanguage("cs");
    equal(
      refusalReason(checkItem(withHeaderText("a\x98b")), "reject"),
      "invoiceHeader/text: POHODA nepřijme znak U+0098 (bajt 0x98, který windows-1250 nedefinuje) v " +
        "„a[U+0098]b“. Opravte text ve FLOWii (znak je neviditelný: přepište text kolem něj). U znaků " +
        'můžete místo toho nastavit v [pohoda] unsupported_characters = "transliterate": spojka pak ' +
        "písmena, která windows-1250 nemá, nahradí základním písmenem a řídicí znaky odstraní, vždy s poznámkou.",
    );
    const many = checkItem(
      withHeaderText(Array.from({ length: 7 }, (_, i) => String.fromCharCode(1 + i)).join("")),
    );
    match(refusalReason(many, "transliterate"), / \(a 2 další\)$/);
    setLanguage("sk");
    const [long] = checkItem(withHeaderText("x".repeat(241)));
    match(
      long.message,
      /^invoiceHeader\/text: 241 znakov a POHODA tu prijme najviac 240 \(„x+…“\)\. Skráťte text vo FLOWii\.$/,
    );
  } finally {
    setLanguage("en");
  }
});
