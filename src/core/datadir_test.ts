import { equal } from "node:assert/strict";
import { isCompiled, resolveDataDir } from "./datadir.ts";

Deno.test("the compiled program keeps its data beside itself, not in the working folder", () => {
  // A scheduled task starts in C:\Windows\System32; the data must not land there.
  equal(resolveDataDir({ execPath: "/opt/spojka/spojka", cwd: "/windows/system32" }), "/opt/spojka");
});

Deno.test("under deno run the default is the working folder", () => {
  equal(resolveDataDir({ execPath: "/usr/bin/deno", cwd: "/home/dev/project" }), "/home/dev/project");
});

Deno.test("--dir wins over SPOJKA_HOME, which wins over the default", () => {
  const base = { execPath: "/opt/spojka/spojka", cwd: "/work" };
  equal(resolveDataDir({ ...base, home: "/srv/home", option: "data" }), "/work/data");
  equal(resolveDataDir({ ...base, home: "/srv/home" }), "/srv/home");
});

Deno.test("deno itself is not a compiled program, on any OS", () => {
  equal(isCompiled("C:\\Program Files\\deno\\deno.exe"), false);
  equal(isCompiled("C:\\POHODA\\spojka\\spojka.exe"), true);
});
