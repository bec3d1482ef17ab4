/**
 * Produces what FLOWii's POHODA export endpoints return: a zip with one XML file holding the
 * records modified since `from`.
 *
 * "Nothing new" is a zip with **no entries**: the XSD requires at least one `dataPackItem`, so an
 * empty `dataPack` would be invalid POHODA XML and FLOWii (whose behaviour here is unknown) could
 * not produce anything valid but an empty archive. The importer must treat it as "0 records".
 *
 * @module
 */

import type { XmlEncoding } from "../xml.ts";
import type { FlowiiDataset } from "./dataset.ts";
import { documentsExportXml, partnersExportXml } from "./pohoda_xml.ts";
import type { ZipEntry } from "./zip.ts";

/** The two exported agendas. */
export type ExportKind = "partners" | "documents";

/**
 * Name of the XML file inside the zip, e.g. `pohoda_document_export_7.3.2026.xml`: day and month
 * without leading zeros, in FLOWii's (Slovak) local date.
 */
export function exportFileName(kind: ExportKind, now: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Bratislava",
    day: "numeric",
    month: "numeric",
    year: "numeric",
  }).formatToParts(now);
  // Some locales pad with zeros; FLOWii does not.
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const agenda = kind === "partners" ? "partner" : "document";
  return `pohoda_${agenda}_export_${part("day")}.${part("month")}.${part("year")}.xml`;
}

/** Records modified at or after `from` (all when `from` is undefined). */
export function modifiedSince<T extends { modifiedAt: number }>(
  records: readonly T[],
  from: number | undefined,
): T[] {
  return records.filter((r) => from === undefined || r.modifiedAt >= from);
}

/** The zip entries of an export: one XML file, or none when nothing changed since `from`. */
export function exportEntries(
  dataset: FlowiiDataset,
  kind: ExportKind,
  options: { from?: number; encoding: XmlEncoding; now: Date },
): ZipEntry[] {
  const context = { encoding: options.encoding, company: dataset.company };
  const name = exportFileName(kind, options.now);
  if (kind === "partners") {
    const records = modifiedSince(dataset.partners, options.from);
    return records.length === 0 ? [] : [{ name, data: partnersExportXml(records, context) }];
  }
  const records = modifiedSince(dataset.documents, options.from);
  return records.length === 0
    ? []
    : [{ name, data: documentsExportXml(records, { ...context, partners: dataset.partners }) }];
}
