/**
 * fetch → unzip → transform → stage for one FLOWii stream, streaming all the way: the zip goes to
 * disk as it arrives, each entry is inflated, decoded and split into items as a stream, and items
 * are staged into the outbox in batches. Neither the export nor a tree of it is ever held whole;
 * memory depends on the largest item. A record left out (too large, refused) is held in the outbox
 * as a note, so it is reported on every run until a person acts, although the cursor moves past it.
 *
 * @module
 */

import { join } from "node:path";
import { ServiceError } from "../../core/errors.ts";
import type { Notices } from "../../core/notices.ts";
import type { StageProgress } from "../../core/progress.ts";
import { epochSeconds, formatLocal } from "../../core/time.ts";
import type { FlowiiClient, FlowiiStream } from "../../flowii/client.ts";
import { decodeXmlStream } from "../../pohoda/encoding.ts";
import { screenItem } from "../../pohoda/field_check.ts";
import { postingRank } from "../../pohoda/post.ts";
import { routeItem, type Unit } from "../../pohoda/units.ts";
import { type PohodaItem, type TransformEvent, transformStream } from "../../pohoda/transform.ts";
import type { ItemRecord } from "../../state/outcomes.ts";
import type { HeldItem, Outbox, OutboxItem } from "../../pipeline/outbox.ts";
import type { Tally } from "../../pipeline/tally.ts";
import { zipEntries, ZipError } from "../../pipeline/unzip.ts";
import { agendaName, m } from "../../i18n/mod.ts";

/** Where a stream's download goes and what it may be. */
export interface StageSettings {
  downloads: string;
  extSystem: string;
  unsupportedCharacters: "reject" | "transliterate";
  maxZipEntries: number;
  maxUnzippedBytes: number;
  maxItemChars: number;
  overlapMinutes: number;
  /** The accounting units of `[pohoda.units]`, which partners are staged for; absent without it. */
  units?: readonly Unit[];
}

/** What staging a stream reports along the way. */
export interface StageEvents {
  log: { info(message: string): void };
  notices: Notices;
  tally: Tally;
  /** An outcome worth keeping with the run (an oversized record, a transliteration, a record named twice). */
  outcome(item: ItemRecord): void;
  /** Progress of the download (bytes) and of staging (items). */
  progress: { download(): StageProgress; staging(): StageProgress };
}

/** A stream staged: where it continues next time. */
export interface Staged {
  stream: FlowiiStream;
  /** The export time minus the overlap. */
  cursor: number;
  items: number;
}

/** Items staged per transaction: large enough to amortise the commit, small enough to bound memory. */
const BATCH_ITEMS = 500;
const BATCH_CHARS = 4 * 2 ** 20;

/** Downloads `stream` since `since` and stages its items into `outbox`. */
export async function stageStream(
  client: FlowiiClient,
  stream: FlowiiStream,
  zipName: string,
  since: number | undefined,
  outbox: Outbox,
  settings: StageSettings,
  events: StageEvents,
): Promise<Staged> {
  const { log } = events;
  log.info(
    since === undefined
      ? m.flowiiRun.everything(streamName(stream))
      : m.flowiiRun.changesSince(streamName(stream), formatLocal(new Date(since * 1000))),
  );
  const zipPath = join(settings.downloads, zipName);
  await Deno.mkdir(settings.downloads, { recursive: true });
  const downloading = events.progress.download();
  const { exportedAt } = await client.exportTo(stream, since, zipPath, (received) => {
    downloading.set(received);
  });
  downloading.done();

  const unusable = (what: string, why: string) =>
    new ServiceError(m.flowiiRun.unusable(streamName(stream), what, why), {
      hint: m.flowiiRun.unusableHint(settings.downloads),
    });
  const download = `${stream} ${exportedAt.toISOString()} ${crypto.randomUUID().slice(0, 8)}`;
  const staging = events.progress.staging();
  let batch: (OutboxItem | HeldItem)[] = [];
  let batchChars = 0;
  let files = 0;
  let items = 0;
  const flush = () => {
    for (const replaced of outbox.stage(batch, download, new Date())) {
      const later = batch.findLast((i) => i.key === replaced.key)!;
      if (replaced.identical) {
        // The same record twice (two files of the zip holding it, say): it goes once, nothing is lost.
        // A record left out twice was named each time.
        if ("reason" in later) continue;
        events.notices.warn(
          m.flowiiRun.twiceKind,
          m.flowiiRun.twiceIdentical(agendaName(later.agenda), later.label),
        );
        continue;
      }
      events.tally.add(later.agenda, "failed");
      const why = m.flowiiRun.namedTwice(replaced.key.replace(/^[^/]+\//, ""), replaced.label, later.label);
      events.outcome({
        key: replaced.key,
        agenda: later.agenda,
        label: replaced.label,
        outcome: "named_twice",
        detail: why,
      });
      events.notices.warn(m.flowiiRun.twiceKind, why);
    }
    staging.advance(batch.length);
    batch = [];
    batchChars = 0;
  };
  /** A record left out: named in the run, and held in the outbox until a person acts. */
  const leaveOut = (held: HeldItem, outcome: "too_large" | "refused") => {
    const { key, agenda, label, reason } = held;
    events.tally.add(agenda, "fetched");
    events.tally.add(agenda, "failed");
    events.outcome({ key, agenda, label, outcome, detail: reason });
    add(held, 0);
  };
  /** Into the batch, in export order (a later record of the same key replaces an earlier one). */
  const add = (entry: OutboxItem | HeldItem, chars: number) => {
    batch.push(entry);
    batchChars += chars;
    if (batch.length >= BATCH_ITEMS || batchChars >= BATCH_CHARS) flush();
  };
  /** One event of the transform: an item joins the batch, a record left out is reported and held. */
  const take = (event: TransformEvent, file: string) => {
    if (event.kind === "oversized") {
      const { record } = event;
      const reason = m.flowiiRun.tooLarge(mib(record.chars), mib(settings.maxItemChars));
      const agenda = record.read?.agenda ?? "record";
      const name = [record.read?.label, record.packItem && `dataPackItem ${record.packItem}`]
        .filter(Boolean).join(", ");
      // Under the key its item would get, a version FLOWii exports within the limit replaces it.
      const key = record.read?.key === undefined
        ? heldKey(stream, agenda, record.packItem, record.read?.label ?? "", record.index)
        : `flowii/${record.read.key}`;
      leaveOut({ key, agenda, label: name || record.label, rank: postingRank(agenda), reason }, "too_large");
      events.notices.warn(m.flowiiRun.tooLargeKind, `${file}: ${record.label}: ${reason}`);
      return;
    }
    if (event.kind === "refused") {
      // Nothing would keep POHODA from importing it twice: left out and held. A record fixed in FLOWii
      // comes again as an item under a key of its own, so its note waits for a person to drop it.
      const { agenda, label, name, reason, index, packItem } = event.record;
      const key = heldKey(stream, agenda, packItem, name, index);
      leaveOut({ key, agenda, label, rank: postingRank(agenda), reason }, "refused");
      events.notices.warn(m.flowiiRun.refusedKind, `${file}: ${agendaName(agenda)} ${label}: ${reason}`);
      return;
    }
    const item = screened(event.item);
    events.tally.add(item.agenda, "fetched");
    for (const note of item.notes) {
      const { key, agenda, label } = item;
      events.outcome({ key, agenda, label, outcome: "transliterated", detail: note });
      events.notices.warn(m.flowiiRun.transliteratedKind, `${agendaName(agenda)} ${label}: ${note}`);
    }
    items++;
    for (const routed of routeItem(outboxItem(item), settings.units)) add(routed, item.xml.length);
  };
  /**
   * With transliteration on, control characters and bytes windows-1250 leaves undefined are removed
   * here, with a note; anything else POHODA cannot take is refused with its fields when packs are built.
   */
  const screened = (item: PohodaItem): PohodaItem => {
    if (settings.unsupportedCharacters !== "transliterate") return item;
    const { xml, notes } = screenItem(item.xml, "transliterate");
    return notes.length === 0 ? item : { ...item, xml, notes: [...item.notes, ...notes] };
  };
  try {
    for await (
      const entry of zipEntries(zipPath, {
        maxEntries: settings.maxZipEntries,
        maxBytes: settings.maxUnzippedBytes,
      })
    ) {
      // Every file is read as an export, whatever its name: one skipped would be documents lost
      // once the cursor moves past them. A file that is not a POHODA dataPack fails the stream.
      files++;
      try {
        const text = decodeXmlStream(entry.stream, {
          mislabelled: (declared) =>
            events.notices.warn(m.flowiiRun.utf8Kind, m.flowiiRun.readAsUtf8(zipName, entry.name, declared)),
        });
        const records = transformStream(text, {
          extSystem: settings.extSystem,
          unsupportedCharacters: settings.unsupportedCharacters,
          maxItemChars: settings.maxItemChars,
        });
        for await (const event of records) take(event, entry.name);
      } catch (e) {
        if (e instanceof SyntaxError) {
          throw unusable(entry.name, m.flowiiRun.notADataPack(e.message));
        }
        throw e;
      }
    }
    if (batch.length > 0) flush();
  } catch (e) {
    // Items read before the problem are whole: they are staged and go on (the cursor stays put).
    try {
      if (batch.length > 0) flush();
    } catch {
      // The first problem is the one to report.
    }
    if (e instanceof ZipError) throw unusable(`downloads/${zipName}`, e.message);
    throw e;
  } finally {
    staging.done();
  }
  log.info(m.flowiiRun.read(streamName(stream), items, files));
  return {
    stream,
    items,
    cursor: Math.max(0, epochSeconds(exportedAt) - settings.overlapMinutes * 60),
  };
}

/**
 * The key of a record left out that nothing in it names as an item: what names it in the export
 * (its `dataPackItem@id` and label), so the same record exported again replaces its own note; its
 * place in the export only when it has no id.
 */
function heldKey(
  stream: FlowiiStream,
  agenda: string,
  packItem: string | undefined,
  name: string,
  index: number,
) {
  return ["flowii/held", stream, agenda, packItem ?? `record ${index + 1}`, name].filter(Boolean).join("/");
}

/** A transformed item as the outbox keeps it: keyed within the connector, ranked for posting. */
function outboxItem(item: PohodaItem): OutboxItem {
  return {
    key: `flowii/${item.key}`,
    itemId: item.itemId,
    agenda: item.agenda,
    label: item.label,
    rank: postingRank(item.agenda),
    payload: keepNul(item.xml),
  };
}

/**
 * A NUL written as the reference `&#0;`: SQLite hands TEXT back only up to a NUL, so the rest of the
 * payload would be lost, and with it the check that names the field and refuses the item before
 * sending (it counts the reference as the character it stands for). XML allows neither form, so
 * such an item never goes to POHODA either way.
 */
function keepNul(xml: string): string {
  return xml.includes("\0") ? xml.replaceAll("\0", "&#0;") : xml;
}

function mib(chars: number): string {
  return (chars / 2 ** 20).toFixed(1);
}

/** A FLOWii stream as the user reads it: `FLOWii partners`, `FLOWii doklady`. */
export function streamName(stream: FlowiiStream): string {
  return `FLOWii ${m.flowiiRun.stream[stream]}`;
}
