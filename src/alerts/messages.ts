/**
 * Every text the alerts send or log, in one place (English for now; the message catalogue takes
 * them over). Built from the notice alone: nothing here can reach a secret, and the sender passes
 * the result through `redact` besides.
 *
 * @module
 */

import { connectorTitle } from "../connectors/config.ts";
import { formatLocal } from "../core/time.ts";
import type { Notice, ProblemKind, RejectedItem } from "./alerts.ts";

/** Where the alert comes from, named in every message. */
export interface Origin {
  /** The computer's name, if it can be read. */
  host?: string;
  dataDir: string;
  logFile: string;
  repeatHours: number;
}

/** A composed notice: a subject line and the plain text. */
export interface Message {
  subject: string;
  text: string;
}

/** How many rejected items a message names; `spojka status --items` lists them all. */
export const NAMED_ITEMS = 20;

/** The subject and text of `notice`. */
export function compose(notice: Notice, origin: Origin): Message {
  const title = connectorTitle(notice.result.connector);
  const on = origin.host ? ` on ${origin.host}` : "";
  const when = formatLocal(new Date(notice.result.at));
  const footer = [
    "",
    `Details: run "spojka status" in the data folder ${origin.dataDir}${on}; the log is ${origin.logFile}.`,
    "-- ",
    "spojka",
  ];
  if (notice.type === "recovery") {
    return {
      subject: `[spojka] ${title} works again${on}`,
      text: [
        `The ${title} run${on} that ended ${when} went through:`,
        ...notice.ended.map(({ kind, since }) => `- ${ENDED[kind](formatLocal(new Date(since)))}.`),
        ...footer,
      ].join("\n"),
    };
  }
  const since = notice.reminder ? [`This has lasted since ${formatLocal(new Date(notice.told.since))}.`] : [];
  const promise = `spojka tells again if it lasts another ${hours(origin.repeatHours)}, ` +
    "and sends a notice when a run goes well.";
  if (notice.kind === "failed") {
    const { failure, exitCode } = notice.result;
    return {
      subject: `[spojka] ${title} ${notice.reminder ? "still fails" : "failed"}${on}`,
      text: [
        `The ${title} run${on} stopped with an error at ${when} (exit code ${exitCode}):`,
        "",
        indent(failure!.message),
        ...(failure!.hint ? [indent(failure!.hint)] : []),
        "",
        ...since,
        "Nothing is lost: the next run tries again.",
        promise,
        ...footer,
      ].join("\n"),
    };
  }
  const { total, items } = notice.result.rejected;
  const named = items.slice(0, NAMED_ITEMS);
  const unnamed = total - named.length;
  return {
    subject: `[spojka] ${title}: ${count(total, "item")} rejected${on}`,
    text: [
      `The ${title} run${on} that ended ${when} could not deliver ${count(total, "item")}:`,
      "",
      ...named.map(describeItem),
      ...(unnamed > 0 ? [`- and ${unnamed} more ("spojka status --items" lists them all).`] : []),
      "",
      ...since,
      "Each reason says what to fix; once it is fixed, the next run takes the item.",
      promise,
      ...footer,
    ].join("\n"),
  };
}

const ENDED: Record<ProblemKind, (since: string) => string> = {
  failed: (since) => `it no longer stops with an error (first reported ${since})`,
  rejected: (since) => `no item was rejected (rejected items were first reported ${since})`,
};

function describeItem(item: RejectedItem): string {
  return `- ${item.agenda} ${item.label}${item.reason ? `: ${item.reason}` : ""}`;
}

function indent(text: string): string {
  return text.split("\n").map((line) => `    ${line}`).join("\n");
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function hours(n: number): string {
  return n === 1 ? "hour" : `${n} hours`;
}

/** Log lines about sending. */
export const LOG = {
  sent: (channel: string, subject: string) => `Alert sent by ${channel}: ${subject}`,
  notSent: (channel: string, subject: string, why: string) =>
    `The alert "${subject}" could not be sent by ${channel}: ${why} It is tried again after the next run.`,
  broken: (why: string) => `Alerts could not be prepared: ${why} The run's result is not affected.`,
};
