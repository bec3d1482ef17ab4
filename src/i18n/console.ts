/**
 * Diacritics on the Windows console. Deno writes UTF-8 bytes to the console and does not set its
 * code page (denoland/deno#28362), so cmd.exe and Windows PowerShell, whose console starts in the
 * OEM code page (852 on Czech and Slovak Windows), would show "pĹ™ijatĂ©". The code page belongs
 * to the console, not to a process, so a `chcp 65001` spojka starts on the same console switches it
 * for spojka too; the earlier page is put back when spojka ends. This needs no permission beyond
 * --allow-run (SetConsoleOutputCP through Deno.dlopen would need --allow-ffi, which lifts the
 * sandbox). Not verified on a real Windows console here; README says to run `chcp 65001` first if
 * the characters still look wrong.
 *
 * @module
 */

/** Switches the console to UTF-8 on Windows; returns what puts the earlier code page back. */
export async function utf8Console(): Promise<() => Promise<void>> {
  const nothing = async () => {};
  if (Deno.build.os !== "windows" || !(Deno.stdout.isTerminal() || Deno.stderr.isTerminal())) return nothing;
  const chcp = async (...args: string[]) => {
    try {
      const root = Deno.env.get("SystemRoot") ?? "C:\\Windows";
      const { stdout } = await new Deno.Command(`${root}\\System32\\chcp.com`, { args, stdin: "null" })
        .output();
      // "Active code page: 852", "Aktivní znaková stránka: 852": the number is the same in every language.
      return /(\d+)\s*$/.exec(new TextDecoder().decode(stdout).trim())?.[1];
    } catch {
      return undefined; // no chcp (or no permission): the text is still right in the log
    }
  };
  const before = await chcp();
  if (before === undefined || before === "65001") return nothing;
  await chcp("65001");
  return async () => void await chcp(before);
}
