import { deepEqual, equal, throws } from "node:assert/strict";
import { iniBytes, iniText } from "./xml_ini.ts";

Deno.test("one pack's INI names its file, its answer, the unit and the duplicity check, and no secret", () => {
  equal(
    iniText({
      exchange: {
        inputXml: "C:\\spojka\\in\\documents\\a.xml",
        responseXml: "C:\\spojka\\out\\documents\\a.xml",
      },
      database: "StwPh_12345679_2026",
      checkDuplicity: true,
    }),
    "[XML]\r\ninput_xml=C:\\spojka\\in\\documents\\a.xml\r\nresponse_xml=C:\\spojka\\out\\documents\\a.xml\r\n" +
      "database=StwPh_12345679_2026\r\ncheck_duplicity=1\r\n",
  );
});

Deno.test("a folder's INI for partners leaves the duplicity check off, and is written in windows-1250", () => {
  const bytes = iniBytes({
    exchange: { inputDir: "D:\\Účtárna\\in", responseDir: "D:\\Účtárna\\out" },
    database: "StwPh_12345679_2026",
    checkDuplicity: false,
  });
  const text = new TextDecoder("windows-1250").decode(bytes);
  deepEqual(text.split("\r\n"), [
    "[XML]",
    "input_dir=D:\\Účtárna\\in",
    "response_dir=D:\\Účtárna\\out",
    "database=StwPh_12345679_2026",
    "check_duplicity=0",
    "",
  ]);
  equal(bytes.length, text.length, "one byte per character");
});

Deno.test("a path POHODA's INI cannot carry is refused with what to change", () => {
  const ini = (dir: string) => ({
    exchange: { inputDir: dir, responseDir: "C:\\out" },
    database: "StwPh_12345679_2026",
    checkDuplicity: true,
  });
  throws(() => iniBytes(ini("C:\\Ștefan\\in")), /Ș \(U\+0218\).*windows-1250[\s\S]*/);
  throws(() => iniBytes(ini("C:\\in\r\ncheck_duplicity=0")), /line break/);
});
