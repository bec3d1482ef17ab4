/**
 * The fault kinds, and how a schedule draws them. Each kind is named as the report counts it.
 *
 * - Transport and gateway faults strike one request of any service through its fault proxy:
 *   connection refused or reset, a timeout before or after the service did the work, an answer lost
 *   after the work, an HTTP error with or without `Retry-After`.
 * - Service faults use the emulators' own switches, armed as the proxy sees the request: mServer
 *   busy, a pack refused, a login page, an answer cut mid-body, some items refused (a mixed
 *   responsePack); a FLOWii token expiring, a truncated or corrupt zip, an export cut off, a
 *   maintenance page, records changing during the run; stock changing in KROS during the run.
 * - Crashes: the run dies with a request on its way, or after a service did the work and before
 *   the answer was read (for mServer: between a post and the state write), or at a state write, or
 *   at a random moment (see `harness.ts`).
 *
 * @module
 */

import { Random } from "../emulators/flowii/random.ts";
import type { Fault as FlowiiFault } from "../emulators/flowii/faults.ts";
import type { IssuedDocument } from "../emulators/flowii/records.ts";
import type { FlowiiEmulator } from "../emulators/flowii/server.ts";
import { FLOWII_PATHS } from "../emulators/flowii/server.ts";
import type { KrosEmulator } from "../emulators/kros/mod.ts";
import type { MServer } from "../emulators/mserver/mod.ts";
import type { FaultEvent, RunControl, RunPlan } from "./harness.ts";
import type { ProxiedRequest, Verdict } from "./proxy.ts";

/** A fault kind: how often it is drawn, and how it is aimed at the run. */
export interface FaultKind<T> {
  weight: number;
  draw(rng: Random, target: T): FaultEvent;
}

/** Draws `count` faults from `kinds`, by weight. */
export function drawFaults<T>(
  rng: Random,
  kinds: readonly FaultKind<T>[],
  target: T,
  count: number,
): FaultEvent[] {
  const total = kinds.reduce((sum, kind) => sum + kind.weight, 0);
  return Array.from({ length: count }, () => {
    let roll = rng.next() * total;
    const kind = kinds.find((k) => (roll -= k.weight) < 0) ?? kinds[kinds.length - 1];
    return kind.draw(rng, target);
  });
}

/** A service as the faults aim at it: its proxy's name, the errors it answers, how many requests a run makes. */
export interface ServiceAim {
  service: string;
  /** HTTP errors the service (or a gateway before it) answers, e.g. 429, 500, 503. */
  statuses: readonly number[];
  /** About how many requests a run makes to it (its retries not counted). */
  requests: number;
  /** The requests faults are aimed at (all by default). */
  matches?: (request: ProxiedRequest) => boolean;
}

/** An event striking the `at`-th request of `aim`'s service. */
function event(
  kind: string,
  aim: ServiceAim,
  at: number,
  strike: (run: RunControl, request: ProxiedRequest) => Verdict | undefined,
): FaultEvent {
  return { kind: `${aim.service}: ${kind}`, service: aim.service, at, matches: aim.matches, strike };
}

function someRequest(rng: Random, aim: ServiceAim): number {
  return rng.int(1, Math.max(1, aim.requests));
}

/** Connection and gateway faults of any service. */
export const TRANSPORT: readonly FaultKind<ServiceAim>[] = [
  {
    weight: 2,
    draw: (rng, aim) => {
      const ms = rng.int(50, 1200);
      return event("connection refused", aim, someRequest(rng, aim), () => ({ kind: "refuse", ms }));
    },
  },
  {
    weight: 2,
    draw: (rng, aim) => event("connection reset", aim, someRequest(rng, aim), () => ({ kind: "reset" })),
  },
  {
    weight: 2,
    draw: (rng, aim) => event("timeout", aim, someRequest(rng, aim), () => ({ kind: "hang" })),
  },
  {
    weight: 3,
    draw: (rng, aim) => {
      const status = rng.pick(aim.statuses);
      const retryAfter = rng.pick([0, 0, 1, undefined]);
      const name = `HTTP ${status}${retryAfter === undefined ? "" : " with Retry-After"}`;
      return event(name, aim, someRequest(rng, aim), () => ({ kind: "status", status, retryAfter }));
    },
  },
  {
    weight: 3,
    draw: (rng, aim) =>
      event("answer lost after the work was done", aim, someRequest(rng, aim), () => ({ kind: "lose" })),
  },
  {
    weight: 1,
    draw: (rng, aim) =>
      event("timeout after the work was done", aim, someRequest(rng, aim), () => ({ kind: "withhold" })),
  },
];

/** Crashes aimed at a request of any service. */
export const CRASH_AT_REQUEST: readonly FaultKind<ServiceAim>[] = [
  {
    weight: 1,
    draw: (rng, aim) =>
      event("crash with a request on its way", aim, someRequest(rng, aim), (run) => {
        run.kill(`with ${aim.service} request on its way`);
        return { kind: "reset" };
      }),
  },
  {
    weight: 2,
    draw: (rng, aim) =>
      event(
        "crash after the work was done, before the answer was read",
        aim,
        someRequest(rng, aim),
        (run) => ({
          // Never relayed: however late the process dies, it cannot read the answer.
          kind: "lose",
          onAnswer: () => run.kill(`after ${aim.service} did the work, before its answer was read`),
        }),
      ),
  },
];

/** A crash at one of about `writes` state writes, or at a random moment. */
export function drawDeath(rng: Random, writes: number): Pick<RunPlan, "crash" | "dieAfterMs"> {
  if (rng.chance(0.7)) {
    return { crash: { write: rng.int(1, Math.max(1, writes)), when: rng.chance(0.5) ? "before" : "after" } };
  }
  return { dieAfterMs: rng.int(0, 250) };
}

/** A character the emulated POHODA cannot read: start mServer with it as `unreadable`. */
export const UNREADABLE = "¤";

/** The documents POHODA refuses on purpose, in every run, and how. */
export interface BadItems {
  documents: IssuedDocument[];
  /** Whether POHODA refuses the item with this number (the others hold {@link UNREADABLE}). */
  refused(number: string | undefined): boolean;
  /** Fault kinds for the report, one per document. */
  kinds: string[];
}

/**
 * Bad items: sometimes none, else one or two documents that no other document refers to (a credit
 * note of a refused invoice would fail too, rightly). Each is either refused by POHODA item by
 * item (as a wrong VAT rate would be), or given a character POHODA cannot read, so that every pack
 * holding it is refused whole and spojka must narrow the pack down to it.
 */
export function badItems(rng: Random, flowii: FlowiiEmulator): BadItems {
  const { documents } = flowii.dataset;
  const count = rng.chance(0.3) ? rng.int(1, 2) : 0;
  const cited = new Set(documents.flatMap((d) => d.relatedNumber ?? []));
  const free = documents.filter((d) => !cited.has(d.number));
  const bad: BadItems = { documents: [], refused: () => false, kinds: [] };
  const refused = new Set<string>();
  for (let i = 0; i < count && free.length > 0; i++) {
    const doc = free.splice(rng.int(0, free.length - 1), 1)[0];
    bad.documents.push(doc);
    if (rng.chance(0.5)) {
      refused.add(doc.number);
      bad.kinds.push("bad item: refused by POHODA");
    } else {
      flowii.touch(doc.id, { text: `${doc.text} ${UNREADABLE}` });
      bad.kinds.push("bad item: POHODA cannot read it (its packs refused whole)");
    }
  }
  bad.refused = (number) => number !== undefined && refused.has(number);
  return bad;
}

/** What the FLOWii → POHODA faults act on. */
export interface FlowiiTarget {
  flowii: FlowiiEmulator;
  mserver: MServer;
  /** The services as their proxies are named (`FLOWii`, `mServer`), and how many requests a run makes. */
  aims: { flowii: ServiceAim; mserver: ServiceAim };
  /** About how many packs a run posts. */
  packs: number;
  /** Makes mServer refuse some items, chosen by `salt`, until the run ends (`undefined`). */
  refuseSomeItems(salt: number | undefined): void;
}

/** `POST /xml`: the imports. */
export function isPost(request: ProxiedRequest): boolean {
  return request.method === "POST" && request.path.startsWith("/xml");
}

function isExport(request: ProxiedRequest): boolean {
  return request.path.startsWith(FLOWII_PATHS.partners) || request.path.startsWith(FLOWII_PATHS.documents);
}

/**
 * Pack-level refusals: the missing XML-import right (a real answer), a schema failure (seen in a
 * client), a pack that is not well-formed (as a user saw it for one bad character). Here each lasts
 * one answer: the right granted, the pack sent again in parts.
 */
const PACK_REFUSALS = [
  "Uživatel není oprávnen importovat XML soubory.",
  "Nepodařila se validace dokumentu podle schématu",
  "XML dokument není správně utvořen: Invalid bytes in character encoding",
];

/** mServer's imports as faults aim at them. */
export function posts(target: FlowiiTarget): ServiceAim {
  return { ...target.aims.mserver, matches: isPost, requests: target.packs };
}

/** mServer's own faults, aimed at its imports. */
export const MSERVER: readonly FaultKind<FlowiiTarget>[] = [
  {
    weight: 2,
    draw: (rng, target) => {
      const ms = rng.int(50, 1500);
      return event("busy", posts(target), someRequest(rng, posts(target)), (run) => {
        const release = target.mserver.hold();
        const timer = setTimeout(release, ms);
        run.afterwards(() => {
          clearTimeout(timer);
          release();
        });
        return undefined;
      });
    },
  },
  {
    weight: 2,
    draw: (rng, target) => {
      const note = rng.pick(PACK_REFUSALS);
      const aim = posts(target);
      const at = someRequest(rng, aim);
      return event("pack refused", aim, at, (run) => {
        target.mserver.faults.packError = note;
        run.afterwards(() => target.mserver.faults.packError = undefined);
        return {
          kind: "pass",
          onAnswer: () => target.mserver.faults.packError = undefined,
        };
      });
    },
  },
  {
    weight: 1,
    draw: (rng, target) =>
      event("login page instead of an answer", posts(target), someRequest(rng, posts(target)), (run) => {
        target.mserver.faults.loginPage = 1;
        run.afterwards(() => target.mserver.faults.loginPage = 0);
        return undefined;
      }),
  },
  {
    weight: 2,
    draw: (rng, target) =>
      event(
        "answer cut off mid-body after the import",
        posts(target),
        someRequest(rng, posts(target)),
        (run) => {
          target.mserver.faults.dropResponse = 1;
          run.afterwards(() => target.mserver.faults.dropResponse = 0);
          return undefined;
        },
      ),
  },
  {
    weight: 3,
    draw: (rng, target) => {
      const salt = rng.int(1, 2 ** 30);
      return event(
        "some items refused (mixed ok/error)",
        posts(target),
        someRequest(rng, posts(target)),
        (run) => {
          target.refuseSomeItems(salt);
          run.afterwards(() => target.refuseSomeItems(undefined));
          return undefined;
        },
      );
    },
  },
];

const exports = (target: FlowiiTarget): ServiceAim => ({
  ...target.aims.flowii,
  matches: isExport,
  requests: 2,
});

/** A payload fault of the export the proxy sees, injected just before FLOWii answers it. */
function payload(kind: string, fault: FlowiiFault): FaultKind<FlowiiTarget> {
  return {
    weight: 1,
    draw: (rng, target) =>
      event(kind, exports(target), someRequest(rng, exports(target)), (run, request) => {
        // Taken by this request, unless its token has expired: then by its retry, or never.
        target.flowii.inject(new URL(request.path, "http://flowii").pathname, fault);
        run.afterwards(() => target.flowii.clearFaults());
        return undefined;
      }),
  };
}

/** FLOWii's own faults. */
export const FLOWII: readonly FaultKind<FlowiiTarget>[] = [
  {
    weight: 2,
    draw: (rng, target) =>
      event("token expired", target.aims.flowii, rng.int(2, Math.max(2, target.aims.flowii.requests)), () => {
        target.flowii.expireTokens();
        return undefined;
      }),
  },
  payload("truncated zip", { kind: "truncatedZip" }),
  payload("corrupt zip", { kind: "corruptZip" }),
  payload("export cut off (truncated XML)", { kind: "truncatedXml" }),
  payload("maintenance page", { kind: "maintenancePage" }),
  {
    weight: 2,
    draw: (rng, target) => {
      // Its own sequence: when it strikes must not change what the schedule draws next.
      const changes = new Random(rng.int(1, 2 ** 30));
      // While FLOWii exports, or later, while the exports are posted and before the cursors move.
      const aim = rng.chance(0.5) ? target.aims.flowii : posts(target);
      const strike = () => void changeRecords(changes, target.flowii);
      return {
        ...event("", aim, someRequest(rng, aim), strike),
        kind: "FLOWii: records changed during the run",
      };
    },
  },
];

/**
 * What users do in FLOWii between (and during) runs: new documents and partners, edited documents,
 * and edited partners spojka can find again (by external id or IČO; a private person without
 * either is known by content, and an edit makes a new record by design).
 */
export function changeRecords(rng: Random, flowii: FlowiiEmulator): void {
  const { partners, documents } = flowii.dataset;
  if (rng.chance(0.6)) flowii.addDocuments(rng.int(1, 3));
  if (rng.chance(0.2)) flowii.addPartners(1);
  if (rng.chance(0.4) && documents.length > 0) {
    const doc = rng.pick(documents);
    flowii.touch(doc.id, { note: `Upraveno ${rng.digits(4)}` });
  }
  const findable = partners.filter((p) => p.extIdInExport || p.ico);
  if (rng.chance(0.4) && findable.length > 0) {
    flowii.touch(rng.pick(findable).id, { email: `zmena${rng.digits(3)}@firma.sk` });
  }
}

/** What the KROS → e-shop faults act on. */
export interface StockTarget {
  kros: KrosEmulator;
  /** The services as their proxies are named (`KROS`, and `Shoptet` or `WooCommerce`). */
  aims: { kros: ServiceAim; shop: ServiceAim };
}

/** KROS's own faults. */
export const KROS: readonly FaultKind<StockTarget>[] = [
  {
    weight: 1,
    draw: (rng, target) => {
      const changes = new Random(rng.int(1, 2 ** 30));
      return event(
        "stock changed during the run",
        target.aims.kros,
        someRequest(rng, target.aims.kros),
        () => {
          changeStock(changes, target.kros);
          return undefined;
        },
      );
    },
  },
];

/** What happens in a warehouse: a few items sold, received or counted again, some below zero or fractional. */
export function changeStock(rng: Random, kros: KrosEmulator): void {
  const items = kros.catalog.list();
  for (let i = rng.int(1, 3); i > 0 && items.length > 0; i--) {
    const item = rng.pick(items);
    const quantity = rng.chance(0.1) ? -rng.int(1, 5) : rng.int(0, 40) + (rng.chance(0.2) ? 0.5 : 0);
    kros.catalog.setQuantity(item.id, rng.pick(["BA", "KE", "ZA"]), quantity);
  }
}
