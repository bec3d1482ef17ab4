/**
 * `spojka schedule` on Linux (where the tests run): a crontab line and systemd units for this
 * program and data folder. The Windows command is covered by src/core/schedule_test.ts.
 */

import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli, tempDataDir } from "./helpers/cli.ts";

const linux = Deno.build.os === "linux";

/** A data folder with a space and a quote in its name, and a config.toml, so no warning is due. */
async function dataDir(): Promise<string> {
  const dir = join(await tempDataDir(), "Firma's data");
  await Deno.mkdir(dir);
  await Deno.writeTextFile(join(dir, "config.toml"), "");
  return dir;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The command that starts spojka from source as the crontab line has it, as a regular expression. */
const fromSource = (dir: string, command: string) =>
  `${escape(Deno.execPath())} run .* ${escape(fileURLToPath(new URL("../src/main.ts", import.meta.url)))} ` +
  `${command} --dir ${escape(`'${dir.replace("'", "'\\''")}'`)} >/dev/null`;

Deno.test({
  name:
    "schedule prints a crontab line and systemd units every 30 minutes for this data folder, from source with deno",
  ignore: !linux,
  fn: async () => {
    const dir = await dataDir();
    const result = await runCli(["--dir", dir, "schedule"]);
    equal(result.code, 0, result.stderr);
    equal(result.stderr, "");
    match(result.stdout, /^spojka runs from source here \(deno run\)/);
    match(result.stdout, new RegExp(`\\n\\*/30 \\* \\* \\* \\* ${fromSource(dir, "sync")}\\n`));
    match(
      result.stdout,
      /# \/etc\/systemd\/system\/spojka\.service\n\[Unit\]\nDescription=spojka sync every 30 minutes/,
    );
    match(result.stdout, new RegExp(`\\nExecStart=.* sync --dir "${escape(dir)}"\\n`));
    match(result.stdout, /\[Timer\]\nOnActiveSec=1min\nOnUnitActiveSec=30min\n/);
    match(result.stdout, /sudo systemctl enable --now spojka\.timer/);
  },
});

Deno.test({
  name: "schedule --at, --every and --serve: daily, an interval cron cannot keep, and serve at boot",
  ignore: !linux,
  fn: async () => {
    const dir = await dataDir();
    const daily = await runCli(["--dir", dir, "schedule", "--at", "6:30"]);
    equal(daily.code, 0, daily.stderr);
    match(daily.stdout, new RegExp(`\\n30 6 \\* \\* \\* ${fromSource(dir, "sync")}\\n`));
    match(daily.stdout, /OnCalendar=\*-\*-\* 06:30:00\nPersistent=true/);

    const odd = await runCli(["--dir", dir, "schedule", "--every", "45"]);
    equal(odd.code, 0, odd.stderr);
    match(odd.stdout, /cron cannot run a task every 45 minutes exactly; use the systemd timer below/);
    match(odd.stdout, /OnUnitActiveSec=45min/);

    const serve = await runCli(["--dir", dir, "schedule", "--serve", "--name", "spojka-firma2"]);
    equal(serve.code, 0, serve.stderr);
    match(serve.stdout, new RegExp(`\\n@reboot ${fromSource(dir, "serve")}\\n`));
    match(serve.stdout, /# \/etc\/systemd\/system\/spojka-firma2\.service\n[\s\S]*Restart=on-failure/);
    ok(!serve.stdout.includes(".timer"));
    match(serve.stdout, /enable --now spojka-firma2\.service/);
  },
});

Deno.test("schedule: bad values, combined triggers and --install outside Windows exit 2 with what to do", async () => {
  const dir = await dataDir();
  const cases: [string[], RegExp][] = [
    [["--every", "0"], /--every "0" is not a number of minutes from 1 to 1439/],
    [["--every", "half"], /--every "half" is not a number of minutes/],
    [["--at", "25:00"], /--at "25:00" is not a time of day[\s\S]*--at 06:30/],
    [["--every", "10", "--at", "06:00"], /--every and --at cannot be combined: choose one/],
    [["--serve", "--every", "10"], /--every and --serve cannot be combined/],
    [["--name", "my task"], /--name "my task" is not a usable task name/],
  ];
  if (Deno.build.os !== "windows") {
    cases.push([["--install"], /--install creates a Windows Task Scheduler task; this is not Windows/]);
  }
  for (const [args, message] of cases) {
    const result = await runCli(["--dir", dir, "schedule", ...args]);
    equal(result.code, 2, args.join(" "));
    match(result.stderr, message, args.join(" "));
    equal(result.stdout, "", args.join(" "));
  }
});

Deno.test("schedule before init warns that the task would find no config.toml", async () => {
  const dir = await tempDataDir();
  const result = await runCli(["--dir", dir, "schedule"]);
  equal(result.code, 0, result.stderr);
  match(result.stderr, new RegExp(`There is no config\\.toml in ${dir} yet: run spojka init`));
});
