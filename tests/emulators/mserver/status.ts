/**
 * The answer to `GET /status` (and `?companyDetail`). The field names are the observed ones
 * (message, name, server, status, processing; company, databaseName, year); the root element and the
 * nesting are [unverified] — clients disagree. The emulator follows the client that reads
 * `mserver/companyDetail/{company,databaseName,year}` and adds `ico` there.
 *
 * @module
 */

import { el, encodeDocument, leaf } from "../xml.ts";
import type { Company } from "./pohoda.ts";

/** What the status answer reports. */
export interface StatusInfo {
  /** mServer configuration name. */
  name: string;
  /** The server's own URL. */
  server: string;
  busy: boolean;
  /** Requests being processed or waiting. */
  processing: number;
  /** Present for `?companyDetail` (authorised requests only). */
  company?: Company;
}

/** Renders the status answer as windows-1250 bytes. */
export function encodeStatus(info: StatusInfo): Uint8Array<ArrayBuffer> {
  const { company } = info;
  const root = el(
    "mserver",
    {},
    leaf("message", "Response from POHODA mServer"),
    leaf("name", info.name),
    leaf("server", info.server),
    leaf("status", info.busy ? "busy" : "idle"),
    leaf("processing", info.processing),
    company && el(
      "companyDetail",
      {},
      leaf("company", company.name),
      leaf("ico", company.ico),
      leaf("databaseName", `StwPh_${company.ico}_${company.year}`),
      leaf("year", company.year),
    ),
  );
  return encodeDocument(root, "windows-1250");
}
