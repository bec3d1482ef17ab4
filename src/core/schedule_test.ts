import { deepEqual, equal, match, throws } from "node:assert/strict";
import { ConfigError } from "./errors.ts";
import {
  crontabLine,
  parseAt,
  parseEvery,
  parseName,
  schtasksArgs,
  schtasksLine,
  shellArg,
  systemdUnits,
  type Task,
  TR_MAX,
  windowsArg,
} from "./schedule.ts";

const exe = String.raw`C:\Program Files\spojka\spojka.exe`;
const dir = String.raw`C:\Program Files\spojka`;
const sync = (trigger: Task["trigger"], command = [exe, "sync", "--dir", dir]): Task => ({
  name: "spojka",
  command,
  trigger,
});

/**
 * What cmd.exe hands the program: carets outside its (toggling) quotes removed; an operator there
 * would end the command.
 */
function afterCmd(line: string): string {
  let quoted = false;
  let out = "";
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    if (!quoted && "&|<>".includes(line[i])) throw new Error(`cmd.exe would split the command at ${line[i]}`);
    if (!quoted && line[i] === "^") out += line[++i];
    else out += line[i];
  }
  return out;
}

/** A command line split the way the C runtime does it (schtasks and spojka on Windows). */
function windowsArgv(line: string): string[] {
  const args: string[] = [];
  let arg: string | undefined;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === "\\") {
      let n = 0;
      while (line[i] === "\\") n++, i++;
      if (line[i] === '"') {
        arg = (arg ?? "") + "\\".repeat(n >> 1);
        if (n % 2 === 1) arg += '"';
        else (quoted = !quoted, arg ??= "");
      } else {
        arg = (arg ?? "") + "\\".repeat(n);
        i--;
      }
    } else if (char === '"') {
      quoted = !quoted;
      arg ??= "";
    } else if (!quoted && (char === " " || char === "\t")) {
      if (arg !== undefined) args.push(arg);
      arg = undefined;
    } else arg = (arg ?? "") + char;
  }
  if (arg !== undefined) args.push(arg);
  return args;
}

Deno.test('the schtasks line quotes a path with spaces as \\" inside /TR, and runs every 30 minutes as SYSTEM', () => {
  equal(
    schtasksLine(sync({ every: 30 })),
    String
      .raw`schtasks /Create /TN spojka /SC MINUTE /MO 30 /RU SYSTEM /TR "\"C:\Program Files\spojka\spojka.exe\" sync --dir \"C:\Program Files\spojka\"" /F`,
  );
  equal(
    schtasksLine(
      sync({ every: 30 }, [String.raw`C:\spojka\spojka.exe`, "sync", "--dir", String.raw`C:\spojka`]),
    ),
    String
      .raw`schtasks /Create /TN spojka /SC MINUTE /MO 30 /RU SYSTEM /TR "C:\spojka\spojka.exe sync --dir C:\spojka" /F`,
  );
});

Deno.test("daily at a time is /SC DAILY /ST; serve at boot is /SC ONSTART", () => {
  deepEqual(schtasksArgs(sync({ at: "06:30" })).slice(0, 7), [
    "/Create",
    "/TN",
    "spojka",
    "/SC",
    "DAILY",
    "/ST",
    "06:30",
  ]);
  deepEqual(schtasksArgs(sync({ boot: true })).slice(3, 8), ["/SC", "ONSTART", "/RU", "SYSTEM", "/TR"]);
});

Deno.test("paths with spaces, quotes, trailing backslashes and & survive cmd.exe, schtasks and the task's own parsing", () => {
  const paths = [
    String.raw`C:\Účetnictví\Novák & syn\spojka`,
    String.raw`C:\My Data\\`,
    "C:\\",
    String.raw`D:\a "quoted" name\x`,
    String.raw`C:\pipe|and<angle>^caret`,
  ];
  for (const path of paths) {
    const task = sync({ every: 15 }, [exe, "sync", "--dir", path]);
    const argv = windowsArgv(afterCmd(schtasksLine(task)));
    deepEqual(argv, ["schtasks", ...schtasksArgs(task)], path);
    const run = argv[argv.indexOf("/TR") + 1];
    deepEqual(windowsArgv(run), task.command, path);
  }
});

Deno.test("a /TR of 261 characters is accepted; one more is refused with the length and a shorter folder to use", () => {
  const short = String.raw`C:\spojka\spojka.exe`;
  const withDir = (length: number) => {
    const prefix = `${short} sync --dir C:\\`;
    return sync({ every: 30 }, [short, "sync", "--dir", "C:\\" + "x".repeat(length - prefix.length)]);
  };
  const args = schtasksArgs(withDir(TR_MAX));
  equal(args[args.indexOf("/TR") + 1].length, TR_MAX);
  throws(() => schtasksArgs(withDir(TR_MAX + 1)), (e: ConfigError) => {
    match(e.message, /is 262 characters long; Windows Task Scheduler \(schtasks\) takes at most 261/);
    match(e.hint!, /C:\\spojka/);
    return true;
  });
});

Deno.test("windowsArg quotes only what needs it", () => {
  equal(windowsArg("sync"), "sync");
  equal(windowsArg(""), '""');
  equal(windowsArg("C:\\a b\\"), String.raw`"C:\a b\\"`);
  equal(windowsArg('say "hi"'), String.raw`"say \"hi\""`);
});

Deno.test("crontab: every N minutes when N divides an hour or a day, daily, at reboot; % escaped for cron", () => {
  const unix = (trigger: Task["trigger"], path = "/opt/spojka") =>
    crontabLine({ name: "spojka", command: [`${path}/spojka`, "sync", "--dir", path], trigger });
  equal(unix({ every: 30 }), "*/30 * * * * /opt/spojka/spojka sync --dir /opt/spojka >/dev/null");
  equal(unix({ every: 1 }), "* * * * * /opt/spojka/spojka sync --dir /opt/spojka >/dev/null");
  equal(unix({ every: 60 }), "0 * * * * /opt/spojka/spojka sync --dir /opt/spojka >/dev/null");
  equal(unix({ every: 360 }), "0 */6 * * * /opt/spojka/spojka sync --dir /opt/spojka >/dev/null");
  equal(unix({ every: 45 }), undefined);
  equal(unix({ every: 420 }), undefined);
  equal(unix({ at: "06:05" }), "5 6 * * * /opt/spojka/spojka sync --dir /opt/spojka >/dev/null");
  match(unix({ boot: true })!, /^@reboot /);
  equal(
    unix({ every: 30 }, "/srv/Firma's 100% data"),
    String
      .raw`*/30 * * * * '/srv/Firma'\''s 100\% data/spojka' sync --dir '/srv/Firma'\''s 100\% data' >/dev/null`,
  );
  equal(shellArg("--dir"), "--dir");
});

Deno.test("systemd: a oneshot service with a timer for sync, a restarting service for serve", () => {
  const command = ["/opt/my spojka/spojka", "sync", "--dir", "/opt/50% $HOME"];
  const [service, timer] = systemdUnits(
    { name: "spojka", command, trigger: { every: 45 } },
    "sync",
    "ucetni",
  );
  equal(service.path, "/etc/systemd/system/spojka.service");
  match(service.text, /\nType=oneshot\nUser=ucetni\n/);
  match(service.text, /\nExecStart="\/opt\/my spojka\/spojka" sync --dir "\/opt\/50%% \$\$HOME"\n?$/);
  equal(timer.path, "/etc/systemd/system/spojka.timer");
  match(timer.text, /\[Timer\]\nOnActiveSec=1min\nOnUnitActiveSec=45min\n/);
  match(timer.text, /WantedBy=timers\.target$/);
  const [daily] = systemdUnits({ name: "spojka", command, trigger: { at: "06:30" } }, "sync").slice(1);
  match(daily.text, /OnCalendar=\*-\*-\* 06:30:00\nPersistent=true/);
  const serve = systemdUnits({ name: "spojka-serve", command, trigger: { boot: true } }, "serve");
  equal(serve.length, 1);
  match(serve[0].text, /Restart=on-failure[\s\S]*WantedBy=multi-user\.target/);
  equal(serve[0].text.includes("Type=oneshot") || serve[0].text.includes("User="), false);
});

Deno.test("--every, --at and --name are checked, with what to give instead", () => {
  equal(parseEvery("15"), 15);
  equal(parseEvery("1439"), 1439);
  for (const bad of ["0", "1440", "abc", "2.5", "-5", ""]) throws(() => parseEvery(bad), ConfigError, bad);
  equal(parseAt("6:30"), "06:30");
  equal(parseAt("23:59"), "23:59");
  for (const bad of ["24:00", "6:60", "630", "6.30"]) throws(() => parseAt(bad), /not a time of day/, bad);
  equal(parseName("spojka-firma2"), "spojka-firma2");
  for (const bad of ["my task", "-x", "Účetní", 'a"b']) throws(() => parseName(bad), ConfigError, bad);
});
