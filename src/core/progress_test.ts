import { deepEqual, equal, ok } from "node:assert/strict";
import { Progress, type ProgressOutput, type StageProgress, type Ticker } from "./progress.ts";

/** A clock and a ticker that move only when the test says so. */
function fakeTime() {
  let now = 0;
  const timers = new Set<{ every: number; tick: () => void; next: number }>();
  const ticker: Ticker = (every, tick) => {
    const timer = { every, tick, next: now + every };
    timers.add(timer);
    return () => timers.delete(timer);
  };
  return {
    now: () => now,
    ticker,
    running: () => timers.size,
    /** Moves the clock on by `ms`, firing the ticks due on the way. */
    pass(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.every;
        due.tick();
      }
      now = end;
    },
  };
}

/** A console that keeps what a person would see: `\r` goes back to the line's start, `\n` starts a new one. */
function fakeConsole(columns?: number) {
  const screen = [""];
  let column = 0;
  const writes: string[] = [];
  const put = (text: string) => {
    for (const char of text) {
      if (char === "\r") column = 0;
      else if (char === "\n") {
        screen.push("");
        column = 0;
      } else {
        const line = screen[screen.length - 1].padEnd(column);
        screen[screen.length - 1] = line.slice(0, column) + char + line.slice(column + 1);
        column++;
      }
    }
  };
  const output: ProgressOutput = {
    write(text) {
      writes.push(text);
      put(text);
    },
    isTerminal: () => true,
    columns: () => columns,
  };
  return {
    output,
    writes,
    /** What `console.log` does. */
    print: (line: string) => put(`${line}\n`),
    lines: () => screen.map((line) => line.trimEnd()),
  };
}

const noConsole: ProgressOutput = {
  write() {
    throw new Error("no live line without a console");
  },
  isTerminal: () => false,
  columns: () => undefined,
};

/** 412 items a second for 150 s, in pack 1 392. */
function example(progress: Progress, time: ReturnType<typeof fakeTime>): StageProgress {
  const post = progress.stage("POHODA", { total: 120_000 });
  post.counter("pack", 1392);
  for (let i = 0; i < 150; i++) {
    post.advance(412);
    time.pass(1000);
  }
  return post;
}

Deno.test("on a console the line is redrawn in place, at most five times a second", () => {
  const time = fakeTime();
  const con = fakeConsole(100);
  const progress = new Progress({ output: con.output, now: time.now, ticker: time.ticker });
  const post = progress.stage("POHODA", { total: 120_000 });
  for (let i = 0; i < 1000; i++) {
    post.advance(60);
    time.pass(10);
  }
  deepEqual(con.lines(), ["POHODA  ██████████░░░░░░░░░░  50% 60 000/120 000 items · 6 000/s · ETA 10 s"]);
  ok(con.writes.length <= 10_000 / 200 + 1, `${con.writes.length} writes in 10 s`);
  ok(con.writes.every((text) => text.startsWith("\r") && !text.includes("\n")));
  post.done();
  deepEqual(con.lines(), [""]);
  equal(time.running(), 0);
});

Deno.test("beside the live line, the log still gets a plain line at the interval", () => {
  const time = fakeTime();
  const con = fakeConsole(100);
  const logged: string[] = [];
  const progress = new Progress({
    output: con.output,
    report: (line) => logged.push(line),
    now: time.now,
    ticker: time.ticker,
  });
  const post = progress.stage("POHODA", { total: 2500 });
  for (let i = 0; i < 15; i++) {
    post.advance(100);
    time.pass(1000);
  }
  post.done();
  deepEqual(logged, ["POHODA: 1 000 of 2 500 items (40%), 100/s, about 20 s left"]);
  ok(!con.lines().join("").includes("about"), "the plain line is not drawn on the console");
});

Deno.test("a live line shows the bar, percentage, counts, counters, rate and time left", () => {
  const time = fakeTime();
  const con = fakeConsole(100);
  const progress = new Progress({ output: con.output, now: time.now, ticker: time.ticker });
  example(progress, time);
  deepEqual(con.lines(), [
    "POHODA  ██████████░░░░░░░░░░  51% 61 800/120 000 items · pack 1 392 · 412/s · ETA 2 min 22 s",
  ]);
  progress.stop();
});

Deno.test("the live line fits the console: the bar shrinks and goes, then the extras", () => {
  const cases: [number | undefined, string][] = [
    [80, "POHODA  ███░░░░  51% 61 800/120 000 items · pack 1 392 · 412/s · ETA 2 min 22 s"],
    [undefined, "POHODA  ███░░░░  51% 61 800/120 000 items · pack 1 392 · 412/s · ETA 2 min 22 s"],
    [72, "POHODA  51% 61 800/120 000 items · pack 1 392 · 412/s · ETA 2 min 22 s"],
    [60, "POHODA  51% 61 800/120 000 items · 412/s · ETA 2 min 22 s"],
    [50, "POHODA  51% 61 800/120 000 items · ETA 2 min 22 s"],
    [40, "POHODA  51% 61 800/120 000 items"],
    [20, "POHODA  51% 61 800…"],
  ];
  for (const [columns, expected] of cases) {
    const time = fakeTime();
    const con = fakeConsole(columns);
    const progress = new Progress({ output: con.output, now: time.now, ticker: time.ticker });
    example(progress, time);
    deepEqual(con.lines(), [expected], `${columns} columns`);
    ok(expected.length < (columns ?? 80), `${columns} columns`);
    progress.stop();
  }
});

Deno.test("a log line clears the live line first and the line comes back below it", () => {
  const time = fakeTime();
  const con = fakeConsole(100);
  const progress = new Progress({ output: con.output, now: time.now, ticker: time.ticker });
  const post = progress.stage("POHODA", { total: 1000 });
  post.advance(500);
  time.pass(200);
  deepEqual(con.lines(), ["POHODA  ██████████░░░░░░░░░░  50% 500/1 000 items"]);
  equal(progress.interrupt(() => (con.print("FV2026-7: not imported"), 7)), 7);
  deepEqual(con.lines(), ["FV2026-7: not imported", ""]);
  time.pass(200);
  deepEqual(con.lines(), ["FV2026-7: not imported", "POHODA  ██████████░░░░░░░░░░  50% 500/1 000 items"]);
  // A pipeline's summary after done() starts on a blank line, without waiting for a tick.
  post.advance(500);
  post.done();
  con.print("POHODA: 1 000 imported");
  deepEqual(con.lines(), ["FV2026-7: not imported", "POHODA: 1 000 imported", ""]);
});

Deno.test("stages running at once share the live line", () => {
  const time = fakeTime();
  const con = fakeConsole(100);
  const progress = new Progress({ output: con.output, now: time.now, ticker: time.ticker });
  const download = progress.stage("FLOWii", { unit: "bytes" });
  const outbox = progress.stage("outbox", { unit: "documents" });
  for (let i = 0; i < 5; i++) {
    download.advance(1024 * 1024);
    outbox.advance(240);
    time.pass(1000);
  }
  deepEqual(con.lines(), ["FLOWii  5.0 MB · 1.0 MB/s  |  outbox  1 200 documents · 240/s"]);
  download.done();
  time.pass(200);
  // Gone at the next redraw; the rate already counts the 200 ms without progress.
  deepEqual(con.lines(), ["outbox  1 200 documents · 231/s"]);
  progress.stop();
});

Deno.test("without a console, plain lines come at the interval, and none for a short stage", () => {
  const time = fakeTime();
  const lines: string[] = [];
  const progress: Progress = new Progress({
    output: noConsole,
    // As Log does it: its console output goes through interrupt().
    report: (line) => progress.interrupt(() => lines.push(line)),
    now: time.now,
    ticker: time.ticker,
  });
  const quick = progress.stage("FLOWii", { unit: "bytes", total: 10 * 1024 * 1024 });
  for (let i = 0; i < 9; i++) {
    quick.advance(1024 * 1024);
    time.pass(1000);
  }
  quick.done();
  deepEqual(lines, []);

  const download = progress.stage("FLOWii", { unit: "bytes" });
  const post = progress.stage("POHODA", { total: 2500 });
  for (let i = 0; i < 25; i++) {
    download.advance(512 * 1024);
    post.advance(100);
    time.pass(1000);
  }
  download.done();
  post.done();
  deepEqual(lines, [
    "FLOWii: 5.0 MB, 512.0 KB/s",
    "POHODA: 1 000 of 2 500 items (40%), 100/s, about 20 s left",
    "FLOWii: 10.0 MB, 512.0 KB/s",
    "POHODA: 2 000 of 2 500 items (80%), 100/s, about 10 s left",
  ]);
});

Deno.test("the rate is that of the last seconds, and the time left follows it", () => {
  const time = fakeTime();
  const lines: string[] = [];
  const progress = new Progress({
    output: noConsole,
    report: (line) => lines.push(line),
    now: time.now,
    ticker: time.ticker,
  });
  const post = progress.stage("POHODA", { total: 120_000 });
  for (let i = 0; i < 100; i++) {
    post.advance(10);
    time.pass(100);
  }
  for (let i = 0; i < 300; i++) {
    post.advance(1);
    time.pass(100);
  }
  progress.stop();
  deepEqual(lines, [
    "POHODA: 1 000 of 120 000 items (0%), 100/s, about 20 min left",
    // The window still holds the fast start.
    "POHODA: 1 100 of 120 000 items (0%), 55/s, about 36 min left",
    "POHODA: 1 200 of 120 000 items (1%), 10/s, about 3 h 18 min left",
    "POHODA: 1 300 of 120 000 items (1%), 10/s, about 3 h 18 min left",
  ]);
});

Deno.test("stop() and the last done() leave no timer running", () => {
  const time = fakeTime();
  const con = fakeConsole(80);
  const progress = new Progress({ output: con.output, now: time.now, ticker: time.ticker });
  const a = progress.stage("FLOWii");
  progress.stage("POHODA", { total: 10 }).advance(3);
  equal(time.running(), 1);
  progress.stop();
  equal(time.running(), 0);
  deepEqual(con.lines(), [""]);
  const writes = con.writes.length;
  a.advance(5);
  time.pass(1000);
  equal(con.writes.length, writes);
  {
    using stage = progress.stage("KROS");
    stage.advance();
    equal(time.running(), 1);
  }
  equal(time.running(), 0);
});

Deno.test("the real timer is cleared by stop()", () => {
  // No fake ticker: Deno's sanitizer fails this test if an interval is left behind.
  const progress = new Progress({ output: fakeConsole(80).output });
  progress.stage("POHODA", { total: 10 }).advance(3);
  progress.stage("KROS").advance(1);
  progress.stop();
});
