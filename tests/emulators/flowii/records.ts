/**
 * The typed records the emulated FLOWii account holds: its own company, partners and documents
 * (issued ones mostly; received invoices and orders too). They carry FLOWii's view (ids,
 * modification times); `pohoda_xml.ts` turns them into the POHODA XML FLOWii exports.
 *
 * @module
 */

/** Country of the FLOWii company or of a partner. */
export type Country = "CZ" | "SK";

/** A bank account in Czech/Slovak domestic notation. */
export interface BankAccount {
  accountNo: string;
  bankCode: string;
}

/** The FLOWii company (tenant) whose data is exported; its IČO goes into `dataPack/@ico`. */
export interface Company {
  /** FLOWii company id, the `companyId` query parameter. */
  id: string;
  name: string;
  ico: string;
  dic: string;
  /** Slovak IČ DPH; only for SK companies. */
  icDph?: string;
  country: Country;
  /** Home currency: CZK for CZ, EUR for SK. */
  currency: "CZK" | "EUR";
  bankAccount: BankAccount;
}

/** A partner (customer) in the FLOWii address book. */
export interface Partner {
  /** FLOWii record id (numeric string, unique across partners and documents). */
  id: string;
  /** Last modification, UNIX seconds; the export's `from` filter compares against it. */
  modifiedAt: number;
  kind: "company" | "person";
  /** Company name; absent for private persons. */
  company?: string;
  /** Contact person of a company, or the private person's full name. */
  name?: string;
  street: string;
  city: string;
  zip: string;
  country: Country;
  /** IČO; companies only (private persons have none). */
  ico?: string;
  /** DIČ: "CZ" + IČO for Czech VAT payers, 10 digits for Slovak companies. */
  dic?: string;
  /** Slovak IČ DPH ("SK" + DIČ), Slovak VAT payers only. */
  icDph?: string;
  email?: string;
  phone?: string;
  mobile?: string;
  web?: string;
  /** Due days FLOWii uses for this customer's invoices (POHODA `adb:maturity`). */
  maturityDays: number;
  /**
   * Whether FLOWii writes `typ:extId` for this partner. About 30 % of real partners lack it, so
   * the importer must also match by IČO or name.
   */
  extIdInExport: boolean;
}

/** The invoice agendas FLOWii exports, named by POHODA's `inv:invoiceType`. */
export type InvoiceType =
  | "issuedInvoice"
  | "issuedAdvanceInvoice"
  | "issuedCreditNotice"
  | "receivable"
  | "receivedInvoice";

/** The order agendas FLOWii exports (`ord:order`), named by POHODA's `ord:orderType`. */
export type OrderType = "receivedOrder" | "issuedOrder";

/** Every document agenda FLOWii exports. */
export type DocumentType = InvoiceType | OrderType;

/** True for the types exported as `ord:order`. */
export function isOrder(type: DocumentType): type is OrderType {
  return type === "receivedOrder" || type === "issuedOrder";
}

/** POHODA VAT rate classes: CZ uses high/low/none, SK high/low/third/none. */
export type VatRate = "high" | "low" | "third" | "none";

/** Payment forms FLOWii offers, as POHODA `typ:paymentType` values. */
export type PaymentType = "draft" | "cash" | "creditcard" | "delivery";

/** One line of a document. Prices are in the document's currency (home or foreign). */
export interface DocumentItem {
  text: string;
  /** Negative on credit notes (the sign lives on the quantity, prices stay positive). */
  quantity: number;
  /** Absent for items without a unit, e.g. an advance. */
  unit?: string;
  unitPrice: number;
  /** `true`: `unitPrice` includes VAT. */
  payVAT: boolean;
  rateVAT: VatRate;
  discountPercentage?: number;
}

/** Currency of a document not in the company's home currency. */
export interface ForeignCurrency {
  currency: string;
  /** Home-currency units for `amount` foreign units. */
  rate: number;
  amount: number;
}

/** A document: issued mostly, or a received invoice, or an order. */
export interface IssuedDocument {
  /** FLOWii record id (numeric string, unique across partners and documents). */
  id: string;
  /** Last modification, UNIX seconds. */
  modifiedAt: number;
  type: DocumentType;
  /**
   * Document number, unique per type (each type has its own series); FLOWii's own number for a
   * received invoice too. Empty: exported without a number.
   */
  number: string;
  /** FLOWii exports the document without its `extId` (its FLOWii id); with it by default. */
  withoutExtId?: boolean;
  symVar: string;
  /** ISO dates (YYYY-MM-DD). */
  date: string;
  /** Date of the taxable supply; absent where no VAT is due (advance invoices, receivables). */
  dateTax?: string;
  dateDue: string;
  text: string;
  partnerId: string;
  paymentType: PaymentType;
  /** Company account to pay to; absent for cash and card payments. */
  bankAccount?: BankAccount;
  foreignCurrency?: ForeignCurrency;
  /** Empty for header-only documents, which carry `headerOnlyAmount` instead. */
  items: DocumentItem[];
  /** Total without VAT of a header-only receivable. */
  headerOnlyAmount?: number;
  /** Number of the invoice a credit note corrects or a receivable refers to. */
  relatedNumber?: string;
  /** The supplier's own number of a received invoice (POHODA `inv:originalDocument`). */
  originalDocument?: string;
  numberOrder?: string;
  note?: string;
}
