/**
 * The INI file `Pohoda.exe /XML "<user>" "<password>" "<ini>"` reads (reference §19): section
 * `[XML]` with the input and response paths, the accounting unit's database and the batch
 * duplicity check. It holds no secret: the user and password go on POHODA's command line.
 *
 * @module
 */

import { ConfigError } from "../core/errors.ts";
import { m } from "../i18n/mod.ts";
import { encode1250, unencodable } from "./encoding.ts";

/** What one INI tells POHODA. */
export interface XmlIni {
  /** One pack and its answer (`input_xml`, `response_xml`), or every pack of a folder (`input_dir`, `response_dir`). */
  exchange: { inputXml: string; responseXml: string } | { inputDir: string; responseDir: string };
  /** The accounting unit, e.g. `StwPh_12345679_2026`. */
  database: string;
  /** `check_duplicity=1`: POHODA refuses what it imported before from the same dataPack@id and dataPackItem@id. */
  checkDuplicity: boolean;
}

/** The INI's text, with Windows line ends. */
export function iniText(ini: XmlIni): string {
  const { exchange } = ini;
  const lines = [
    "[XML]",
    ...("inputXml" in exchange
      ? [`input_xml=${exchange.inputXml}`, `response_xml=${exchange.responseXml}`]
      : [`input_dir=${exchange.inputDir}`, `response_dir=${exchange.responseDir}`]),
    `database=${ini.database}`,
    `check_duplicity=${ini.checkDuplicity ? 1 : 0}`,
  ];
  for (const line of lines) {
    // A line break would start another key, which POHODA would read as a setting of its own.
    if (/[\r\n]/.test(line)) {
      throw new ConfigError(m.pohodaFiles.lineBreak(line));
    }
  }
  return lines.map((line) => `${line}\r\n`).join("");
}

/**
 * The INI's bytes. POHODA is a Windows program that reads INI files in the system's code page,
 * windows-1250 on Czech and Slovak Windows ([unverified] for POHODA itself), so a path with a
 * character windows-1250 lacks cannot be written.
 */
export function iniBytes(ini: XmlIni): Uint8Array<ArrayBuffer> {
  const text = iniText(ini);
  const lacking = unencodable(text);
  if (lacking.length > 0) {
    throw new ConfigError(
      m.pohodaFiles.lacking(lacking.map((c) => `${c.char} (${c.codePoint})`).join(", ")),
      { hint: m.pohodaFiles.lackingHint },
    );
  }
  return encode1250(text);
}
