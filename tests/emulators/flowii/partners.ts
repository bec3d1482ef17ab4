/**
 * Generates one realistic partner: a Czech or Slovak company (valid IČO, DIČ, IČ DPH when a VAT
 * payer) or a private person without any identifier.
 *
 * @module
 */

import { randomIco, randomSkDic } from "./identifiers.ts";
import type { Random } from "./random.ts";
import type { Country, Partner } from "./records.ts";
import { ESCAPE_PRONE_COMPANIES, femaleSurname, VOCABULARY, type Vocabulary } from "./vocabulary.ts";

/** Share of partners living in the company's own country; the rest are from the other one. */
const HOME_SHARE = 0.65;
const PERSON_SHARE = 0.25;
const VAT_PAYER_SHARE = 0.75;
/** The brief: about 30 % of FLOWii partners carry no `typ:extId` in the export. */
const EXT_ID_SHARE = 0.7;

/** The other of the two countries. */
export function otherCountry(country: Country): Country {
  return country === "CZ" ? "SK" : "CZ";
}

/** ASCII, lower-case form of a name for e-mail addresses and domains ("Ďurčo" → "durco"). */
export function slug(text: string): string {
  return text.normalize("NFD").replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}

interface Person {
  first: string;
  last: string;
}

function person(rng: Random, v: Vocabulary): Person {
  const surname = rng.pick(v.surnames);
  return rng.chance(0.5)
    ? { first: rng.pick(v.maleFirst), last: surname }
    : { first: rng.pick(v.femaleFirst), last: femaleSurname(surname) };
}

function fullName(p: Person): string {
  return `${p.first} ${p.last}`;
}

function phoneNumber(rng: Random, v: Vocabulary, mobile: boolean): string {
  const start = mobile ? rng.pick(v.mobileStarts) : String(rng.int(2, 5)) + rng.digits(2);
  return `${v.phonePrefix} ${start} ${rng.digits(3)} ${rng.digits(3)}`;
}

function companyName(rng: Random, v: Vocabulary, owner: Person, city: string): string {
  const legal = rng.pick(v.legalForms);
  switch (rng.int(0, 9)) {
    case 0:
      return `${rng.pick(ESCAPE_PRONE_COMPANIES)} ${legal}`;
    case 1:
    case 2:
      // Sole traders register under their own name plus the trade, without a legal form.
      return `${fullName(owner)} – ${rng.pick(v.trades)}`;
    case 3:
      return `${rng.pick(v.surnames)} & ${rng.pick(v.surnames)}, ${legal}`;
    case 4:
    case 5:
      return `${rng.pick(v.trades)} ${city} ${legal}`;
    default:
      return `${rng.pick(v.trades)} ${rng.pick(v.surnames)} ${legal}`;
  }
}

/**
 * A new partner with FLOWii id `id`, last modified at `modifiedAt` (UNIX seconds). An IČO for which
 * `icoTaken` says true is drawn again: an address book holds each company once, and large datasets
 * (20 000 partners) would otherwise meet the birthday paradox.
 */
export function generatePartner(
  rng: Random,
  id: string,
  modifiedAt: number,
  home: Country,
  icoTaken: (ico: string) => boolean = () => false,
): Partner {
  const country = rng.chance(HOME_SHARE) ? home : otherCountry(home);
  const v = VOCABULARY[country];
  const owner = person(rng, v);
  const { city, zip } = rng.pick(v.cities);
  const street = `${rng.pick(v.streets)} ${rng.int(1, 250)}${rng.chance(0.3) ? `/${rng.int(1, 40)}` : ""}`;
  const common = { id, modifiedAt, street, city, zip, country, extIdInExport: rng.chance(EXT_ID_SHARE) };

  if (rng.chance(PERSON_SHARE)) {
    return {
      ...common,
      kind: "person",
      name: fullName(owner),
      email: rng.chance(0.8)
        ? `${slug(owner.first)}.${slug(owner.last)}@${rng.pick(v.freemailDomains)}`
        : undefined,
      mobile: rng.chance(0.7) ? phoneNumber(rng, v, true) : undefined,
      maturityDays: rng.pick([7, 14]),
    };
  }

  const company = companyName(rng, v, owner, city);
  const domain = `${
    slug(company.replace(/,? (s\.r\.o\.|spol\. s r\.o\.|a\.s\.|v\.o\.s\.|k\.s\.)$/, ""))
  }.${v.tld}`;
  let ico = randomIco(rng);
  while (icoTaken(ico)) ico = randomIco(rng);
  const vatPayer = rng.chance(VAT_PAYER_SHARE);
  // A Czech DIČ is "CZ" + IČO and exists only for VAT payers; every Slovak company has a DIČ,
  // and VAT payers additionally an IČ DPH ("SK" + DIČ).
  const dic = country === "CZ" ? (vatPayer ? `CZ${ico}` : undefined) : randomSkDic(rng);
  return {
    ...common,
    kind: "company",
    company,
    name: rng.chance(0.6) ? fullName(owner) : undefined,
    ico,
    dic,
    icDph: country === "SK" && vatPayer ? `SK${dic}` : undefined,
    email: rng.chance(0.9) ? `${rng.pick(v.mailboxes)}@${domain}` : undefined,
    phone: rng.chance(0.7) ? phoneNumber(rng, v, false) : undefined,
    mobile: rng.chance(0.4) ? phoneNumber(rng, v, true) : undefined,
    web: rng.chance(0.5) ? `www.${domain}` : undefined,
    maturityDays: rng.pick([7, 14, 14, 30, 60]),
  };
}
