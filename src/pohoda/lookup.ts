/**
 * Looking documents up in POHODA by their numbers: one list request per document type (paged), the
 * documents of every type asked for together.
 *
 * @module
 */

import { SpojkaError } from "../core/errors.ts";
import type { DocumentFacts } from "./facts.ts";
import type { PohodaLists } from "./list.ts";

/**
 * POHODA's documents with the numbers of `documents`, by document type; a type whose lookup failed
 * has the failure instead (a lookup is an answer to a question, never a reason to stop the run).
 * Documents without a number are not looked up. A bug is thrown.
 *
 * Only documents with a number asked for are kept, as the list is read: POHODA may answer with more
 * than the filter selects (a type's whole agenda, see list.ts), and memory must not grow with that.
 */
export async function lookUpNumbers(
  documents: readonly DocumentFacts[],
  lists: Pick<PohodaLists, "documents">,
): Promise<Map<string, DocumentFacts[] | SpojkaError>> {
  const byType = Map.groupBy(documents.filter((d) => d.number !== undefined), (d) => d.agenda);
  const found = new Map<string, DocumentFacts[] | SpojkaError>();
  for (const [type, ofType] of byType) {
    try {
      const listed: DocumentFacts[] = [];
      const numbers = new Set(ofType.map((d) => d.number!));
      for await (const facts of lists.documents({ type, numbers: [...numbers] })) {
        if (facts.number !== undefined && numbers.has(facts.number)) listed.push(facts);
      }
      found.set(type, listed);
    } catch (e) {
      if (!(e instanceof SpojkaError)) throw e;
      found.set(type, e);
    }
  }
  return found;
}
