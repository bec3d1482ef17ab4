/**
 * Where alerts go. Each channel keeps its own memory of what it has told, so one that was down
 * catches up on its own.
 *
 * @module
 */

import type { Notice } from "./alerts.ts";
import type { Message } from "./messages.ts";

/** One way of sending alerts. */
export interface Channel {
  /** Its name in log lines, and its part of the keys in the alerts' memory. */
  name: string;
  /** Sends one notice, composed as `message`; throws a `ServiceError` saying why it could not. */
  send(notice: Notice, message: Message): Promise<void>;
}
