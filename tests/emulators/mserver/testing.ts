/**
 * Helpers for the emulator's own tests: starting a server, posting packs the way a client would,
 * and reading the `rsp:responsePack` back (after checking it against `response.xsd`).
 *
 * @module
 */

import { deepEqual } from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import { encodeWindows1250 } from "../cp1250.ts";
import { validateXml } from "../xsd.ts";
import { type MServer, type MServerOptions, startMServer } from "./server.ts";

/** The company every test server emulates unless told otherwise. */
export const ICO = "12345678";
export const USER = "spojka";
export const PASSWORD = "tajné-heslo";

const SAMPLES = new URL("../../../../shared/pohoda-samples/", import.meta.url);

/** A file of `pohoda-samples` as text. */
export function sample(name: string): Promise<string> {
  return Deno.readTextFile(new URL(name, SAMPLES));
}

/** A sample request re-encoded as windows-1250 (declaration included). */
export async function sampleAsWindows1250(name: string): Promise<Uint8Array<ArrayBuffer>> {
  const xml = (await sample(name)).replace(/encoding="UTF-8"/, 'encoding="windows-1250"');
  return encodeWindows1250(xml);
}

/** Runs `test` against a fresh emulator (2025 as accounting year, matching the samples' dates). */
export async function withMServer(
  test: (server: MServer) => Promise<void>,
  options: Partial<MServerOptions> = {},
): Promise<void> {
  const server = await startMServer({ ico: ICO, user: USER, password: PASSWORD, year: 2025, ...options });
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

/** `STW-Authorization` value for UTF-8 credentials. */
export function stwAuthorization(user = USER, password = PASSWORD): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** One `rdc:detail` as read back. */
export interface ReadDetail {
  state: string;
  errno?: string;
  note?: string;
  XPath?: string;
  valueRequested?: string;
  valueProduced?: string;
}

/** One `rsp:responsePackItem` as read back. */
export interface ReadItem {
  id: string;
  state: string;
  note?: string;
  /** Local name of the agenda answer (`invoiceResponse`, …), if any. */
  response?: string;
  responseState?: string;
  details: ReadDetail[];
  produced?: { id: string; number?: string; actionType?: string };
  duplicity?: { agendaType: string; dateCreate?: string; id?: string; number?: string };
}

/** A `rsp:responsePack` as read back. */
export interface ReadPack {
  id: string;
  state: string;
  note?: string;
  ico?: string;
  programVersion?: string;
  items: ReadItem[];
}

/** A client's view of one `POST /xml`. */
export interface Answer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
  /** Only for XML answers (status 200). */
  pack?: ReadPack;
}

/**
 * POSTs a pack to `/xml` with valid credentials (unless `headers` override them) and, for a 200,
 * asserts the answer validates against response.xsd before reading it.
 */
export async function postXml(
  server: MServer,
  body: string | Uint8Array<ArrayBuffer>,
  options: { duplicity?: boolean; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(server.xmlUrl, {
    method: "POST",
    headers: {
      "STW-Authorization": stwAuthorization(),
      "Content-Type": "text/xml",
      ...(options.duplicity ? { "STW-Check-Duplicity": "true" } : {}),
      ...options.headers,
    },
    body,
  });
  const bytes = await response.bytes();
  const text = new TextDecoder("windows-1250").decode(bytes);
  if (response.status !== 200) return { status: response.status, headers: response.headers, bytes, text };
  deepEqual(await validateXml("response", bytes), [], "every answer must validate against response.xsd");
  return { status: response.status, headers: response.headers, bytes, text, pack: readPack(text) };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === "responsePackItem" || name === "detail",
});

type Node = Record<string, unknown>;

/** Reads a `rsp:responsePack` text into plain objects. */
export function readPack(xml: string): ReadPack {
  const pack = (parser.parse(xml) as Node).responsePack as Node;
  const items = (pack.responsePackItem as Node[] | undefined) ?? [];
  return {
    id: pack["@id"] as string,
    state: pack["@state"] as string,
    note: pack["@note"] as string | undefined,
    ico: pack["@ico"] as string | undefined,
    programVersion: pack["@programVersion"] as string | undefined,
    items: items.map(readItem),
  };
}

function readItem(item: Node): ReadItem {
  const response = Object.keys(item).find((key) => key.endsWith("Response"));
  const agenda = response ? item[response] as Node : undefined;
  const details = ((agenda?.importDetails as Node | undefined)?.detail as ReadDetail[] | undefined) ?? [];
  const duplicity = (item.errorDetail as Node | undefined)?.recordDuplicity as ReadItem["duplicity"];
  return {
    id: item["@id"] as string,
    state: item["@state"] as string,
    ...(item["@note"] === undefined ? {} : { note: item["@note"] as string }),
    ...(response ? { response, responseState: agenda!["@state"] as string } : {}),
    details,
    ...(agenda?.producedDetails ? { produced: agenda.producedDetails as ReadItem["produced"] } : {}),
    ...(duplicity ? { duplicity } : {}),
  };
}

/** A minimal valid dataPack around the given items (`[id, agenda XML]`). */
export function dataPack(
  packId: string,
  items: [string, string][],
  attributes: Record<string, string> = { ico: ICO },
): string {
  const attrs = Object.entries(attributes).map(([key, value]) => ` ${key}="${value}"`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<dat:dataPack xmlns:dat="http://www.stormware.cz/schema/version_2/data.xsd"
  xmlns:inv="http://www.stormware.cz/schema/version_2/invoice.xsd"
  xmlns:adb="http://www.stormware.cz/schema/version_2/addressbook.xsd"
  xmlns:ftr="http://www.stormware.cz/schema/version_2/filter.xsd"
  xmlns:typ="http://www.stormware.cz/schema/version_2/type.xsd"
  version="2.0" id="${packId}"${attrs} application="emulator-test" note="test">
${items.map(([id, xml]) => `<dat:dataPackItem version="2.0" id="${id}">${xml}</dat:dataPackItem>`).join("\n")}
</dat:dataPack>`;
}

/** An `inv:invoice` with the given header elements (XML) and one item. */
export function invoice(header: string, detail = ""): string {
  return `<inv:invoice version="2.0"><inv:invoiceHeader>${header}</inv:invoiceHeader>` +
    `<inv:invoiceDetail><inv:invoiceItem><inv:text>Služba</inv:text><inv:quantity>1</inv:quantity>` +
    `<inv:rateVAT>high</inv:rateVAT><inv:homeCurrency><typ:unitPrice>100</typ:unitPrice></inv:homeCurrency>` +
    `</inv:invoiceItem>${detail}</inv:invoiceDetail></inv:invoice>`;
}
