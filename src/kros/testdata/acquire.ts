/**
 * One process of the cross-process test: `acquire.ts <db path> <count>` takes `count` requests
 * through a limiter of 5 requests per 200 ms over the state database, and prints the times they were
 * admitted as JSON. It prints "ready" first and starts on a line from stdin, so that the test can
 * start two at once.
 *
 * @module
 */

import { RateLimiter, type RequestLog } from "../limiter.ts";
import { sqliteRequestLog } from "../rate_log.ts";
import { openStateDb, recording } from "./limits.ts";

/**
 * `log`, deciding slowly. Both processes wake for the same window edge; a few milliseconds between
 * reading the log and recording in it make sure that, were the step not atomic, they would both
 * decide on the same rows.
 */
function decidingSlowly(log: RequestLog): RequestLog {
  return {
    admit: (now, keepMs, decide) =>
      log.admit(now, keepMs, (sent, nowMs) => {
        const until = performance.now() + 5;
        while (performance.now() < until) {
          // Spinning: `decide` is synchronous, as it is inside a transaction.
        }
        return decide(sent, nowMs);
      }),
  };
}

const [path, count] = Deno.args;
const db = openStateDb(path);
const admitted: number[] = [];
const limiter = new RateLimiter([{ requests: 5, windowMs: 200 }], {
  log: recording(decidingSlowly(sqliteRequestLog(db, "kros test")), admitted),
});
console.log("ready");
await Deno.stdin.read(new Uint8Array(1));
for (let i = 0; i < Number(count); i++) await limiter.acquire();
db.close();
console.log(JSON.stringify(admitted));
