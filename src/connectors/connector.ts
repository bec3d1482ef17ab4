/**
 * What a connector is to the rest of spojka: one descriptor per connector, in its own folder, listed
 * once in registry.ts. The CLI, `serve`, `init`, the connection checks and config validation work
 * from these descriptors and know no connector by name.
 *
 * @module
 */

import type { z } from "zod";
import type { DataPaths } from "../core/datadir.ts";
import type { ExitCode } from "../core/errors.ts";
import type { Log } from "../core/log.ts";
import type { Progress } from "../core/progress.ts";
import type { Unsealed } from "../config/schema.ts";
import type { ConfigSection } from "../config/section.ts";
import type { Selection } from "../pipeline/outbox.ts";
import type { StateDb } from "../state/db.ts";

/** Where connectors run: the data folder, its log, and progress reporting. */
export interface RunEnv {
  paths: DataPaths;
  log: Log;
  progress: Progress;
}

/** Options every connector understands. */
export interface RunOptions {
  dryRun?: boolean;
  /** Where a dry run writes what it would send (FLOWii → POHODA: its packs). */
  outDir?: string;
}

/** The values of `sections`, by name, secrets decrypted. */
export type SectionValues<S extends readonly ConfigSection[]> = {
  [X in S[number] as X["name"]]: Unsealed<z.output<X["schema"]>>;
};

/** A connector's own part of `spojka status` (stock: the last quantities it set), under its id. */
export interface StatusPart<T = unknown> {
  /** Its data for `status --json`, or `undefined` when it has nothing to show. */
  build(db: StateDb): T | undefined;
  /** Its lines for the terminal. */
  format(data: T): string[];
}

/** A connector; `S` are its config sections, in the order `init` asks them. */
export interface Connector<S extends readonly ConfigSection[] = readonly ConfigSection[]> {
  /** As `spojka sync <id>` takes it, and as the state records its runs, cursors and outbox. */
  readonly id: string;
  /** What the user calls it, e.g. "FLOWii → POHODA". */
  readonly title: string;
  /** What `init` offers, e.g. "FLOWii → POHODA (address book and issued documents)". */
  readonly setupTitle: string;
  /** Every section it needs: its own, and its target's (which may serve other connectors too). */
  readonly sections: S;
  /** Minutes between runs under `spojka serve`. */
  interval(config: SectionValues<S>): number;
  /** One run; a failure of a whole service is thrown after the run is recorded. Callers hold the lock. */
  run(config: SectionValues<S>, env: RunEnv, options: RunOptions): Promise<ExitCode>;
  /** Checks across its sections, each problem reported against a key. */
  refine?(config: SectionValues<S>, problem: (path: string[], message: string) => void): void;
  /** Notifications its source sends to `spojka serve` (KROS: changes in stock), which start a run. */
  readonly notifications?: {
    /** Who sends them, for the log. */
    readonly source: string;
    /** The key they are signed with. */
    key(config: SectionValues<S>): string;
  };
  /** Its outbox, for `spojka outbox`: where its items come from, and sending some of them now. */
  readonly outbox?: {
    /** Where its items come from, e.g. `FLOWii` (a dropped item comes back only if that exports it again). */
    readonly source: string;
    /** Posts `selection` now as a run of its own; the caller holds the lock. */
    retry(
      config: SectionValues<S>,
      env: RunEnv,
      selection: Selection,
    ): Promise<{ run: number; exitCode: ExitCode }>;
  };
  /** Its part of `spojka status`. */
  readonly status?: StatusPart;
  /**
   * Sets where its source continues from (every cursor) to the UNIX time `epoch`, for `reset --cursor
   * --to` and `init --from-lastrun`; returns each cursor with its previous value. Only for a source
   * read by time.
   */
  startAt?(db: StateDb, epoch: number): { stream: string; previous?: number }[];
  /** What `init` shows once its connections check out (KROS: what to enter for notifications). */
  afterInit?(config: SectionValues<S>, serve: { listen: string; public_url?: string }): void;
}

/** Declares a connector, typing its functions by its sections. */
export function defineConnector<const S extends readonly ConfigSection[]>(
  connector: Connector<S>,
): Connector<S> {
  return connector;
}
