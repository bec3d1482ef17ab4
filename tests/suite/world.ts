/**
 * What the standard connector suite (suite.ts) needs of a connector: its emulators with
 * a small dataset and a data folder set up by `init --non-interactive`, and a view of the target that
 * the suite asserts on. A new connector gets every case of the suite by implementing this once.
 *
 * @module
 */

import type { CliResult } from "../helpers/cli.ts";

/** A credential made wrong at run time through its `SPOJKA_*` override, and what the user is told. */
export interface WrongCredential {
  /** What is wrong, for the step's name, e.g. "FLOWii password". */
  label: string;
  /** The run-time override, e.g. `{ SPOJKA_FLOWII_PASSWORD: "wrong" }`. */
  env: Record<string, string>;
  /** What stderr must say. */
  message: RegExp;
}

/** A connector's emulators and a configured data folder. */
export interface ConnectorWorld {
  /** The data folder. */
  readonly dir: string;
  /** The variables `init --non-interactive` was given: the world set up its data folder so. */
  readonly env: Readonly<Record<string, string>>;
  /** What that `init` printed. */
  readonly init: CliResult;
  /** The names in `env` whose values are secrets: never in clear in the data folder or in `status`. */
  readonly secretVariables: readonly string[];
  /** What init prints for each connection check that passed. */
  readonly initChecks: readonly RegExp[];
  /** The connector as `spojka sync <connector>` and `status --json` name it. */
  readonly connector: string;
  /** Runs `spojka --dir <dir> <args>`, with `env` added to the environment (run-time overrides). */
  spojka(args: string[], env?: Record<string, string>): Promise<CliResult>;
  /** Each credential the connector uses, made wrong one at a time. */
  wrongCredentials(): WrongCredential[];
  /** How many records of the source a first sync moves to the target. */
  sourceCount(): number;
  /** How many records moved, as the counts of a run in `status --json` say. */
  moved(counts: Record<string, Record<string, number>>): number;
  /** The target's records, one string each, sorted: a duplicate or a wrong value shows. */
  targetStore(): Promise<string[]>;
  /** What {@linkcode targetStore} should be once every record of the source has been moved. */
  expectedStore(): string[];
  /** How many write requests (Pohoda.exe runs) the target has taken so far, reads not counted. */
  writesSeen(): Promise<number>;
  /** Adds or changes `count` records in the source (at least 12 possible), for a next sync to move. */
  changeSource(count: number): void;
  /** Makes each write slow, so that a run can be killed while it writes. */
  slowDown(): Promise<void>;
  /** Resolves once the target has taken a write and another one is under way. */
  writing(): Promise<void>;
  /** Waits until nothing a killed run started is still working on the target, and undoes `slowDown`. */
  recover(): Promise<void>;
  /** Stops the emulators. */
  stop(): Promise<void>;
}

/** A kind of world: its name in the tests' names and how to start one. */
export interface WorldKind {
  /** E.g. "flowii-mserver". */
  name: string;
  start(): Promise<ConnectorWorld>;
}

/** Polls `probe` every 20 ms until it is true; fails naming `what` after 30 s. */
export async function until(what: string, probe: () => boolean | Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** How long each write takes while a world is slowed down: a kill lands in the middle of the writes. */
export const SLOW_WRITE_MS = 400;
