import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import { encodeWindows1250 } from "../cp1250.ts";
import { dataPack, ICO, invoice, postXml, sample, stwAuthorization, USER, withMServer } from "./testing.ts";

const INVOICE_SAMPLE = "own-invoice-datapack.xml";
const statusParser = new XMLParser({ parseTagValue: false });

/** GET /status (optionally ?companyDetail) → parsed `mserver` element. */
async function getStatus(
  url: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers });
  equal(response.status, 200);
  return statusParser.parse(new TextDecoder("windows-1250").decode(await response.bytes())).mserver;
}

Deno.test("only POST /xml and /status exist", () =>
  withMServer(async (server) => {
    const get = await fetch(server.xmlUrl);
    equal(get.status, 405);
    equal(get.headers.get("allow"), "POST");
    await get.body?.cancel();
    const other = await fetch(`${server.url}/documents/x.pdf`, { method: "POST", body: "<x/>" });
    equal(other.status, 404);
    await other.body?.cancel();
  }));

Deno.test("missing or wrong credentials get 401 with a non-XML body, and nothing is processed", () =>
  withMServer(async (server) => {
    const xml = await sample(INVOICE_SAMPLE);
    const wrong = await postXml(server, xml, {
      headers: { "STW-Authorization": stwAuthorization(USER, "bad") },
    });
    equal(wrong.status, 401);
    ok(!wrong.text.startsWith("<"));
    const missing = await fetch(server.xmlUrl, { method: "POST", body: xml });
    equal(missing.status, 401);
    await missing.body?.cancel();
    const noPrefix = await postXml(server, xml, {
      headers: { "STW-Authorization": stwAuthorization().slice(6) },
    });
    equal(noPrefix.status, 401);
    equal(server.pohoda.invoices.length, 0);
  }));

Deno.test("credentials are compared as UTF-8 and the answer is windows-1250 text/xml", () =>
  withMServer(async (server) => {
    // PASSWORD contains "é"; postXml sends it UTF-8 encoded.
    const answer = await postXml(
      server,
      dataPack("P1", [["A", "<adb:addressbook version='2.0'/>"]], { ico: "1" }),
    );
    equal(answer.status, 200);
    equal(answer.headers.get("content-type"), "text/xml");
    ok(answer.text.startsWith('<?xml version="1.0" encoding="Windows-1250"?>'));
    // "IČO … neshoduje … účetní": Č is 0xC8 and č 0xE8 in windows-1250 (UTF-8 would be 0xC4 0x8C / 0xC4 0x8D).
    const note = encodeWindows1250("IČO v XML se neshoduje s IČO účetní jednotky.");
    ok(containsBytes(answer.bytes, note), "the note must be windows-1250 bytes");
    ok(!containsBytes(answer.bytes, new TextEncoder().encode("Č")));
  }));

Deno.test("a gzip-compressed request body is accepted", () =>
  withMServer(async (server) => {
    const xml = await sample(INVOICE_SAMPLE);
    const gzipped = await new Response(
      new Blob([new TextEncoder().encode(xml)]).stream().pipeThrough(new CompressionStream("gzip")),
    ).bytes();
    const { pack } = await postXml(server, gzipped, { headers: { "Content-Encoding": "gzip" } });
    equal(pack?.items[0].state, "ok");
    equal(server.requests[0].body, xml);
  }));

Deno.test("a body that is not a well-formed dataPack gets a pack-level error", () =>
  withMServer(async (server) => {
    const broken = await postXml(server, "<dat:dataPack>");
    equal(broken.status, 200);
    equal(broken.pack?.state, "error");
    match(broken.pack?.note ?? "", /není správně utvořen/);
    const notPack = await postXml(server, `<?xml version="1.0"?><responsePack/>`);
    equal(notPack.pack?.state, "error");
    match(notPack.pack?.note ?? "", /dat:dataPack/);
  }));

Deno.test("the request log keeps headers, the decoded body and the pack's ids", () =>
  withMServer(async (server) => {
    const xml = await sample("own-addressbook-datapack.xml");
    await postXml(server, xml, {
      duplicity: true,
      headers: { "STW-Application": "spojka", "STW-Instance": "run-1" },
    });
    const [logged] = server.requests;
    equal(logged.method, "POST");
    equal(logged.path, "/xml");
    equal(logged.headers["stw-application"], "spojka");
    equal(logged.headers["stw-instance"], "run-1");
    equal(logged.headers["stw-check-duplicity"], "true");
    equal(logged.body, xml);
    equal(logged.packId, "ADB-20250310-1");
    deepEqual(logged.itemIds, ["ADB-1", "ADB-2"]);
    deepEqual(logged.schemaIssues, []);
    equal(logged.status, 200);
    match(logged.response ?? "", /<rsp:responsePack /);
  }));

Deno.test("503 faults refuse the next requests without processing them", () =>
  withMServer(async (server) => {
    server.faults.unavailable = 2;
    const xml = await sample(INVOICE_SAMPLE);
    equal((await postXml(server, xml)).status, 503);
    equal((await postXml(server, xml)).status, 503);
    equal(server.pohoda.invoices.length, 0);
    equal((await postXml(server, xml)).pack?.items[0].state, "ok");
  }));

Deno.test("a dropped response is processed; the retry with the duplicity header is told duplicate", () =>
  withMServer(async (server) => {
    server.faults.dropResponse = 1;
    const xml = await sample(INVOICE_SAMPLE);
    await rejects(postXml(server, xml, { duplicity: true }));
    equal(server.pohoda.invoices.length, 1);
    equal(server.requests[0].dropped, true);

    const retry = await postXml(server, xml, { duplicity: true });
    equal(retry.pack?.items[0].duplicity?.number, "2025000123");
    equal(server.pohoda.invoices.length, 1);
  }));

Deno.test("/status reports idle without credentials; companyDetail needs them", () =>
  withMServer(async (server) => {
    deepEqual(await getStatus(`${server.url}/status`), {
      message: "Response from POHODA mServer",
      name: "spojka-emulator",
      server: server.url,
      status: "idle",
      processing: "0",
    });
    const anonymous = await fetch(`${server.url}/status?companyDetail`);
    equal(anonymous.status, 401);
    await anonymous.body?.cancel();
    const detail = await getStatus(`${server.url}/status?companyDetail`, {
      "STW-Authorization": stwAuthorization(),
    });
    deepEqual(detail.companyDetail, {
      company: "Účetní jednotka s.r.o.",
      ico: ICO,
      databaseName: `StwPh_${ICO}_2025`,
      year: "2025",
    });
  }, { companyName: "Účetní jednotka s.r.o." }));

Deno.test("while POHODA is held busy, /status says so and POSTs wait their turn", () =>
  withMServer(async (server) => {
    const release = server.hold();
    const pending = postXml(
      server,
      dataPack("P1", [[
        "A",
        invoice("<inv:invoiceType>issuedInvoice</inv:invoiceType><inv:text>x</inv:text>"),
      ]]),
    );
    await waitFor(() => server.requests.length === 1 && server.requests[0].body !== undefined);
    const busy = await getStatus(`${server.url}/status`);
    equal(busy.status, "busy");
    equal(busy.processing, "2");
    equal(server.pohoda.invoices.length, 0);
    release();
    equal((await pending).pack?.items[0].state, "ok");
    equal((await getStatus(`${server.url}/status`)).status, "idle");
  }));

Deno.test("concurrent requests are processed one at a time", () =>
  withMServer(async (server) => {
    const item = (text: string) =>
      invoice(`<inv:invoiceType>issuedInvoice</inv:invoiceType><inv:text>${text}</inv:text>`);
    const started = Date.now();
    const answers = await Promise.all(
      ["A", "B", "C"].map((id) => postXml(server, dataPack(id, [[id, item(id)]]))),
    );
    ok(Date.now() - started >= 3 * 40, "three requests with 40 ms latency each must take at least 120 ms");
    deepEqual(answers.map((answer) => answer.pack?.items[0].state), ["ok", "ok", "ok"]);
    deepEqual(server.pohoda.invoices.map((i) => i.number).sort(), ["25FV00001", "25FV00002", "25FV00003"]);
  }, { latencyMs: 40 }));

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

Deno.test("itemLatencyMs is spent per item, and busyMs counts processing but not the wait for a turn", () =>
  withMServer(async (server) => {
    const items: [string, string][] = ["A", "B", "C"].map((id) => [
      id,
      invoice(`<inv:invoiceType>issuedInvoice</inv:invoiceType><inv:text>${id}</inv:text>`),
    ]);
    const release = server.hold();
    const pending = postXml(server, dataPack("P1", items));
    await waitFor(() => server.requests.length === 1 && server.requests[0].body !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    equal(server.busyMs, 0, "waiting is not processing");
    const released = performance.now();
    release();
    equal((await pending).pack?.items.length, 3);
    const answered = performance.now();
    ok(server.busyMs >= 3 * 20, `3 items at 20 ms need at least 60 ms, busy ${server.busyMs}`);
    ok(server.busyMs <= answered - released, "processing lies between the release and the answer");
  }, { itemLatencyMs: 20 }));

Deno.test("load-run options: no schema validation, no bodies kept", async () => {
  // inv:unknownElement breaks data.xsd, so only an unvalidated pack gets it through.
  const header = "<inv:invoiceType>issuedInvoice</inv:invoiceType><inv:text>x</inv:text>" +
    "<inv:unknownElement/>";
  const pack = dataPack("P1", [["A", invoice(header)]]);
  await withMServer(async (server) => {
    equal((await postXml(server, pack)).pack?.items[0].state, "error");
  });
  await withMServer(async (server) => {
    equal((await postXml(server, pack)).pack?.items[0].state, "ok");
    const [logged] = server.requests;
    deepEqual([logged.packId, logged.itemIds, logged.status], ["P1", ["A"], 200]);
    deepEqual([logged.body, logged.response, logged.schemaIssues], [undefined, undefined, undefined]);
  }, { validateSchema: false, retainBodies: false });
});
