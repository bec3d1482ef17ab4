/**
 * Czech and Slovak word lists for the dataset generator. The words are chosen to cover every
 * diacritic the importer must carry through windows-1250 (ľ ĺ ŕ ô ä ř ů ě ž š č ť ď ň) and a few
 * characters that need XML escaping (`&`, quotes).
 *
 * @module
 */

import type { Country, VatRate } from "./records.ts";

/** A city with one of its postal codes, formatted as the country writes it ("110 00"). */
export interface City {
  city: string;
  zip: string;
}

/** Everything language- or country-specific the generator draws from. */
export interface Vocabulary {
  cities: readonly City[];
  streets: readonly string[];
  maleFirst: readonly string[];
  femaleFirst: readonly string[];
  /** Male surnames; the female form is derived by `femaleSurname`. */
  surnames: readonly string[];
  /** Trade words for company names, e.g. "Stavebniny". */
  trades: readonly string[];
  legalForms: readonly string[];
  /** Internet domain of the country, for e-mails and web addresses. */
  tld: string;
  freemailDomains: readonly string[];
  /** Local parts of company e-mail addresses ("info@…"). */
  mailboxes: readonly string[];
  phonePrefix: string;
  /** First digits of mobile numbers (CZ 6xx/7xx, SK 9xx). */
  mobileStarts: readonly string[];
  catalog: readonly CatalogItem[];
  /** Document texts per document type; `{n}` is replaced by a related document number. */
  texts: Readonly<
    Record<"invoice" | "advance" | "credit" | "receivable" | "received" | "order", readonly string[]>
  >;
  /** A closing note some documents carry. */
  thanks: string;
  /** Appended to some item texts to make them longer (FLOWii allows more than POHODA's 90 characters). */
  longItemSuffix: string;
}

/** A product or service with its usual unit, price range and VAT rate class. */
export interface CatalogItem {
  text: string;
  unit: string;
  min: number;
  max: number;
  rate: VatRate;
  /** Whether the quantity may have decimals (hours, kilograms). */
  fractional?: boolean;
}

const CZ: Vocabulary = {
  cities: [
    { city: "Praha 1", zip: "110 00" },
    { city: "Praha 4", zip: "140 00" },
    { city: "Brno", zip: "602 00" },
    { city: "Ostrava", zip: "702 00" },
    { city: "Plzeň", zip: "301 00" },
    { city: "Olomouc", zip: "779 00" },
    { city: "České Budějovice", zip: "370 01" },
    { city: "Hradec Králové", zip: "500 02" },
    { city: "Ústí nad Labem", zip: "400 01" },
    { city: "Pardubice", zip: "530 02" },
    { city: "Zlín", zip: "760 01" },
    { city: "Liberec", zip: "460 01" },
    { city: "Třebíč", zip: "674 01" },
    { city: "Kroměříž", zip: "767 01" },
    { city: "Žďár nad Sázavou", zip: "591 01" },
    { city: "Dvůr Králové nad Labem", zip: "544 01" },
  ],
  streets: [
    "Masarykova",
    "Národní třída",
    "Žižkova",
    "Dlouhá",
    "Husova",
    "Palackého",
    "Průmyslová",
    "Komenského",
    "Náměstí Míru",
    "Nádražní",
    "Třída Tomáše Bati",
    "Kpt. Jaroše",
    "Ořechová",
    "Šafaříkova",
    "U Řeky",
    "Štěpánská",
  ],
  maleFirst: ["Jan", "Petr", "Jiří", "Tomáš", "Lukáš", "Ondřej", "Martin", "Zdeněk", "Radek", "Vojtěch"],
  femaleFirst: ["Jana", "Petra", "Lucie", "Kateřina", "Tereza", "Zuzana", "Markéta", "Veronika", "Božena"],
  surnames: [
    "Novák",
    "Dvořák",
    "Černý",
    "Procházka",
    "Kučera",
    "Veselý",
    "Hájek",
    "Růžička",
    "Šťastný",
    "Kříž",
    "Holub",
    "Beneš",
    "Pospíšil",
    "Fiala",
    "Ďurica",
  ],
  trades: [
    "Stavebniny",
    "Řeznictví",
    "Dřevovýroba",
    "Účetnictví",
    "Autoservis",
    "Pekařství",
    "Truhlářství",
    "Elektroinstalace",
    "Kuchyňské studio",
    "Zahradnictví",
    "Tiskárna",
    "Vinařství",
  ],
  legalForms: ["s.r.o.", "spol. s r.o.", "a.s.", "v.o.s.", "k.s."],
  tld: "cz",
  freemailDomains: ["seznam.cz", "email.cz", "gmail.com", "centrum.cz"],
  mailboxes: ["info", "fakturace", "office", "ucetni"],
  phonePrefix: "+420",
  mobileStarts: ["602", "605", "721", "736", "775", "608"],
  catalog: [
    {
      text: "Konzultace a analýza požadavků",
      unit: "hod",
      min: 800,
      max: 1800,
      rate: "high",
      fractional: true,
    },
    { text: "Montáž a oživení zařízení", unit: "hod", min: 550, max: 1200, rate: "high", fractional: true },
    { text: "Dřevěná paleta EUR 1200×800", unit: "ks", min: 180, max: 320, rate: "high" },
    { text: "Cement portlandský 25 kg", unit: "ks", min: 120, max: 190, rate: "high" },
    { text: "Dlažba keramická – šedá", unit: "m2", min: 290, max: 890, rate: "high", fractional: true },
    { text: "Doprava (Praha – Brno)", unit: "km", min: 18, max: 35, rate: "high" },
    { text: "Hosting a správa webu", unit: "měs", min: 290, max: 2500, rate: "high" },
    { text: "Odborná kniha „Účetnictví v praxi“", unit: "ks", min: 349, max: 799, rate: "low" },
    { text: "Uzeniny – šunka výběrová", unit: "kg", min: 189, max: 329, rate: "low", fractional: true },
    { text: "Čerstvé pečivo – rohlíky", unit: "bal", min: 29, max: 89, rate: "low" },
    { text: "Vstupenka na školení", unit: "ks", min: 990, max: 3900, rate: "low" },
    { text: "Správní poplatek", unit: "ks", min: 50, max: 1000, rate: "none" },
    { text: "Pojištění zásilky", unit: "ks", min: 20, max: 150, rate: "none" },
  ],
  texts: {
    invoice: [
      "Fakturujeme Vám dodávku zboží a služeb",
      "Fakturujeme Vám práce dle objednávky",
      "Vyúčtování služeb za uplynulý měsíc",
      "Fakturace dle smlouvy o dílo",
    ],
    advance: ["Zálohová faktura na dodávku zboží", "Záloha na práce dle nabídky", "Záloha na roční licenci"],
    credit: [
      "Dobropis k faktuře {n}",
      "Opravný doklad k faktuře {n} – vrácené zboží",
      "Sleva z ceny k faktuře {n}",
    ],
    receivable: [
      "Smluvní pokuta za pozdní úhradu faktury {n}",
      "Přefakturace nákladů na dopravu",
      "Náhrada škody dle dohody",
    ],
    received: ["Nákup materiálu", "Servis a údržba vozidel", "Nájemné za kancelář", "Telefonní služby"],
    order: ["Objednávka zboží", "Objednávka prací dle nabídky", "Objednávka materiálu na stavbu"],
  },
  thanks: "Děkujeme za Vaši objednávku.",
  longItemSuffix: " – dodávka dle objednávky, včetně dopravy na místo určení, montáže, zaškolení obsluhy",
};

const SK: Vocabulary = {
  cities: [
    { city: "Bratislava", zip: "811 01" },
    { city: "Košice", zip: "040 01" },
    { city: "Prešov", zip: "080 01" },
    { city: "Žilina", zip: "010 01" },
    { city: "Banská Bystrica", zip: "974 01" },
    { city: "Nitra", zip: "949 01" },
    { city: "Trnava", zip: "917 01" },
    { city: "Trenčín", zip: "911 01" },
    { city: "Piešťany", zip: "921 01" },
    { city: "Ružomberok", zip: "034 01" },
    { city: "Liptovský Mikuláš", zip: "031 01" },
    { city: "Dolný Kubín", zip: "026 01" },
    { city: "Veľký Krtíš", zip: "990 01" },
    { city: "Ľubica", zip: "059 71" },
    { city: "Kráľovský Chlmec", zip: "077 01" },
  ],
  streets: [
    "Hlavná",
    "Štúrova",
    "Námestie SNP",
    "Ľudovíta Štúra",
    "Mierová",
    "Dlhá",
    "Kpt. Nálepku",
    "Hviezdoslavova",
    "Športová",
    "Pod Hôrkou",
    "Záhradnícka",
    "Krížna",
    "Ďumbierska",
    "Vŕbová",
    "Mäsiarska",
  ],
  maleFirst: ["Ján", "Peter", "Ľubomír", "Jozef", "Marek", "Ľuboš", "Dušan", "Martin", "Štefan", "Igor"],
  femaleFirst: ["Mária", "Zuzana", "Ľubica", "Katarína", "Jana", "Eva", "Dagmar", "Andrea", "Ľudmila"],
  surnames: [
    "Kováč",
    "Horváth",
    "Varga",
    "Tóth",
    "Nagy",
    "Baláž",
    "Lukáč",
    "Ďurčo",
    "Šťastný",
    "Krajčír",
    "Hudák",
    "Gašpar",
    "Pôbiš",
    "Kráľ",
    "Mäsiar",
  ],
  trades: [
    "Mäsiarstvo",
    "Pekáreň",
    "Tlačiareň",
    "Hĺbkové vŕtanie",
    "Vinárstvo Pôtor",
    "Účtovníctvo",
    "Stolárstvo",
    "Kováčstvo",
    "Stavebniny",
    "Záhradníctvo",
    "Autoservis",
    "Kaviareň Dôvera",
  ],
  legalForms: ["s.r.o.", "spol. s r.o.", "a.s.", "v.o.s.", "k.s."],
  tld: "sk",
  freemailDomains: ["azet.sk", "centrum.sk", "gmail.com", "zoznam.sk"],
  mailboxes: ["info", "fakturacia", "office", "uctovnictvo"],
  phonePrefix: "+421",
  mobileStarts: ["903", "905", "910", "915", "948", "950"],
  catalog: [
    {
      text: "Konzultácie a analýza požiadaviek",
      unit: "hod",
      min: 35,
      max: 90,
      rate: "high",
      fractional: true,
    },
    { text: "Montáž a oživenie zariadenia", unit: "hod", min: 25, max: 55, rate: "high", fractional: true },
    { text: "Drevená paleta EUR 1200×800", unit: "ks", min: 8, max: 14, rate: "high" },
    { text: "Stĺpik plotový pozinkovaný", unit: "ks", min: 6.5, max: 19.9, rate: "high" },
    { text: "Dlažba keramická – šedá", unit: "m2", min: 12, max: 39, rate: "high", fractional: true },
    { text: "Doprava (Bratislava – Žilina)", unit: "km", min: 0.7, max: 1.4, rate: "high" },
    { text: "Hosting a správa webu", unit: "mes", min: 12, max: 99, rate: "high" },
    { text: "Mäso bravčové – krkovička", unit: "kg", min: 6.9, max: 11.5, rate: "low", fractional: true },
    { text: "Čerstvé pečivo – rožky", unit: "bal", min: 1.2, max: 3.9, rate: "low" },
    { text: "Odborná kniha „Účtovníctvo v praxi“", unit: "ks", min: 14, max: 39, rate: "third" },
    { text: "Lieky – voľnopredajné", unit: "bal", min: 3.5, max: 12, rate: "third" },
    { text: "Správny poplatok", unit: "ks", min: 5, max: 50, rate: "none" },
    { text: "Poistenie zásielky", unit: "ks", min: 1, max: 8, rate: "none" },
  ],
  texts: {
    invoice: [
      "Fakturujeme Vám dodávku tovaru a služieb",
      "Fakturujeme Vám práce podľa objednávky",
      "Vyúčtovanie služieb za uplynulý mesiac",
      "Fakturácia podľa zmluvy o dielo",
    ],
    advance: [
      "Zálohová faktúra na dodávku tovaru",
      "Záloha na práce podľa ponuky",
      "Záloha na ročnú licenciu",
    ],
    credit: [
      "Dobropis k faktúre {n}",
      "Dobropis k faktúre {n} – vrátený tovar",
      "Zľava z ceny k faktúre {n}",
    ],
    receivable: [
      "Zmluvná pokuta za oneskorenú úhradu faktúry {n}",
      "Prefakturácia nákladov na dopravu",
      "Náhrada škody podľa dohody",
    ],
    received: ["Nákup materiálu", "Servis a údržba vozidiel", "Nájomné za kanceláriu", "Telefónne služby"],
    order: ["Objednávka tovaru", "Objednávka prác podľa ponuky", "Objednávka materiálu na stavbu"],
  },
  thanks: "Ďakujeme za Vašu objednávku.",
  longItemSuffix:
    " – dodávka podľa objednávky, vrátane dopravy na miesto určenia, montáže, zaškolenia obsluhy",
};

/** The vocabulary of a country. */
export const VOCABULARY: Readonly<Record<Country, Vocabulary>> = { CZ, SK };

/**
 * Company names that need XML escaping or use apostrophes and quotes; both countries write them
 * the same way, so one list serves both.
 */
export const ESCAPE_PRONE_COMPANIES: readonly string[] = [
  "Baťa & syn",
  'Kancelária "Pod Lipou"',
  "O'Neill <Trading>",
];

/** Female form of a Czech or Slovak surname (Novák → Nováková, Černý → Černá). */
export function femaleSurname(surname: string): string {
  if (surname.endsWith("ý")) return surname.slice(0, -1) + "á";
  if (surname.endsWith("a") || surname.endsWith("o")) return surname.slice(0, -1) + "ová";
  return surname + "ová";
}

/**
 * Texts windows-1250 cannot hold: Romanian ș/ț with comma below (windows-1250 only has the
 * cedilla forms ş/ţ, while ă is encodable) and an emoji outside the Basic Multilingual Plane.
 */
export const UNENCODABLE = {
  company: "Ștefănescu & Țurcanu s.r.o.",
  person: "Ștefan Țurcanu",
  textSuffix: " 🎁",
} as const;
