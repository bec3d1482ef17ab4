/**
 * Every text the alerts send or log, from the message catalogue. Built from the notice alone: nothing here can reach a secret, and the sender passes
 * the result through `redact` besides.
 *
 * @module
 */

import { connectorTitle } from "../connectors/config.ts";
import { formatLocal } from "../core/time.ts";
import { agendaName, m } from "../i18n/mod.ts";
import type { Notice, RejectedItem } from "./alerts.ts";

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
  const a = m.alerts;
  const on = a.on(origin.host);
  const when = formatLocal(new Date(notice.result.at));
  const footer = ["", a.details(origin.dataDir, on, origin.logFile), "-- ", "spojka"];
  if (notice.type === "recovery") {
    return {
      subject: a.recoverySubject(title, on),
      text: [
        a.recoveryIntro(title, on, when),
        ...notice.ended.map(({ kind, since }) => `- ${a.ended[kind](formatLocal(new Date(since)))}.`),
        ...footer,
      ].join("\n"),
    };
  }
  const since = notice.reminder ? [a.lasted(formatLocal(new Date(notice.told.since)))] : [];
  const promise = a.promise(origin.repeatHours);
  if (notice.kind === "failed") {
    const { failure, exitCode } = notice.result;
    return {
      subject: a.failedSubject(title, notice.reminder, on),
      text: [
        a.failedIntro(title, on, when, exitCode),
        "",
        indent(failure!.message),
        ...(failure!.hint ? [indent(failure!.hint)] : []),
        "",
        ...since,
        a.nothingLost,
        promise,
        ...footer,
      ].join("\n"),
    };
  }
  const { total, items } = notice.result.rejected;
  const named = items.slice(0, NAMED_ITEMS);
  const unnamed = total - named.length;
  return {
    subject: a.rejectedSubject(title, total, on),
    text: [
      a.rejectedIntro(title, on, when, total),
      "",
      ...named.map(describeItem),
      ...(unnamed > 0 ? [a.rejectedMore(unnamed)] : []),
      "",
      ...since,
      a.eachReason,
      promise,
      ...footer,
    ].join("\n"),
  };
}

function describeItem(item: RejectedItem): string {
  return `- ${agendaName(item.agenda)} ${item.label}${item.reason ? `: ${item.reason}` : ""}`;
}

function indent(text: string): string {
  return text.split("\n").map((line) => `    ${line}`).join("\n");
}
