/**
 * `deno task chaos`: the fault-injection suite.
 *
 * ```sh
 * deno task chaos                      # fast mode: 200 schedules, seeds from 1 (also part of deno task test)
 * deno task chaos --long               # 5000 schedules from a random base seed
 * CHAOS_SCHEDULES=800 deno task chaos  # any number (or --schedules 800)
 * deno task chaos --base-seed 4711     # the schedules of another base seed
 * deno task chaos --seed flowii:123    # one schedule alone, with its story
 * ```
 *
 * Exits 0 when every schedule kept every promise, 1 otherwise.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { runSchedule } from "./schedules.ts";
import { formatReport, runSuite, scheduleIds } from "./suite.ts";
import { kept } from "./outcome.ts";

/** Schedules of the fast mode. */
export const FAST = 200;
/** Schedules of the long mode. */
export const LONG = 5000;

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      long: { type: "boolean", default: false },
      schedules: { type: "string" },
      "base-seed": { type: "string" },
      seed: { type: "string" },
      lanes: { type: "string" },
      workers: { type: "string" },
    },
  });
  if (values.seed) {
    const outcome = await runSchedule(values.seed);
    console.log(
      [outcome.id, ...outcome.story.map((l) => `  ${l}`), ...outcome.problems.map((p) => `  ! ${p}`)].join(
        "\n",
      ),
    );
    console.log(`lost ${outcome.lost}\nduplicated ${outcome.duplicated}`);
    return kept(outcome) ? 0 : 1;
  }
  const count = Number(values.schedules ?? Deno.env.get("CHAOS_SCHEDULES") ?? (values.long ? LONG : FAST));
  // The fast mode always runs the same schedules; a long run explores new ones unless told.
  const baseSeed = Number(values["base-seed"] ?? (count > FAST ? Math.floor(Math.random() * 1e6) * 10 : 1));
  console.log(`chaos: ${count} schedules, base seed ${baseSeed}`);
  const step = Math.max(50, Math.round(count / 20));
  let lost = 0;
  let duplicated = 0;
  const report = await runSuite(scheduleIds(count, baseSeed), {
    lanes: values.lanes ? Number(values.lanes) : undefined,
    workers: values.workers ? Number(values.workers) : undefined,
    onOutcome: (outcome, done, total) => {
      lost += outcome.lost;
      duplicated += outcome.duplicated;
      if (!kept(outcome)) console.log(`  broken: ${outcome.id}`);
      if (done % step === 0 && done < total) {
        console.log(`  ${done} of ${total} done: lost ${lost}, duplicated ${duplicated}`);
      }
    },
  });
  console.log(formatReport(report));
  return report.broken.length === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
