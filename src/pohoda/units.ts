/**
 * Accounting years: POHODA keeps each year in an accounting unit of its own (`StwPh_<IČO>_<year>`),
 * and one mServer configuration (or one `database` of the /XML file exchange) serves one unit.
 * `[pohoda.units]` maps further years to their units; `[pohoda] url` (or `database`) stays a unit too,
 * of the year it reports. A document goes to the unit of its date's calendar year (the date POHODA
 * checks, warning 606 otherwise); a partner goes to every unit, whose address books are separate.
 * Without `[pohoda.units]` there is one unit and no routing: everything goes where `[pohoda]` says.
 *
 * @module
 */

import { join } from "node:path";
import { ServiceError } from "../core/errors.ts";
import { m } from "../i18n/mod.ts";
import type { OutboxItem } from "../pipeline/outbox.ts";
import {
  openTransport,
  type PohodaTransport,
  type TransportCheck,
  type TransportContext,
} from "./transport.ts";
import type { PohodaConfig } from "./config.ts";

/** One accounting unit spojka posts to. */
export interface Unit {
  /** The year whose documents it takes; none for `[pohoda]`'s own unit when it reports no year of its own. */
  year?: number;
  /** `[pohoda]`'s own unit: it also takes the items of no year ({@linkcode NO_YEAR}). */
  own: boolean;
  /** `[pohoda]` as this unit's transport is opened with: its own URL, or its own database and folders. */
  config: PohodaConfig;
}

/**
 * The outbox's year of an item that has none: a document without a date (POHODA dates it today) and
 * a partner staged before `[pohoda.units]` was set. `[pohoda]`'s own unit takes them.
 */
export const NO_YEAR = 0;

/**
 * The calendar year of a document payload's own date (`inv:invoiceHeader/inv:date`,
 * `ord:orderHeader/ord:date`), whatever prefix the export gave the namespace; `undefined` for a
 * partner or a document without a date (POHODA dates it today, so it goes to the unit `[pohoda]`
 * names). Read by a pattern, not a parse: staging runs it on every item.
 */
export function documentYear(payload: string): number | undefined {
  const found = /<(?:[\w.-]+:)?(?:invoice|order)Header\b[^>]*>[\s\S]*?<(?:[\w.-]+:)?date>\s*(\d{4})-\d\d-\d\d/
    .exec(payload);
  return found ? Number(found[1]) : undefined;
}

/** The years `[pohoda.units]` names, in order. */
export function unitYears(config: PohodaConfig): number[] {
  return Object.keys(config.units ?? {}).map(Number).sort((a, b) => a - b);
}

/**
 * The units of `config`: `[pohoda]`'s own first, as the unit of `ownYear` (the year it reports)
 * unless `[pohoda.units]` names that year too; then one per year of `[pohoda.units]`. With the file
 * exchange, a unit of `[pohoda.units]` gets folders of its own (`<year>` inside `[pohoda]`'s), so that
 * the answers of one database are never read as another's. Without `[pohoda.units]`, the one unit
 * takes everything.
 */
export function unitsOf(config: PohodaConfig, ownYear: number | undefined): Unit[] {
  const years = unitYears(config);
  const own: Unit = {
    own: true,
    config,
    ...(ownYear !== undefined && !years.includes(ownYear) ? { year: ownYear } : {}),
  };
  const files = config.transport === "xml-folder";
  const listed = years.map((year): Unit => {
    const value = config.units![String(year)];
    return {
      year,
      own: false,
      config: files
        ? {
          ...config,
          database: value,
          input_dir: join(config.input_dir ?? join("pohoda-xml", "in"), String(year)),
          response_dir: join(config.response_dir ?? join("pohoda-xml", "out"), String(year)),
        }
        : { ...config, url: value },
    };
  });
  return [own, ...listed];
}

/** The outbox years `unit` takes; `undefined` for every year (a config without `[pohoda.units]`). */
export function yearsOf(unit: Unit): number[] | undefined {
  if (!unit.config.units) return undefined;
  return unit.own ? [NO_YEAR, ...(unit.year === undefined ? [] : [unit.year])] : [unit.year!];
}

/** The year a database name `StwPh_<IČO>_<year>` holds. */
export function databaseYear(database: string): number | undefined {
  const found = /^StwPh_\d+_(\d{4})$/i.exec(database);
  return found ? Number(found[1]) : undefined;
}

/** The outbox year of an item: a document's, else {@linkcode NO_YEAR}. */
export function outboxYear(item: { agenda: string; payload: string }): number {
  return item.agenda === PARTNERS ? NO_YEAR : documentYear(item.payload) ?? NO_YEAR;
}

const PARTNERS = "addressbook";

/**
 * `item` as the outbox keeps it for `units` (absent: a config without `[pohoda.units]`): a document
 * once, with its year; a partner once per unit, each with a key of its own (`…@2025`), so that each
 * unit's confirmation is its own and the exactly-once guarantee holds per unit. Every unit gets every
 * partner: each keeps an address book of its own, an upsert is safe to repeat, and a partner whose
 * documents are all of one year today may be invoiced in another tomorrow.
 */
export function routeItem(item: OutboxItem, units: readonly Unit[] | undefined): OutboxItem[] {
  if (item.agenda !== PARTNERS || !units) return [{ ...item, year: outboxYear(item) }];
  return units.map((unit) =>
    unit.year === undefined
      ? { ...item, year: NO_YEAR }
      : { ...item, key: `${item.key}@${unit.year}`, label: `${item.label} [${unit.year}]`, year: unit.year }
  );
}

/** Throws when `unit` of `[pohoda.units]` answers for another year than the one it is named for. */
export function checkUnitYear(unit: Unit, transport: PohodaTransport, check: TransportCheck): void {
  if (check.year === undefined || check.year === unit.year) return;
  const where = unit.config.transport === "xml-folder" ? unit.config.database! : unit.config.url;
  throw new ServiceError(m.units.wrongYear(unit.year!, transport.service, where, check.year, check.summary), {
    hint: m.units.wrongYearHint(unit.year!, check.year),
  });
}

/** A unit with its transport, checked. */
export interface OpenUnit {
  unit: Unit;
  transport: PohodaTransport;
}

/**
 * Every unit of `config` with its transport, each checked (its notes logged): `[pohoda]`'s own first,
 * through `own` when the caller already opened it, then `[pohoda.units]`'s, each of which must answer
 * for its year.
 */
export async function openUnitTransports(
  config: PohodaConfig,
  context: TransportContext,
  own: PohodaTransport = openTransport(config, context),
): Promise<OpenUnit[]> {
  const checked = async (transport: PohodaTransport) => {
    const check = await transport.check();
    for (const note of check.notes) context.log.info(note);
    return check;
  };
  const ownCheck = await checked(own);
  const open: OpenUnit[] = [];
  for (const unit of unitsOf(config, ownCheck.year)) {
    if (unit.own) {
      open.push({ unit, transport: own });
      continue;
    }
    const transport = openTransport(unit.config, context);
    checkUnitYear(unit, transport, await checked(transport));
    open.push({ unit, transport });
  }
  return open;
}
