/**
 * POHODA mServer emulator for end-to-end tests and the demo: an HTTP server on 127.0.0.1 that
 * speaks mServer's XML protocol against an in-memory POHODA, validates requests with the official
 * XSDs, and can inject faults.
 *
 * ```ts
 * const mserver = await startMServer({ ico: "12345678", user: "spojka", password: "secret" });
 * // … run the CLI against mserver.url …
 * mserver.pohoda.invoices; // what was imported
 * await mserver.close();
 * ```
 *
 * @module
 */

export { type MServer, type MServerOptions, type RecordedRequest, startMServer } from "./server.ts";
export type { ItemInfo, MServerFaults } from "./faults.ts";
export { ICO_MISMATCH_NOTE, PROGRAM_VERSION, SCHEMA_FAILURE_NOTE } from "./importer.ts";
export type {
  AddressBookRecord,
  AgendaType,
  Company,
  ExtId,
  Fields,
  ImportRecord,
  Invoice,
  InvoiceAgenda,
  PohodaDb,
  Totals,
} from "./pohoda.ts";
export { type SchemaKind, validateXml, type XsdIssue } from "../xsd.ts";
