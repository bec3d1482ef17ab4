/**
 * XSD validation against the official POHODA schemas (`data.xsd` for requests, `response.xsd` for
 * answers) with libxml2-wasm, for both POHODA emulators and their tests. The schemas are never copied
 * into the repository: they are read from `POHODA_XSD_DIR`, or from `../shared/pohoda-xsd` next to
 * the repository.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { XmlDocument, XmlParseError, XmlValidateError, XsdValidator } from "libxml2-wasm";
import { xmlRegisterFsInputProviders } from "libxml2-wasm/nodejs";

// Lets libxml2 follow the schemas' relative `schemaLocation` imports on disk.
xmlRegisterFsInputProviders();

/** Which root schema to validate against. */
export type SchemaKind = "data" | "response";

/** One validation (or well-formedness) problem, as libxml2 reports it. */
export interface XsdIssue {
  message: string;
  line: number;
  /** libxml2's node path (document prefixes, e.g. `/dat:dataPack/dat:dataPackItem[2]/inv:invoice`). */
  xpath?: string;
}

/**
 * The schema folder: `explicit`, else `POHODA_XSD_DIR`, else `<repo>/../shared/pohoda-xsd`
 * (this file lives three levels below the folder that holds the repository).
 */
export function resolveXsdDir(explicit?: string): string {
  const dir = explicit ?? Deno.env.get("POHODA_XSD_DIR") ??
    fileURLToPath(new URL("../../../shared/pohoda-xsd/", import.meta.url));
  return dir.replace(/[\\/]+$/, "");
}

// Compiling data.xsd takes ~200 ms, so each schema is compiled once per process and kept for its
// lifetime (the schema document stays alive with it, as the validator may refer to it).
const validators = new Map<string, Promise<XsdValidator>>();

/** The compiled validator for `kind` in `dir` (cached per process). */
export function schemaValidator(kind: SchemaKind, dir: string): Promise<XsdValidator> {
  const path = `${dir}/${kind}.xsd`;
  let validator = validators.get(path);
  if (!validator) {
    validator = Deno.readFile(path).then((bytes) =>
      XsdValidator.fromDoc(XmlDocument.fromBuffer(bytes, { url: path }))
    );
    validators.set(path, validator);
  }
  return validator;
}

/** Validates a parsed document; returns the problems (empty when valid). */
export function validateDocument(validator: XsdValidator, doc: XmlDocument): XsdIssue[] {
  try {
    validator.validate(doc);
    return [];
  } catch (error) {
    if (error instanceof XmlValidateError) return error.details.map(toIssue);
    throw error;
  }
}

/**
 * Validates XML bytes (any declared encoding) against `data.xsd` or `response.xsd`. A document that
 * is not well-formed yields its parse errors as issues. Meant for tests: assert `[]`.
 */
export async function validateXml(kind: SchemaKind, bytes: Uint8Array, xsdDir?: string): Promise<XsdIssue[]> {
  const validator = await schemaValidator(kind, resolveXsdDir(xsdDir));
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes);
  } catch (error) {
    if (error instanceof XmlParseError) return error.details.map(toIssue);
    throw error;
  }
  try {
    return validateDocument(validator, doc);
  } finally {
    doc.dispose();
  }
}

/** Converts a libxml2 error detail into an {@link XsdIssue} with a tidy message. */
export function toIssue(detail: { message: string; line: number; xpath?: string }): XsdIssue {
  return { message: detail.message.trim(), line: detail.line, xpath: detail.xpath };
}
