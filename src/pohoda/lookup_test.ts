import { deepEqual, equal } from "node:assert/strict";
import { ServiceError } from "../core/errors.ts";
import type { DocumentFacts } from "./facts.ts";
import type { DocumentQuery } from "./list.ts";
import { lookUpNumbers } from "./lookup.ts";

const ours = (agenda: string, number?: string): DocumentFacts => ({ agenda, number, partnerIco: "11111111" });

/**
 * A POHODA that ignores the number filter and lists the type's whole agenda (`size` documents, the
 * asked-for numbers among them, and an issued credit note with one of them); it counts what it lists.
 */
function wholeAgenda(size: number) {
  const queries: DocumentQuery[] = [];
  let listed = 0;
  return {
    queries,
    get listed() {
      return listed;
    },
    documents: async function* (query: DocumentQuery): AsyncGenerator<DocumentFacts> {
      queries.push(query);
      for (let i = 1; i <= size; i++) {
        listed++;
        yield { agenda: query.type, number: `FV${i}`, partnerIco: "11111111", id: String(i) };
      }
      listed++;
      yield { agenda: "issuedCreditNotice", number: "FV7", id: String(size + 1) };
      listed++;
      yield { agenda: query.type, id: String(size + 2) }; // no number
    },
  };
}

Deno.test("of a whole agenda listed, only the documents with a number asked for are kept", async () => {
  const lists = wholeAgenda(20_000);
  const found = await lookUpNumbers(
    [ours("issuedInvoice", "FV7"), ours("issuedInvoice", "FV19999"), ours("issuedInvoice", "FV7")],
    lists,
  );
  equal(lists.listed, 20_002, "the whole agenda was read");
  deepEqual(lists.queries, [{ type: "issuedInvoice", numbers: ["FV7", "FV19999"] }]);
  deepEqual(
    (found.get("issuedInvoice") as DocumentFacts[]).map((d) => [d.agenda, d.number]),
    [["issuedInvoice", "FV7"], ["issuedInvoice", "FV19999"], ["issuedCreditNotice", "FV7"]],
  );
});

Deno.test("each type is looked up once; a failed lookup is that type's answer; no number, no lookup", async () => {
  const queries: DocumentQuery[] = [];
  const lists = {
    documents: async function* (query: DocumentQuery): AsyncGenerator<DocumentFacts> {
      queries.push(query);
      if (query.type === "receivedOrder") throw new ServiceError("cannot connect to POHODA mServer");
      yield { agenda: query.type, number: "ZF1", id: "1" };
    },
  };
  const found = await lookUpNumbers(
    [ours("issuedAdvanceInvoice", "ZF1"), ours("receivedOrder", "OBJ1"), ours("issuedInvoice")],
    lists,
  );
  deepEqual(queries.map((q) => q.type), ["issuedAdvanceInvoice", "receivedOrder"]);
  deepEqual(found.get("issuedAdvanceInvoice"), [{ agenda: "issuedAdvanceInvoice", number: "ZF1", id: "1" }]);
  equal((found.get("receivedOrder") as ServiceError).message, "cannot connect to POHODA mServer");
  equal(found.has("issuedInvoice"), false);
});
