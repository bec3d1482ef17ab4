/**
 * The namespaces of POHODA's XML schema version 2, under the prefixes POHODA's own documents use.
 * Both POHODA emulators write and read them: FLOWii's export and mServer's requests and answers.
 *
 * @module
 */

const SCHEMA = "http://www.stormware.cz/schema/version_2";

/** POHODA's conventional prefixes → namespaces (schema version 2). */
export const NS = {
  dat: `${SCHEMA}/data.xsd`,
  rsp: `${SCHEMA}/response.xsd`,
  rdc: `${SCHEMA}/documentresponse.xsd`,
  typ: `${SCHEMA}/type.xsd`,
  inv: `${SCHEMA}/invoice.xsd`,
  ord: `${SCHEMA}/order.xsd`,
  adb: `${SCHEMA}/addressbook.xsd`,
  ftr: `${SCHEMA}/filter.xsd`,
  lst: `${SCHEMA}/list.xsd`,
  lAdb: `${SCHEMA}/list_addBook.xsd`,
} as const;
