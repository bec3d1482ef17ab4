/**
 * The emulated FLOWii account's data: a deterministic history generated from a seed, plus the
 * changes a test makes later (new and edited records), which continue the same random sequence.
 *
 * @module
 */

import { generateDocument, isoDate } from "./documents.ts";
import { randomIco, randomSkDic } from "./identifiers.ts";
import { generatePartner } from "./partners.ts";
import { Random } from "./random.ts";
import type { Company, Country, DocumentType, IssuedDocument, Partner } from "./records.ts";
import { UNENCODABLE, VOCABULARY } from "./vocabulary.ts";

/** How to generate a dataset. */
export interface DatasetOptions {
  /** Equal seeds (and equal other options) give equal datasets. */
  seed: number;
  /** Number of partners of the initial history. */
  partners: number;
  /** Number of documents of the initial history; needs at least one partner. */
  documents: number;
  /**
   * The "now" of the history: every record is modified before it. Defaults to the current time,
   * so pass it when byte-identical output across runs matters.
   */
  start?: Date;
  /** How far back the history reaches. Default 6. */
  months?: number;
  /** Country of the FLOWii company: decides language, home currency and VAT rates. Default "CZ". */
  companyCountry?: Country;
  /** FLOWii company id; by default derived from the seed. */
  companyId?: string;
  /**
   * Make the last partner and the last document carry characters windows-1250 cannot hold
   * (see `UNENCODABLE`), to test the importer's reporting. Off by default.
   */
  unencodable?: boolean;
  /**
   * Also generate the rarer agendas FLOWii's document export carries: received invoices and
   * received and issued orders (`ord:order`). Off by default, so the datasets of other tests stay
   * what they were.
   */
  everyAgenda?: boolean;
}

const DAY = 86_400;
/** Relative frequency of the issued document types in a FLOWii account. */
const TYPE_WEIGHTS: readonly [DocumentType, number][] = [
  ["issuedInvoice", 60],
  ["issuedAdvanceInvoice", 12],
  ["issuedCreditNotice", 10],
  ["receivable", 18],
];
/** With `everyAgenda`: a small share of received invoices and orders besides. */
const EVERY_AGENDA_WEIGHTS: readonly [DocumentType, number][] = [
  ...TYPE_WEIGHTS,
  ["receivedInvoice", 8],
  ["receivedOrder", 6],
  ["issuedOrder", 4],
];
/** Each type has its own numeric series: year + series digit + 5-digit sequence, e.g. 2026100123. */
const SERIES_DIGIT: Readonly<Record<DocumentType, string>> = {
  issuedInvoice: "1",
  receivedInvoice: "2",
  issuedCreditNotice: "3",
  receivedOrder: "4",
  issuedAdvanceInvoice: "5",
  issuedOrder: "6",
  receivable: "7",
};
const BANK_CODES: Readonly<Record<Country, readonly string[]>> = {
  CZ: ["0100", "0300", "0800", "2010", "5500"],
  SK: ["0200", "0900", "1100", "7500"],
};

function generateCompany(rng: Random, country: Country, id: string | undefined): Company {
  const v = VOCABULARY[country];
  // Drawn even when `id` is given, so the rest of the dataset does not depend on it.
  const generatedId = String(rng.int(1000, 99_999));
  const ico = randomIco(rng);
  const dic = country === "CZ" ? `CZ${ico}` : randomSkDic(rng);
  return {
    id: id ?? generatedId,
    name: `${rng.pick(v.trades)} ${rng.pick(v.cities).city} s.r.o.`,
    ico,
    dic,
    icDph: country === "SK" ? `SK${dic}` : undefined,
    country,
    currency: country === "CZ" ? "CZK" : "EUR",
    bankAccount: {
      accountNo: String(rng.int(100_000, 9_999_999_999)),
      bankCode: rng.pick(BANK_CODES[country]),
    },
  };
}

/** `count` random times in [from, to], ascending, so ids and numbers grow with time. */
function sortedTimes(rng: Random, count: number, from: number, to: number): number[] {
  return Array.from({ length: count }, () => rng.int(from, to)).sort((a, b) => a - b);
}

/** The account data. Records are plain objects; mutate them only through the methods. */
export class FlowiiDataset {
  /** The FLOWii company whose data this is. */
  readonly company: Company;
  /** Partners in creation order. */
  readonly partners: Partner[] = [];
  /** Documents in creation order. */
  readonly documents: IssuedDocument[] = [];
  /** What the initial history was generated from, `start` resolved: equal options, equal history. */
  readonly options: Readonly<DatasetOptions> & { start: Date };
  readonly #rng: Random;
  // Lookups by id and the IČOs in use: a linear search per record made 100 000 documents quadratic.
  readonly #partnerById = new Map<string, Partner>();
  readonly #documentById = new Map<string, IssuedDocument>();
  readonly #icos = new Set<string>();
  #changed = false;
  readonly #invoices: IssuedDocument[] = [];
  readonly #sequences = new Map<string, number>();
  #lastId = 100_000;

  /** Generates the initial history described by `options`. */
  constructor(options: DatasetOptions) {
    if (options.documents > 0 && options.partners < 1) throw new Error("documents need at least one partner");
    this.options = { ...options, start: options.start ?? new Date() };
    this.#rng = new Random(options.seed);
    this.company = generateCompany(this.#rng, options.companyCountry ?? "CZ", options.companyId);
    const now = Math.floor(this.options.start.getTime() / 1000);
    const from = now - (options.months ?? 6) * 30 * DAY;
    // Partners exist a little before the first documents.
    for (const created of sortedTimes(this.#rng, options.partners, from - 30 * DAY, now)) {
      this.#addPartner(this.#modifiedAfter(created, now));
    }
    for (const issued of sortedTimes(this.#rng, options.documents, from, now)) {
      this.#addDocument(issued, this.#modifiedAfter(issued, now));
    }
    if (options.unencodable) this.#makeUnencodable();
  }

  /** True once records were added or touched: the data is no longer the generated history alone. */
  get changed(): boolean {
    return this.#changed;
  }

  /** Adds `count` partners modified at `at` (UNIX seconds) and returns them. */
  addPartners(count: number, at: number): Partner[] {
    this.#changed = true;
    return Array.from({ length: count }, () => this.#addPartner(at));
  }

  /** Adds `count` documents issued and modified at `at` (UNIX seconds) and returns them. */
  addDocuments(count: number, at: number): IssuedDocument[] {
    if (this.partners.length === 0) throw new Error("documents need at least one partner");
    this.#changed = true;
    return Array.from({ length: count }, () => this.#addDocument(at, at));
  }

  /** The partner or document with FLOWii id `id`. */
  find(id: string): Partner | IssuedDocument | undefined {
    return this.#partnerById.get(id) ?? this.#documentById.get(id);
  }

  /** Marks record `id` as modified at `at`, applying `patch` first (an edit in FLOWii). */
  touch(
    id: string,
    at: number,
    patch: Partial<Partner> | Partial<IssuedDocument> = {},
  ): Partner | IssuedDocument {
    const record = this.find(id);
    if (!record) throw new Error(`no FLOWii record ${id}`);
    this.#changed = true;
    return Object.assign(record, patch, { id, modifiedAt: at });
  }

  /** Most records are last touched shortly after creation (sending, printing); some much later. */
  #modifiedAfter(created: number, now: number): number {
    const delay = this.#rng.chance(0.15) ? this.#rng.int(1, 60) * DAY : this.#rng.int(60, 8 * 3600);
    return Math.min(created + delay, now);
  }

  #nextId(): string {
    // Database ids have gaps: records of other tenants and deleted ones use the missing values.
    this.#lastId += this.#rng.int(1, 7);
    return String(this.#lastId);
  }

  #addPartner(modifiedAt: number): Partner {
    const partner = generatePartner(
      this.#rng,
      this.#nextId(),
      modifiedAt,
      this.company.country,
      (ico) => this.#icos.has(ico),
    );
    this.partners.push(partner);
    this.#partnerById.set(partner.id, partner);
    if (partner.ico) this.#icos.add(partner.ico);
    return partner;
  }

  #nextNumber(type: DocumentType, issuedAt: number): string {
    const year = isoDate(issuedAt).slice(0, 4);
    const key = `${type}:${year}`;
    const sequence = (this.#sequences.get(key) ?? 0) + 1;
    this.#sequences.set(key, sequence);
    return `${year}${SERIES_DIGIT[type]}${String(sequence).padStart(5, "0")}`;
  }

  #pickType(): DocumentType {
    const weights = this.options.everyAgenda ? EVERY_AGENDA_WEIGHTS : TYPE_WEIGHTS;
    let roll = this.#rng.int(1, weights.reduce((sum, [, w]) => sum + w, 0));
    for (const [type, weight] of weights) {
      roll -= weight;
      if (roll <= 0) return type;
    }
    return "issuedInvoice";
  }

  #addDocument(issuedAt: number, modifiedAt: number): IssuedDocument {
    let type = this.#pickType();
    let partner = this.#rng.pick(this.partners);
    let relatedNumber: string | undefined;
    if (type === "issuedCreditNotice" || type === "receivable") {
      // A credit note corrects an earlier invoice; a receivable (penalty, re-invoiced costs)
      // concerns a partner invoiced before and may cite that invoice.
      const invoice = this.#invoices.length > 0 ? this.#rng.pick(this.#invoices.slice(-30)) : undefined;
      if (invoice) {
        partner = this.#partnerById.get(invoice.partnerId) ?? partner;
        relatedNumber = invoice.number;
      } else if (type === "issuedCreditNotice") {
        type = "issuedInvoice";
      }
    }
    const doc = generateDocument(this.#rng, this.company, {
      id: this.#nextId(),
      type,
      issuedAt,
      modifiedAt,
      partner,
      number: this.#nextNumber(type, issuedAt),
      relatedNumber,
    });
    this.documents.push(doc);
    this.#documentById.set(doc.id, doc);
    if (type === "issuedInvoice") this.#invoices.push(doc);
    return doc;
  }

  #makeUnencodable(): void {
    const partner = this.partners.at(-1);
    if (partner?.kind === "company") partner.company = UNENCODABLE.company;
    else if (partner) partner.name = UNENCODABLE.person;
    const doc = this.documents.at(-1);
    if (doc) doc.text += UNENCODABLE.textSuffix;
  }
}

/** Generates a dataset from `options`; see `DatasetOptions`. */
export function generateDataset(options: DatasetOptions): FlowiiDataset {
  return new FlowiiDataset(options);
}
