/**
 * The ledger: what the target confirmed, one row per item (keyed like the outbox, so a newer
 * version of an item replaces its row), with the facts `spojka verify` checks POHODA against:
 * number, partner IČO, total and date of a document, the identity of a partner, POHODA's id, when
 * and how it was confirmed. The facts are read from the item's payload as it is confirmed, in the
 * transaction of the pack's outcomes.
 *
 * @module
 */

import { type DocumentFacts, type ExtId, itemFacts } from "../pohoda/facts.ts";
import type { StateDb } from "../state/db.ts";
import type { OutboxItem } from "./outbox.ts";

/** How the target confirmed an item: it imported it now, or already had it. */
export type ConfirmedAs = "imported" | "already_present";

/** What every ledger row says. */
interface Confirmation {
  key: string;
  agenda: string;
  label: string;
  /** ISO time of the confirmation. */
  confirmedAt: string;
  confirmedAs: ConfirmedAs;
}

/** A confirmed document; `facts.id` is POHODA's id when POHODA named it. */
export interface LedgerDocument extends Confirmation {
  facts: DocumentFacts;
}

/** A confirmed partner and how POHODA finds it: by its external id, else by its IČO. */
export interface LedgerPartner extends Confirmation {
  identity?: { extId: ExtId } | { ico: string };
  pohodaId?: string;
}

/** The agendas of confirmed documents, with what a listing of POHODA needs to know about them. */
export interface LedgerAgenda {
  agenda: string;
  count: number;
  /** The earliest document date, when every document of the selection has one. */
  earliestDate?: string;
}

const PARTNERS = "addressbook";

/**
 * Records that the target confirmed `item` (POHODA's id `pohodaId`, if it said); call inside the
 * pack's transaction, beside the outbox's confirm.
 */
export function confirmInLedger(
  db: StateDb,
  connector: string,
  item: Pick<OutboxItem, "key" | "itemId" | "agenda" | "label" | "payload" | "year">,
  as: ConfirmedAs,
  pohodaId: string | undefined,
  now: Date,
): void {
  const found = itemFacts(item.payload);
  const document = found?.kind === "document" ? found.facts : undefined;
  const partner = found?.kind === "partner" ? found.facts : undefined;
  const byExtId = partner?.filter && "extId" in partner.filter ? partner.filter.extId : undefined;
  const byIco = partner?.filter && "ico" in partner.filter ? partner.filter.ico : undefined;
  db.statement(
    `INSERT OR REPLACE INTO ledger (key, connector, agenda, item_id, label, number, partner_ico, ext_system,
       ext_ids, total_cents, currency, date, pohoda_id, confirmed_at, confirmed_as, year)
     VALUES (:key, :connector, :agenda, :item_id, :label, :number, :partner_ico, :ext_system, :ext_ids,
       :total_cents, :currency, :date, :pohoda_id, :confirmed_at, :confirmed_as, :year)`,
  ).run({
    key: item.key,
    connector,
    agenda: item.agenda,
    item_id: item.itemId,
    label: item.label,
    number: document?.number ?? null,
    partner_ico: document?.partnerIco ?? byIco ?? partner?.ico ?? null,
    ext_system: byExtId?.system ?? null,
    ext_ids: byExtId?.ids ?? null,
    total_cents: document?.totalCents ?? null,
    currency: document?.currency ?? null,
    date: document?.date ?? null,
    pohoda_id: pohodaId ?? null,
    confirmed_at: now.toISOString(),
    confirmed_as: as,
    // The accounting year whose unit took it (src/pohoda/units.ts), with [pohoda.units].
    year: item.year ?? null,
  });
}

/** One connector's ledger, read. */
export class Ledger {
  readonly #db: StateDb;
  readonly connector: string;
  /** `connector = ?`, and the years asked for: what every query reads. */
  readonly #mine: string;

  /**
   * `years`: only what the accounting units of those years confirmed (src/pohoda/units.ts); all by default.
   */
  constructor(db: StateDb, connector: string, years?: readonly number[]) {
    this.#db = db;
    this.connector = connector;
    // Integers, spelled out: a list cannot be bound to one parameter. A document confirmed before years
    // were kept counts as of its date's year (where the units now put it), a partner as of none.
    this.#mine = years === undefined ? "connector = ?" : `connector = ? AND coalesce(year, ` +
      `CAST(substr(date, 1, 4) AS INTEGER), 0) IN (${years.map((y) => Math.trunc(y)).join(", ")})`;
  }

  /** The agendas of documents confirmed since `since` (all by default). */
  documentAgendas(since?: Date): LedgerAgenda[] {
    const rows = this.#db.statement(
      `SELECT agenda, count(*) AS n, min(date) AS earliest, count(date) AS dated FROM ledger
       WHERE ${this.#mine} AND agenda <> ? AND confirmed_at >= ? GROUP BY agenda ORDER BY agenda`,
    ).all(this.connector, PARTNERS, from(since)) as {
      agenda: string;
      n: number;
      earliest: string | null;
      dated: number;
    }[];
    return rows.map((row) => ({
      agenda: row.agenda,
      count: Number(row.n),
      ...(Number(row.dated) === Number(row.n) && row.earliest !== null ? { earliestDate: row.earliest } : {}),
    }));
  }

  /** The documents of `agenda` confirmed since `since`, read one at a time. */
  *documents(agenda: string, since?: Date): Generator<LedgerDocument> {
    const rows = this.#db.statement(
      `SELECT * FROM ledger WHERE ${this.#mine} AND agenda = ? AND confirmed_at >= ? ORDER BY confirmed_at`,
    ).iterate(this.connector, agenda, from(since)) as Iterable<LedgerRow>;
    for (const row of rows) {
      const facts: DocumentFacts = { agenda: row.agenda };
      if (row.number !== null) facts.number = row.number;
      if (row.partner_ico !== null) facts.partnerIco = row.partner_ico;
      if (row.total_cents !== null) facts.totalCents = Number(row.total_cents);
      if (row.currency !== null) facts.currency = row.currency;
      if (row.date !== null) facts.date = row.date;
      if (row.pohoda_id !== null) facts.id = row.pohoda_id;
      yield { ...confirmation(row), facts };
    }
  }

  /** Every confirmed partner, read one at a time. */
  *partners(): Generator<LedgerPartner> {
    const rows = this.#db.statement(
      `SELECT * FROM ledger WHERE ${this.#mine} AND agenda = ? ORDER BY confirmed_at`,
    ).iterate(this.connector, PARTNERS) as Iterable<LedgerRow>;
    for (const row of rows) {
      const identity = row.ext_ids !== null
        ? { extId: { ids: row.ext_ids, system: row.ext_system ?? "" } }
        : row.partner_ico !== null
        ? { ico: row.partner_ico }
        : undefined;
      yield {
        ...confirmation(row),
        ...(identity ? { identity } : {}),
        ...(row.pohoda_id === null ? {} : { pohodaId: row.pohoda_id }),
      };
    }
  }

  /** The external systems the confirmed partners are known by. */
  partnerSystems(): string[] {
    const rows = this.#db.statement(
      `SELECT DISTINCT ext_system FROM ledger WHERE ${this.#mine} AND agenda = ? AND ext_system IS NOT NULL
       ORDER BY ext_system`,
    ).all(this.connector, PARTNERS) as { ext_system: string }[];
    return rows.map((row) => row.ext_system);
  }

  /** How many partners were confirmed. */
  partnerCount(): number {
    const row = this.#db.statement(`SELECT count(*) AS n FROM ledger WHERE ${this.#mine} AND agenda = ?`)
      .get(this.connector, PARTNERS) as { n: number };
    return Number(row.n);
  }

  /** When the first item was confirmed, if any: the ledger starts with the version that keeps it. */
  firstConfirmation(): string | undefined {
    const row = this.#db.statement(`SELECT min(confirmed_at) AS first FROM ledger WHERE ${this.#mine}`)
      .get(this.connector) as { first: string | null };
    return row.first ?? undefined;
  }
}

interface LedgerRow {
  key: string;
  agenda: string;
  label: string;
  number: string | null;
  partner_ico: string | null;
  ext_system: string | null;
  ext_ids: string | null;
  total_cents: number | null;
  currency: string | null;
  date: string | null;
  pohoda_id: string | null;
  confirmed_at: string;
  confirmed_as: ConfirmedAs;
}

function confirmation(row: LedgerRow): Confirmation {
  return {
    key: row.key,
    agenda: row.agenda,
    label: row.label,
    confirmedAt: row.confirmed_at,
    confirmedAs: row.confirmed_as,
  };
}

/** The lower bound of `confirmed_at`: ISO strings compare in time order. */
function from(since: Date | undefined): string {
  return since ? since.toISOString() : "";
}

/** Whether the target confirmed the item `key` (any version of it) before. */
export function wasConfirmed(db: StateDb, key: string): boolean {
  return db.statement("SELECT 1 FROM ledger WHERE key = ?").get(key) !== undefined;
}
