import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { setLanguage } from "../i18n/mod.ts";
import { decodeXml, decodeXmlStream, encode1250 } from "./encoding.ts";
import { readXmlItems, type XmlStreamEvent, XmlSyntaxError } from "./xmlstream.ts";
import { parseXml, serialize } from "./xmltree.ts";

const DAT = "http://www.stormware.cz/schema/version_2/data.xsd";
const INV = "http://www.stormware.cz/schema/version_2/invoice.xsd";
const TYP = "http://www.stormware.cz/schema/version_2/type.xsd";

async function* chunked(text: string, sizes: () => number): AsyncGenerator<string> {
  for (let i = 0; i < text.length;) {
    const size = sizes();
    yield text.slice(i, i + size);
    i += size;
  }
}

/** Deterministic chunk sizes 1..max. */
function randomSizes(seed: number, max: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return 1 + (state % max);
  };
}

function read(
  text: string,
  maxItemChars = 1e6,
  sizes = () => text.length,
  raw = false,
): Promise<XmlStreamEvent[]> {
  return Array.fromAsync(readXmlItems(chunked(text, sizes), { maxItemChars, raw }));
}

const kinds = (events: XmlStreamEvent[]) => events.map((e) => e.kind);
const items = (events: XmlStreamEvent[]) =>
  events.flatMap((e) => e.kind === "item" ? [serialize(e.element)] : []);

/** Much of what XML allows, with CRLF line ends and references cut anywhere a chunk may end. */
const sample = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- export -->\r\n` +
  `<dat:dataPack xmlns:dat="${DAT}" xmlns:typ="${TYP}" version="2.0" note="a &amp; b &#x17E;">\r\n` +
  `  <dat:dataPackItem id="1">\r\n    <inv:invoice xmlns:inv="${INV}" version="2.0">\r\n` +
  `      <inv:text>T&amp;T &lt;x&gt; &#x17E;&#269; &quot;q&quot; &apos;a&apos;</inv:text>\r\n` +
  `      <inv:note><![CDATA[1 < 2 & <b>bold</b>]]> and ]]&gt; after</inv:note>\r\n` +
  `      <?pi ignored?><inv:intNote>line 1\r\nline 2\rline 3<!-- cut --> end</inv:intNote>\r\n` +
  `      <typ:ids attr = 'x > y' other="tab\there&#9;kept"/>\r\n` +
  `    </inv:invoice>\r\n  </dat:dataPackItem>\r\n  text between records is ignored\r\n` +
  `  <dat:dataPackItem id="2"><x:invoice xmlns:x="${INV}"><x:text>č€😀</x:text></x:invoice></dat:dataPackItem>\r\n` +
  `  <other xmlns="urn:other"><child/></other>\r\n</dat:dataPack>\r\n<!-- trailer -->\r\n`;

Deno.test("the root comes first, then each child of the root as a tree", async () => {
  const events = await read(sample);
  deepEqual(kinds(events), ["root", "item", "item", "item"]);
  const root = events[0].kind === "root" ? events[0].root : undefined;
  equal(root?.name, "dat:dataPack");
  equal(root?.ns, DAT);
  deepEqual(root?.attrs, [{ name: "version", value: "2.0" }, { name: "note", value: "a & b ž" }]);
  deepEqual(root?.children, []);
  deepEqual(events.map((e) => e.kind === "item" ? e.index : -1), [-1, 0, 1, 2]);
});

Deno.test("text is decoded exactly: references, CDATA, line ends; comments and PIs are dropped", async () => {
  const [first] = items(await read(sample));
  equal(
    first,
    `<dat:dataPackItem xmlns:dat="${DAT}" xmlns:inv="${INV}" xmlns:typ="${TYP}" id="1">` +
      `<inv:invoice version="2.0"><inv:text>T&amp;T &lt;x&gt; žč "q" 'a'</inv:text>` +
      `<inv:note>1 &lt; 2 &amp; &lt;b&gt;bold&lt;/b&gt; and ]]&gt; after</inv:note>` +
      `<inv:intNote>line 1\nline 2\nline 3 end</inv:intNote>` +
      `<typ:ids attr="x > y" other="tab here&#9;kept"/></inv:invoice></dat:dataPackItem>`,
  );
});

Deno.test("chunk boundaries anywhere give the same events", async () => {
  const whole = await read(sample);
  deepEqual(await read(sample, 1e6, () => 1), whole);
  deepEqual(await read(sample, 1e6, () => 7), whole);
  for (const seed of [1, 2, 3, 4, 5]) deepEqual(await read(sample, 1e6, randomSizes(seed, 40)), whole);
});

Deno.test("namespaces resolve by URI, declared on the root or on the item, whatever the prefix", async () => {
  const exportWith = (dat: string, inv: string, onItem: boolean) =>
    `<${dat}:dataPack xmlns:${dat}="${DAT}"${onItem ? "" : ` xmlns:${inv}="${INV}"`}>` +
    `<${dat}:dataPackItem><${inv}:invoice${onItem ? ` xmlns:${inv}="${INV}"` : ""}>` +
    `<${inv}:text>a</${inv}:text></${inv}:invoice></${dat}:dataPackItem></${dat}:dataPack>`;
  for (
    const [dat, inv, onItem] of [["dat", "inv", false], ["d", "i", true], ["data", "dat", false]] as const
  ) {
    const [root, item] = await read(exportWith(dat, inv, onItem));
    equal(root.kind === "root" && root.root.ns, DAT);
    const invoice = item.kind === "item" ? item.element.children[0] : undefined;
    ok(typeof invoice === "object");
    equal(invoice.ns, INV);
    equal(invoice.name, `${inv}:invoice`);
    // The tree serialises on its own, declaring what it uses.
    deepEqual(parseXml(serialize(invoice)), invoice);
  }
  const [, item] = await read(`<r xmlns="urn:a"><item xmlns=""><x/></item><y/></r>`);
  equal(item.kind === "item" && item.element.ns, "");
});

/** The records of raw events as `[text, plain]`. */
const records = (events: XmlStreamEvent[]) =>
  events.flatMap((e) => e.kind === "record" ? [[e.text, e.plain] as const] : []);

Deno.test("raw: each child of the root comes out as written, however the text is chunked", async () => {
  const doc = `<r xmlns:p="urn:p" a="1">\n <p:a x="1">T&amp;T <b/>\n</p:a>\n` +
    ` <c><!-- note --></c> <d>&#x17E;</d> <e xmlns:q="urn:q"><q:f/></e> <g><![CDATA[<]]></g><h><?pi?></h></r>`;
  const expected = [
    [`<p:a x="1">T&amp;T <b/>\n</p:a>`, true],
    [`<c><!-- note --></c>`, false],
    [`<d>&#x17E;</d>`, false],
    [`<e xmlns:q="urn:q"><q:f/></e>`, false],
    [`<g><![CDATA[<]]></g>`, false],
    [`<h><?pi?></h>`, false],
  ];
  for (const sizes of [() => doc.length, () => 1, randomSizes(3, 20)]) {
    const events = await read(doc, 1e6, sizes, true);
    deepEqual(records(events), expected);
    const root = events[0];
    ok(root.kind === "root");
    equal(root.startTag, `<r xmlns:p="urn:p" a="1">`);
    equal(root.scope.get("p"), "urn:p");
  }
});

Deno.test("raw: a record over the limit is skipped alone and named from what was read of it", async () => {
  const big = "x".repeat(2 * 2 ** 20);
  const doc = `<r><a>1</a><b id="7"><c>before</c><d>${big}</d><e>after</e></b><f>3</f></r>`;
  for (const sizes of [() => doc.length, () => 65_536, randomSizes(9, 10_000)]) {
    const events = await read(doc, 10_000, sizes, true);
    deepEqual(kinds(events), ["root", "record", "oversized", "record"]);
    deepEqual(records(events), [["<a>1</a>", true], ["<f>3</f>", true]]);
    const skipped = events[2];
    ok(skipped.kind === "oversized");
    equal(skipped.chars, big.length + 46);
    equal(skipped.partial?.name, "b");
    deepEqual(skipped.partial?.attrs, [{ name: "id", value: "7" }]);
  }
});

Deno.test("a record over the limit is skipped alone, however it is chunked; the others come out", async () => {
  const big = "x".repeat(2 * 2 ** 20);
  const doc = `<r><a>1</a><b><c>before</c><d>${big}</d><e>after</e></b><f>3</f></r>`;
  for (const sizes of [() => doc.length, () => 65_536, randomSizes(9, 10_000)]) {
    const events = await read(doc, 10_000, sizes);
    deepEqual(kinds(events), ["root", "item", "oversized", "item"]);
    deepEqual(items(events), ["<a>1</a>", "<f>3</f>"]);
    const skipped = events[2];
    ok(skipped.kind === "oversized");
    equal(skipped.index, 1);
    equal(skipped.chars, big.length + 39);
    // What was read before the record went over names it.
    equal(skipped.partial?.name, "b");
  }
});

/**
 * Streams a document with one record of 200 MiB inside `frame` (text, attribute value, comment or
 * CDATA) in 64 KiB chunks, in a fresh process that collects garbage as it goes: the test runner's
 * own process holds other tests' memory, and V8 collects lazily. Returns what the child saw.
 */
async function hugeRecordInChild(
  frame: string[],
  raw: boolean,
): Promise<{ kinds: string[]; chars: number; growth: number }> {
  const code = `
    import { readXmlItems } from ${JSON.stringify(import.meta.resolve("./xmlstream.ts"))};
    const [open, close] = ${JSON.stringify(frame)};
    const size = 200 * 2 ** 20;
    globalThis.gc();
    const before = Deno.memoryUsage().rss;
    let growth = 0;
    async function* chunks() {
      yield "<r><a>1</a>" + open;
      const piece = "x-y ".repeat(16_384);
      for (let sent = 0; sent < size; sent += piece.length) {
        if (sent % (16 * piece.length) === 0) {
          globalThis.gc();
          growth = Math.max(growth, Deno.memoryUsage().rss - before);
        }
        yield piece;
      }
      yield close + "<c>2</c></r>";
    }
    const events = await Array.fromAsync(readXmlItems(chunks(), { maxItemChars: 1e6, raw: ${raw} }));
    console.log(JSON.stringify({ kinds: events.map((e) => e.kind), chars: events[2]?.chars ?? 0, growth }));
  `;
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--v8-flags=--expose-gc", code],
    stdout: "piped",
    stderr: "piped",
  }).output();
  ok(success, new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout));
}

Deno.test("memory stays bounded: 200 MiB text, attribute, comment or CDATA in one record", async () => {
  const frames = [["<b>", "</b>"], ['<b value="', '"/>'], ["<b><!--", "--></b>"], [
    "<b><![CDATA[",
    "]]></b>",
  ]];
  const cases = [...frames.map((frame) => [frame, false] as const), [frames[0], true] as const];
  for (const [frame, raw] of cases) {
    const { kinds, chars, growth } = await hugeRecordInChild(frame, raw);
    const record = raw ? "record" : "item";
    deepEqual(kinds, ["root", record, "oversized", record], frame[0]);
    ok(chars > 200 * 2 ** 20, frame[0]);
    // Held whole, the record alone would take 200 MiB or more.
    ok(growth < 64 * 2 ** 20, `${frame[0]}: RSS grew by ${(growth / 2 ** 20).toFixed(0)} MiB`);
  }
});

/** Refused alike whether records are built or taken as text. */
async function refuses(text: string, pattern: RegExp, sizes?: () => number): Promise<void> {
  for (const raw of [false, true]) {
    await rejects(read(text, 1e6, sizes, raw), (e: Error) => {
      ok(e instanceof XmlSyntaxError, `${e}`);
      match(e.message, pattern);
      return true;
    });
  }
}

Deno.test("a DTD is refused, so no entity can be declared or expanded", async () => {
  await refuses(
    `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>`,
    /does not accept DTDs or entity declarations/,
  );
  await refuses(`<r><!DOCTYPE r></r>`, /DTD/, () => 3);
});

Deno.test("an entity that is not predefined is an error, not text", async () => {
  await refuses(`<r><a>&nbsp;</a></r>`, /the entity &nbsp; is not defined/);
  await refuses(`<r><a>&constructor;</a></r>`, /the entity &constructor; is not defined/);
  await refuses(`<r><a b="&foo;"/></r>`, /the entity &foo; is not defined/);
  await refuses(`<r><a>AT&T</a></r>`, /a & that starts no reference/);
  await refuses(`<r><a>&#0;</a></r>`, /a character XML does not allow/);
});

Deno.test("well-formedness errors carry their line, also after chunks were discarded", async () => {
  const doc = `<r>\n${"<a>1</a>\n".repeat(5000)}<b>\n</c></r>`;
  for (const sizes of [() => doc.length, () => 1000, () => 7]) {
    await refuses(doc, /<\/c> where <\/b> was expected \(line 5003, column 1\)/, sizes);
  }
  // Newlines in every construct count, in records read and in records skipped.
  const constructs =
    `<r>\n<!-- a\ncomment -->\n<?pi a\nb?>\n<a\n  b="1"\n  c="x\ny"\n/>\n<b><![CDATA[\n]]></b\n>\n` +
    `<c>${"long ".repeat(100)}\n<d>\n</d>\n<!--\n--><e\nf="\n"/></c>\n`;
  for (const [max, sizes] of [[1e6, () => 1e6], [100, () => 1e6], [100, () => 3], [1e6, () => 5]] as const) {
    await refuses(`${constructs}<x></y></r>`, /<\/y> where <\/x> was expected \(line 21, column 4\)/, sizes);
    await rejects(read(`${constructs}<x></y></r>`, max, sizes), /line 21, column 4/);
    await rejects(read(`${constructs}<x></y></r>`, max, sizes, true), /line 21, column 4/);
  }
  await refuses(`<r><a></r>`, /<\/r> where <\/a> was expected/);
  await refuses(`<r><a b=1/></r>`, /is not quoted/);
  await refuses(`<r><a b="1"c="2"/></r>`, /bad attribute syntax/);
  await refuses(`<r><a b="1" b="2"/></r>`, /repeats attribute b/);
  await refuses(`<r><a><b c="1" c="2"/></a></r>`, /repeats attribute c/);
  await refuses(`<r><a><b x:c="1"/></a></r>`, /namespace prefix of <x:c> is not declared/);
  await refuses(`<r><a><x:b/></a></r>`, /namespace prefix of <x:b> is not declared/);
  await refuses(`<r><a>&bad;</a></r>`, /the entity &bad; is not defined/);
  await refuses(`<r><a b="&bad;"/></r>`, /the entity &bad; is not defined/);
  await refuses(`<r><x:a/></r>`, /namespace prefix of <x:a> is not declared/);
  await refuses(`<r/>text`, /text after the root element/);
  await refuses(`<r/><s/>`, /a second element after the root element/);
  await refuses(`<r><a>1</a>`, /the document ends inside <r>/);
  await refuses(`<r><a>1</a><b x="`, /the document ends inside a start tag/);
  await refuses(`PK\u0003\u0004`, /text before the root element/);
  await refuses(``, /no root element/);
});

Deno.test("an error is thrown where it is met, after the records before it", async () => {
  const seen: XmlStreamEvent[] = [];
  await rejects(async () => {
    for await (const e of readXmlItems(chunked(`<r><a/><b/><c></r>`, () => 100), { maxItemChars: 1e6 })) {
      seen.push(e);
    }
  }, XmlSyntaxError);
  deepEqual(kinds(seen), ["root", "item", "item"]);
});

Deno.test("nesting deeper than the limit is refused", async () => {
  const nested = (depth: number) => "<a>".repeat(depth) + "</a>".repeat(depth);
  equal((await read(nested(100))).length, 2);
  await refuses(nested(101), /nested deeper than 100/);
  // Also inside a record too large to be read, which is being skipped.
  await rejects(
    read(`<r><b>${"x".repeat(100)}${nested(150)}</b></r>`, 50, () => 10),
    /nested deeper than 100/,
  );
});

const declared = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?>\n`;
const czech = "<r><a>Žluťoučký kůň úpěl ďábelské ódy – „€“</a></r>";

Deno.test("a byte stream is decoded as declared, split anywhere, even inside a character", async () => {
  const documents: [string, Uint8Array][] = [
    [
      declared("UTF-8") + czech + "<!-- 😀 -->",
      new TextEncoder().encode(declared("UTF-8") + czech + "<!-- 😀 -->"),
    ],
    [declared("windows-1250") + czech, encode1250(declared("windows-1250") + czech)],
    [czech, new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(czech)])],
  ];
  for (const [text, bytes] of documents) {
    equal(decodeXml(bytes), text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const pieces = async function* () {
        yield bytes.subarray(0, cut);
        yield bytes.subarray(cut);
      };
      equal((await Array.fromAsync(decodeXmlStream(pieces()))).join(""), text, `cut at ${cut}`);
    }
    const bytewise = async function* () {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    };
    equal((await Array.fromAsync(decodeXmlStream(bytewise()))).join(""), text);
  }
});

Deno.test("bytes that are not the declared UTF-8 are an error, not mojibake", async () => {
  const bytes = encode1250(declared("UTF-8") + czech);
  const pieces = async function* () {
    for (let i = 0; i < bytes.length; i += 16) yield bytes.subarray(i, i + 16);
  };
  await rejects(
    Array.fromAsync(decodeXmlStream(pieces())),
    /declares UTF-8 but its bytes are not valid UTF-8/,
  );
  const cut = async function* () {
    yield new TextEncoder().encode("<r>č").subarray(0, 4); // ends inside "č"
  };
  await rejects(Array.fromAsync(decodeXmlStream(cut())), /not valid UTF-8/);
});

Deno.test("in Slovak and Czech, why a file is not well-formed, and where", async () => {
  try {
    setLanguage("sk");
    await refuses(`<r>\n<b>\n</c></r>`, /^<\/c> tam, kde sa čakalo <\/b> \(riadok 3, stĺpec 1\)$/);
    await refuses(`<r><a>AT&T</a></r>`, /^znak &, ktorý nezačína odkaz \(& sa zapisuje ako &amp;\)/);
    setLanguage("cs");
    await refuses(`<r><a>text`, /^dokument končí uprostřed <a> \(řádek 1, sloupec 11\)$/);
    await refuses(`<r><!-- a`, /^dokument končí uprostřed komentáře/);
  } finally {
    setLanguage("en");
  }
});
