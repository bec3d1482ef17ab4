/**
 * The Windows display (UI) language, read from the registry with `reg query`: Windows sets no
 * LC_ALL / LANG, and the runtime's locale is the user's regional format, which may differ from the
 * language Windows speaks to them. Not verified on a real Windows here (see the README): the values
 * read are those Windows 8 and later keep for the display language, the user's choice first, then
 * the machine's; a value missing or unreadable means no answer, and the caller falls back.
 *
 * @module
 */

/** Where the display language is kept, most specific first: `[key, value]`. */
export const UI_LANGUAGE_VALUES: readonly (readonly [string, string])[] = [
  ["HKCU\\Control Panel\\Desktop", "PreferredUILanguages"],
  ["HKCU\\Control Panel\\Desktop\\MuiCached", "MachinePreferredUILanguages"],
];

/**
 * The first language of a `reg query /v <value>` answer, e.g. `cs-CZ` from
 * `    PreferredUILanguages    REG_MULTI_SZ    cs-CZ\0en-US` (reg prints a multi-string's parts
 * joined by a literal `\0`); undefined when the answer does not hold the value.
 */
export function parseRegQuery(output: string, value: string): string | undefined {
  for (const line of output.split(/\r?\n/)) {
    const match = /^\s+(\S+)\s+REG_(?:MULTI_)?SZ\s+(.*)$/.exec(line);
    if (match?.[1].toLowerCase() !== value.toLowerCase()) continue;
    const first = match[2].split("\\0")[0].trim();
    return first === "" ? undefined : first;
  }
  return undefined;
}

/** Runs `reg query` and returns its output; undefined when it fails or cannot be run. */
export type RegQuery = (key: string, value: string) => Promise<string | undefined>;

/** `reg.exe query "<key>" /v <value>`, its output as text. */
export async function regQuery(key: string, value: string): Promise<string | undefined> {
  try {
    const output = await new Deno.Command("reg", {
      args: ["query", key, "/v", value],
      stdout: "piped",
      stderr: "null",
    }).output();
    return output.success ? new TextDecoder().decode(output.stdout) : undefined;
  } catch {
    return undefined; // no reg.exe, or no permission to run it: the caller falls back
  }
}

/** The display language (`cs-CZ`), or undefined when the registry does not say. */
export async function windowsUiLanguage(query: RegQuery = regQuery): Promise<string | undefined> {
  for (const [key, value] of UI_LANGUAGE_VALUES) {
    const output = await query(key, value);
    const language = output === undefined ? undefined : parseRegQuery(output, value);
    if (language !== undefined) return language;
  }
  return undefined;
}
