/**
 * POHODA XML namespaces (schema version 2) and their customary prefixes.
 *
 * @module
 */

const base = "http://www.stormware.cz/schema/version_2/";

/** Namespace URIs by their customary prefix. */
export const NS = {
  dat: `${base}data.xsd`,
  inv: `${base}invoice.xsd`,
  ord: `${base}order.xsd`,
  typ: `${base}type.xsd`,
  adb: `${base}addressbook.xsd`,
  ftr: `${base}filter.xsd`,
  rsp: `${base}response.xsd`,
  rdc: `${base}documentresponse.xsd`,
  lst: `${base}list.xsd`,
  lAdb: `${base}list_addBook.xsd`,
} as const;
