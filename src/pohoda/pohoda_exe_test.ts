import { deepEqual, rejects } from "node:assert/strict";
import { join } from "node:path";
import { ConfigError } from "../core/errors.ts";
import { runPohodaExe } from "./pohoda_exe.ts";

Deno.test({
  name: "Pohoda.exe gets /XML, the user, the password and the INI as they are, never read by a shell",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "spojka-pohoda-exe-" });
    try {
      const exe = join(dir, "Pohoda.exe");
      const said = join(dir, "args.txt");
      await Deno.writeTextFile(exe, `#!/bin/sh\nprintf '%s\\n' "$@" > '${said}'\nexit 3\n`, { mode: 0o755 });
      const password = `a b'"$(touch x)\`;|&č`;
      const end = await runPohodaExe({
        exe,
        user: "Účetní",
        password,
        ini: "C:\\x y.ini",
        timeoutMs: 60_000,
      });
      deepEqual(end, { exited: true, code: 3 });
      deepEqual((await Deno.readTextFile(said)).split("\n"), ["/XML", "Účetní", password, "C:\\x y.ini", ""]);
      deepEqual(
        [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
        ["Pohoda.exe", "args.txt"],
        "nothing ran",
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("a Pohoda.exe that is not there is a configuration error naming it", async () => {
  await rejects(
    runPohodaExe({ exe: "/nowhere/Pohoda.exe", user: "u", password: "p", ini: "x.ini", timeoutMs: 1000 }),
    (e: Error) => e instanceof ConfigError && e.message.includes("/nowhere/Pohoda.exe"),
  );
});
