/**
 * The Czech message catalogue; its shape is checked against the English one.
 *
 * @module
 */

import type { Catalogue } from "./en.ts";
import { slavic as plural } from "./plural.ts";

const items = (n: number) => `${n} ${plural(n, "položka", "položky", "položek")}`;

export const cs: Catalogue = {
  agenda: {
    addressbook: "Adresář",
    issuedInvoice: "Vydané faktury",
    issuedCreditNotice: "Vydané faktury (dobropis)",
    issuedDebitNote: "Vydané faktury (vrubopis)",
    issuedAdvanceInvoice: "Vydané zálohové faktury",
    issuedProformaInvoice: "Vydané faktury (proforma)",
    issuedCorrectiveTax: "Vydané faktury (opravný daňový doklad)",
    penalty: "Ostatní pohledávky (penále)",
    receivable: "Ostatní pohledávky",
    receivedInvoice: "Přijaté faktury",
    receivedCreditNotice: "Přijaté faktury (dobropis)",
    receivedDebitNote: "Přijaté faktury (vrubopis)",
    receivedAdvanceInvoice: "Přijaté zálohové faktury",
    receivedProformaInvoice: "Přijaté faktury (proforma)",
    receivedCorrectiveTax: "Přijaté faktury (opravný daňový doklad)",
    commitment: "Ostatní závazky",
    receivedOrder: "Přijaté objednávky",
    issuedOrder: "Vydané objednávky",
    product: "Produkty e-shopu",
  },
  outcome: {
    fetched: "staženo",
    imported: "importováno",
    updated: "aktualizováno",
    already_present: "už v POHODĚ",
    with_warnings: "importováno s varováním",
    failed: "selhalo",
    no_answer: "bez odpovědi",
    unanswered: "bez odpovědi",
    dropped: "odstraněno",
    duplicate: "duplicita",
    named_twice: "dvakrát pod stejným označením",
    number_taken: "číslo už je obsazené",
    rejected: "odmítnuto",
    too_large: "příliš velké",
    refused: "odmítnuto",
    transliterated: "přepsáno bez nepodporovaných znaků",
  },
  nothing: "nic",

  cli: {
    description: "Přenáší data mezi FLOWii, KROS, e-shopy a POHODOU. Návratové kódy: spojka help exit-codes.",
    dirOption: "datová složka (výchozí: složka programu; přednost má SPOJKA_HOME)",
    langOption: "jazyk zpráv: cs, sk nebo en (výchozí: language v config.toml, jinak jazyk systému)",
    helpOption: "zobrazí tuto nápovědu",
    versionOption: "zobrazí verzi",
    afterError: "(spojka --help vypíše příkazy)",
    badLang: (given: string) => `--lang ${JSON.stringify(given)} není jazyk, kterým spojka mluví.`,
    badLangHint: "Použijte --lang cs (čeština), --lang sk (slovenčina) nebo --lang en (English).",
    help: "nápověda k příkazu nebo k tématu: config (popsaný config.toml), exit-codes (návratové kódy)",
    helpTopic: "příkaz, config nebo exit-codes",
    unknownTopic: (topic: string) => `spojka help nezná příkaz ani téma „${topic}“.`,
    unknownTopicHint: "spojka help config, spojka help exit-codes nebo spojka help <příkaz>.",
    exitCodesTitle: "Návratové kódy spojky (pro skripty a „Výsledek posledního spuštění“ v Plánovači úloh):",
    init: "nastaví konektory: zeptá se na účty a hesla, uloží je zašifrované",
    initNonInteractive: "vezme všechny hodnoty z proměnných prostředí SPOJKA_*",
    initFromLastrun: "oba toky FLOWii začnou tam, kde skončil konektor dodavatele (jeho lastrun.txt)",
    serve: "běží stále: synchronizuje v intervalu každého konektoru a na oznámení KROS; GET /healthz",
    sync: "jednou spustí nastavené konektory (nebo jen ten uvedený: flowii, stock)",
    syncConnector: "spustí jen tento konektor",
    syncDryRun: "stáhne a převede data, balíčky k odeslání zapíše do složky, nic neodešle",
    syncOut: "kam --dry-run zapíše balíčky (výchozí: dry-run-<čas> v datové složce)",
    reset: "--cursor: příští synchronizace stáhne vše znovu; --all: odstraní konfiguraci, klíč a stav",
    resetCursor: "zapomene, kde každý tok pokračuje",
    resetTo: "s --cursor: FLOWii bude pokračovat od tohoto data (2026-01-31) nebo UNIXového času",
    resetAll: "odstraní config.toml, spojka.key a stav (logy a stažené soubory zůstanou)",
    resetNewState: "začne s prázdným stavem tam, kde state.db chybí (sama to spojka neudělá)",
    yes: "neptá se na potvrzení",
    schedule: "vypíše příkaz pro Plánovač úloh (na Linuxu cron a systemd), který spojku pravidelně spouští",
    scheduleEvery: "spouštět sync každých tolik minut (výchozí 30)",
    scheduleAt: "místo toho spouštět sync jednou denně v tento čas",
    scheduleServe: "místo toho spustit spojka serve při startu počítače",
    scheduleName: "název úlohy (výchozí spojka, nebo spojka-serve)",
    scheduleInstall: "Windows: úlohu hned vytvoří (jako správce)",
    status: "ukáže čekající a neúspěšné položky, poslední běhy a kurzory (--verbose: i konfiguraci)",
    statusJson: "vypíše JSON pro skripty (každou položku posledních běhů, která vyžaduje pozornost)",
    statusItems: "vypíše každou položku posledních běhů, která vyžaduje pozornost, nejen prvních 20",
    statusVerbose: "ukáže i konfiguraci (hesla skrytá)",
    verify: "ověří, že POHODA má vše, co spojka potvrdila, jednou, se stejným číslem, partnerem a částkou",
    verifySince: "jen doklady potvrzené od tohoto dne (RRRR-MM-DD); partneři se ověřují vždy",
    json: "vypíše JSON pro skripty",
    outbox: "co čeká na cíl: vypsat, ukázat, znovu odeslat nebo odstranit položku (výchozí je list)",
    outboxList: "čekající a neúspěšné položky: počty podle agend, pak prvních 20, neúspěšné nejdřív",
    outboxFailed: "jen položky, které cíl odmítl",
    outboxAll: "všechny položky, ne jen prvních 20",
    outboxShow: "jedna položka: její údaje, důvod cíle a její XML",
    outboxItem: "číslo dokladu, klíč, id položky nebo část jejího popisu",
    outboxRetry: "odešle položku (nebo všechny neúspěšné) hned do POHODY; návratové kódy jako u sync",
    outboxRetryFailed: "všechny neúspěšné položky",
    outboxDrop: "po potvrzení odstraní položku; importuje se jen tehdy, když ji zdroj znovu exportuje",
  },

  units: {
    notUrl: (year: string) =>
      `musí být adresa mServeru účetní jednotky roku ${year}, např. ${year} = "http://127.0.0.1:444/xml"`,
    notDatabase: (year: string, database: string, expected: string) =>
      `${database} není databáze účetního roku ${year}; při transport = "xml-folder" musí označovat ` +
      `účetní jednotku toho roku, např. ${year} = "${expected}"`,
    wrongYear: (year: number, service: string, where: string, reported: number, summary: string) =>
      `${service} na ${where} obsluhuje účetní rok ${reported} (${summary}), ale [pohoda.units] ` +
      `ho uvádí jako účetní jednotku roku ${year}.`,
    wrongYearHint: (year: number, reported: number) =>
      `V POHODĚ založte (nebo najděte) konfiguraci mServeru účetní jednotky ${year} a její adresu zapište ` +
      `do [pohoda.units] jako ${year} = "…"; nebo tuto zapište jako ${reported} = "…". Nic nebylo odesláno.`,
    waiting: (n: number, year: number) =>
      `${items(n)} s datem v roce ${year} čeká ve frontě: účetní jednotka roku ${year} není nastavená.`,
    waitingHint: (year: number, example: string) =>
      `Doplňte ${year} = "${example}" (účetní jednotku toho roku) do [pohoda.units] v config.toml; ` +
      "příští běh je odešle.",
    statusWaiting: (n: number, year: number) => `  ${year}: ${items(n)} čeká na účetní jednotku roku ${year}`,
  },

  exitCode: {
    0: "vše, co bylo požadováno, je hotovo",
    1: "běh doběhl, ale některé položky selhaly nebo nedostaly odpověď (zůstávají a příští běh je zkusí " +
      "znovu), nebo byly vynechány (příliš velké, odmítnuté): spojka status je vyjmenuje",
    2: "chyba konfigurace nebo použití: opravte konfiguraci (spojka init) nebo příkazový řádek",
    3: "v datové složce pracuje jiný běh spojky, nebo jiný program drží state.db či jiný soubor",
    4: "služba není dostupná, odmítá přihlašovací údaje nebo odmítá celý požadavek",
    5: "spojka verify zjistila, že něco, co spojka potvrdila, v POHODĚ chybí, je tam dvakrát, nebo má " +
      "jiného partnera či částku",
    6: "disk je plný, spojka nesmí zapisovat do potřebné složky, nebo disk hlásí chyby",
    70: "nečekaná vnitřní chyba (chyba programu); podrobnosti jsou v log.txt",
  },

  context: {
    started: (command: string, pid: number, dir: string) =>
      `spojka ${command} spuštěna (pid ${pid}, datová složka ${dir})`,
    finished: (command: string, code: number) => `spojka ${command} skončila s návratovým kódem ${code}`,
    noFolder: (dir: string) => `Datová složka ${dir} neexistuje.`,
    noFolderHint:
      "Nejdřív tam spusťte spojka init, nebo nasměrujte --dir či SPOJKA_HOME na složku, ve které je config.toml.",
    fileInTheWay: (dir: string) =>
      `Datovou složku ${dir} nelze použít: ona sama nebo složka nad ní je soubor.`,
    fileInTheWayHint: "Nasměrujte --dir nebo SPOJKA_HOME na složku (spojka init ji vytvoří).",
    noConfig: (dir: string) => `V ${dir} není config.toml.`,
    runInitFirst: "Nejdřív spusťte spojka init.",
  },

  wizard: {
    noTerminal: "spojka init klade otázky, ale není tu terminál, ve kterém by se mohla ptát.",
    noTerminalHint:
      "Spusťte ji v terminálu, nebo použijte spojka init --non-interactive s proměnnými SPOJKA_* (viz README).",
    updating: (file: string) => `Upravuji ${file}`,
    settingUp: (dir: string) => `Nastavuji spojku v ${dir}`,
    warning: (text: string) => `Upozornění: ${text}`,
    lastrunWithoutFlowii: "--from-lastrun určuje, kde FLOWii pokračuje, ale FLOWii → POHODA není nastaven.",
    lastrunWithoutFlowiiHint:
      "Nastavte FLOWii → POHODA ve stejném běhu (proměnné SPOJKA_FLOWII_*); nic nebylo uloženo.",
    saved: (file: string, connectors: string) => `Uloženo ${file} (${connectors}).`,
    languageKept: (language: string) =>
      `spojka bude mluvit česky, i v naplánovaných bězích (language = "${language}" v config.toml; ` +
      "změníte ho tam nebo přepínačem --lang).",
    keyFile: (key: string) =>
      `Hesla a tokeny jsou zašifrovány souborem klíče ${key}: nechte ho vedle config.toml a nedávejte ho do záloh, které sdílíte.`,
    continues: (streams: string, since: string, start: number, file: string) =>
      `FLOWii pokračuje tam, kde skončil konektor dodavatele: ${streams} stáhnou, co se změnilo od ${since} ` +
      `(UNIX ${start}, z ${file}). Před první synchronizací spojky zastavte naplánovanou úlohu dodavatele.`,
    and: " a ",
    cancelled: "Nastavení zrušeno; nic se nezměnilo.",
    checking: "\nKontroluji připojení:",
    checkOk: (service: string, found: string) => `${service}: v pořádku, ${found}`,
    failedTitle: (n: number) =>
      `\n${
        plural(n, "Tato kontrola selhala", `Tyto ${n} kontroly selhaly`, `Těchto ${n} kontrol selhalo`)
      }; ` +
      "nastavení je přesto uloženo:",
    failedAdvice: "Opravte, co každá z nich uvádí, a pak spusťte spojka init znovu a nastavení opravte " +
      "(na ostatní odpovězte n, zůstanou), nebo spusťte spojka sync, až služba poběží.",
    failedExit: (n: number) =>
      `init --non-interactive končí návratovým kódem 4: ${
        plural(n, "selhala kontrola", `selhaly ${n} kontroly`, `selhalo ${n} kontrol`)
      }.`,

    // The TOML parser's own words are English: the line and column say where.
    line: (n: number) => ` (řádek ${n})`,
    inSection: (section: string) => `v [${section}]`,
    oneOf: (values: string) => `musí být jedna z hodnot ${values}`,
    text: (value: string) => `text „${value}“`,
    reenter: (sections: string) => `Zadat ${sections} znovu? Vše ostatní v config.toml zůstane, jak je.`,
    dropTopLevel: (keys: string) => `${keys} bude odstraněno (platí výchozí hodnoty).`,
    startOver: (aside: string) =>
      `Začít nastavení znovu? config.toml zůstane uložen jako ${aside}, takže se nic neztratí.`,
    keptAside: (aside: string) => `Poškozený soubor je uložen jako ${aside}.`,
    notRepaired: (file: string) => `${file} je poškozený; nic se nezměnilo.`,
    notRepairedHint:
      "Spusťte spojka init v terminálu a zadejte poškozenou část znovu, nebo opravte uvedený řádek " +
      "(spojka help config ukazuje, jak má každý klíč vypadat).",
    nonInteractiveBroken:
      "init --non-interactive poškozený config.toml nepřepisuje: spusťte spojka init v terminálu a zadejte " +
      "poškozenou část znovu, nebo opravte uvedený řádek (spojka help config ukazuje každý klíč).",
    reentering: (sections: string) => `Znovu zadáváte ${sections}:`,

    whichConnectors: "Které konektory chcete nastavit?",
    changeIt: "  Změnit?",
    notSet: "(nenastaveno)",
    clearable: (label: string) => `${label} (- smaže hodnotu)`,
    badVariable: (variable: string, problem: string) =>
      `init --non-interactive: proměnná ${variable} ${problem}.`,
    missingVariables: (names: string, n: number, setup: string) =>
      `init --non-interactive: ${
        plural(n, "není nastavena proměnná", "nejsou nastaveny proměnné", "nejsou nastaveny proměnné")
      } ${names} (potřebné pro ${setup}).`,
    missingVariablesHint: "Nastavte všechny proměnné uvedené v README.md, v části „Scripted setup“.",
    noVariables: "init --non-interactive: není nastavena žádná proměnná SPOJKA_*, není co nastavit.",
    noVariablesHint: (names: string) => `Nastavte ${names}.`,
    or: "; nebo ",
    yesNo: "(a/n)",
    yesNoDefault: (yes: boolean) => yes ? "a" : "n",
    answerYesNo: "Odpovězte a (ano) nebo n (ne).",
    notEmpty: "nesmí být prázdné",
    icoDigits: "musí mít 8 číslic, např. 12345678 (mezery nevadí)",
    icoCheckDigit: (ico: string) => `IČO ${ico} nesplňuje kontrolu modulo 11; zkontrolujte ho, prosím.`,
    mserverXml: (url: string) =>
      `${url} nekončí na /xml; mServer přijímá importy jen tam, např. http://127.0.0.1:444/xml`,
    mserverXmlCheck: (url: string) =>
      `[pohoda] url ${url} nekončí na /xml; mServer přijímá importy jen na /xml.`,
    mserverXmlHint: "Spusťte spojka init a zadejte adresu s /xml na konci, např. http://127.0.0.1:444/xml.",
    wooHttps: "musí začínat https:// – u WooCommerce putuje klíč a tajný klíč v každém požadavku",

    setupFlowii: "FLOWii → POHODA (adresář a vydané doklady)",
    setupStock: "KROS → zásoby v e-shopu (Shoptet, WooCommerce)",
    setupAlerts: "Upozornění e-mailem nebo webhookem, když běh selže nebo jsou položky odmítnuty",
    smtpService: "SMTP server pro upozornění",
    signedIn: (user: string) => `přihlášen jako ${user}`,
    krosWorks: "token funguje a modul API je aktivní",
    ask: {
      flowiiUrl: "Adresa API FLOWii",
      flowiiUser: "Uživatel FLOWii (přihlašovací e-mail)",
      flowiiPassword: "Heslo k FLOWii",
      flowiiApiKey: "API klíč FLOWii (Nastavenia → Rozšírenia → API)",
      flowiiCompany: "ID firmy ve FLOWii (jen pokud má účet více firem; Enter pro žádné)",
      pohodaTransport: "Jak se spojka dostane do POHODY (mserver: POHODA mServer; xml-folder: soubory pro " +
        "Pohoda.exe /XML, bez mServeru)",
      pohodaUrl: "Adresa POHODA mServeru (končí na /xml)",
      pohodaExe:
        "Pohoda.exe, kterou má spojka spouštět, např. C:\\Program Files (x86)\\STORMWARE\\POHODA\\Pohoda.exe " +
        "(Enter, pokud POHODU na soubory spouštíte sami)",
      pohodaInputDir: "Složka pro dávky, které POHODA importuje (Enter pro pohoda-xml/in v datové složce)",
      pohodaResponseDir: "Složka pro odpovědi POHODY (Enter pro pohoda-xml/out v datové složce)",
      pohodaDatabase: "Databáze účetní jednotky v POHODĚ (Enter pro StwPh_<IČO>_<aktuální rok>)",
      pohodaUser: "Uživatel POHODY (s právem importovat XML)",
      pohodaPassword: "Heslo uživatele POHODY",
      pohodaIco: "IČO účetní jednotky",
      krosUrl: "Adresa API KROS",
      krosToken: "API token KROS (Nastavenia → API prepojenia → Vygenerovať token)",
      stockMatch: "Párovat položky KROS s produkty e-shopu podle",
      stockQuantity:
        "Zásoba v e-shopu napříč sklady KROS (max: kolik expeduje jeden sklad; sum: všechny dohromady)",
      stockWarehouse: "Jen tento sklad KROS (jeho kód; Enter pro všechny sklady)",
      eshopPlatform: "Platforma e-shopu",
      eshopUrl: "Adresa e-shopu",
      shopUrl: {
        shoptet: "Adresa API Shoptetu",
        woocommerce: "Adresa obchodu WooCommerce (https://vas-obchod)",
      } as Record<string, string>,
      shoptetToken: "Soukromý API token Shoptetu",
      wooKey: "Consumer key WooCommerce (ck_…)",
      wooSecret: "Consumer secret WooCommerce (cs_…)",
      alertsEmailTo: "Posílat upozornění e-mailem na (adresy oddělené čárkami; Enter pro žádné)",
      alertsEmailFrom: "Adresa odesílatele upozornění",
      smtpHost: "SMTP server (např. smtp.firma.cz)",
      smtpSecurity: "Šifrování SMTP (starttls: port 587; tls: port 465; none: jen na tomto počítači)",
      smtpPort: "Port SMTP",
      smtpUser: "Uživatel SMTP (Enter, pokud server přihlášení nevyžaduje)",
      smtpPassword: "Heslo k SMTP",
      webhookUrl:
        "Adresa webhooku, kam posílat upozornění jako JSON (skrytě: adresa chatovacího webhooku je jeho heslem; Enter pro žádný)",
      webhookSecret: "Tajný klíč webhooku k podepisování upozornění (Enter pro žádný)",
    },
  },

  configFile: {
    errors: (source: string, n: number) =>
      `${source} ${plural(n, "obsahuje chybu", `obsahuje ${n} chyby`, `obsahuje ${n} chyb`)}:`,
    errorsHint: "spojka help config popisuje každý klíč; spojka init soubor přepíše.",
    // The TOML parser's own words are English: its line and column say where, in the user's words.
    notToml: (source: string, line: number, column: number, _what: string) =>
      `${source} není platný TOML: chyba zápisu na řádku ${line}, ve sloupci ${column}`,
    notTomlHint: "Opravte tento řádek; spojka help config ukazuje, jak má každý klíč vypadat.",
    noKeyFile: (key: string, config: string) =>
      `Chybí soubor s klíčem ${key}, takže hesla v ${config} nelze přečíst.`,
    noKeyFileHint:
      "Zkopírujte spojka.key ze složky, kde bylo spuštěno spojka init, nebo spusťte spojka init a zadejte hesla znovu.",
    undecryptable: (key: string) =>
      `${key} v config.toml nelze dešifrovat: byl upraven ručně, je poškozený, nebo byl zašifrován jiným souborem s klíčem.`,
    undecryptableHint: "Změňte ho příkazem spojka init.",
    badVariable: (variable: string, problem: string) => `Proměnná ${variable} ${problem}.`,
    badVariableHint: "Opravte proměnnou, nebo ji zrušte, aby platila hodnota z config.toml.",
    badDecrypted: (key: string, problem: string) => `${key} v config.toml po dešifrování ${problem}.`,
    badDecryptedHint: "Zadejte ho znovu příkazem spojka init.",
    refuseToWrite: (path: string, problems: string) => `Neplatný ${path} se nezapíše: ${problems}`,
    header:
      "# Konfigurace spojky, zapsaná příkazem `spojka init`. Každý klíč popisuje `spojka help config`.\n" +
      "# Hesla jsou zašifrovaná klíčem ze spojka.key; měňte je příkazem `spojka init`, ne tady.\n",
    notEncryptedYet: (shown: string) => `${shown} (zatím nezašifrováno: spusťte spojka init)`,
  },

  configIssue: {
    topLevel: "(začátek souboru)",
    atTopLevel: "na začátku souboru",
    unknownKey: (key: string, where: string, hint: string) => `neznámý klíč „${key}“ ${where}: ${hint}`,
    unknownSection: (section: string, at: string, hint: string) => `neznámá sekce [${section}]${at}: ${hint}`,
    didYouMean: (key: string) => `nemysleli jste „${key}“?`,
    everyKey: "spojka help config vypíše všechny klíče",
    missing: "chybí",
    quoteIt: (name: string, value: string) =>
      `musí být text; dejte hodnotu do uvozovek: ${name} = "${value}"`,
    noQuotes: (got: string) => `musí být číslo bez uvozovek, ne ${got}`,
    wrongType: (expected: string, got: string) => `musí být ${expected}, ne ${got}`,
    type: {
      string: "text v uvozovkách",
      number: "číslo",
      int: "celé číslo",
      boolean: "true nebo false",
      object: "sekce",
      array: "seznam",
    } as Record<string, string>,
    number: (value: string) => `číslo ${value}`,
    boolean: (value: string) => `hodnota ${value}`,
    other: "jiný druh hodnoty",
    atLeast: (n: string) => `musí být alespoň ${n}`,
    atMost: (n: string) => `může být nejvýše ${n}`,
    above: (n: string) => `musí být větší než ${n}`,
    below: (n: string) => `musí být menší než ${n}`,
    minLength: (n: number) => `musí mít alespoň ${n} ${plural(n, "znak", "znaky", "znaků")}`,
    maxLength: (n: number) => `může mít nejvýše ${n} ${plural(n, "znak", "znaky", "znaků")}`,
    minEntries: (n: number) => `musí obsahovat alespoň ${n} ${plural(n, "položku", "položky", "položek")}`,
    maxEntries: (n: number) => `může obsahovat nejvýše ${n} ${plural(n, "položku", "položky", "položek")}`,
    multipleOf: (n: string) => `musí být násobkem ${n}`,
    startsWith: (prefix: string) => `musí mít na začátku „${prefix}“`,
    endsWith: (suffix: string) => `musí mít na konci „${suffix}“`,
    badForm: "nemá správný tvar; příklad ukáže spojka help config",
    badValue: "není hodnota, kterou spojka umí použít; jak má vypadat, ukáže spojka help config",
    connectorNeeds: (title: string, sections: string) =>
      `chybí: konektor ${title} potřebuje ${sections}; spusťte spojka init`,
    notEncrypted:
      "není zašifrovaná hodnota: tajné údaje se ukládají jen zašifrované; změňte ji příkazem spojka init",
    httpUrl: (example: string) => `musí být adresa http:// nebo https://, např. ${example}`,
    sealedUrl: "musí být adresa http:// nebo https:// uložená zašifrovaně; zadejte ji příkazem spojka init",
    listen: 'musí být ve tvaru host:port, např. "127.0.0.1:8787"',
    emailList: "musí být e-mailové adresy oddělené čárkami, např. uctovnik@firma.cz, spravce@firma.cz",
    emailFrom: "musí být jedna e-mailová adresa, např. spojka@firma.cz",
    smtpHost: 'musí být název serveru nebo IP adresa bez "smtp://" a bez portu, např. smtp.firma.cz',
    alertsNowhere: "chybí, stejně jako webhook_url: kam se mají upozornění posílat? Spusťte spojka init",
    smtpHostMissing: "chybí: upozornění e-mailem potřebují SMTP server",
    emailFromMissing: "chybí: upozornění e-mailem potřebují adresu odesílatele",
    smtpPasswordMissing: "chybí ke smtp_user; spusťte spojka init",
    smtpUnencrypted:
      'je "none", takže by se heslo k SMTP posílalo nezašifrované; použijte "starttls" nebo "tls"',
    version: (version: number) => `musí být ${version}; tento config.toml je pro jinou verzi programu spojka`,
    ico: 'musí být 8 číslic v uvozovkách, např. ico = "12345678"',
    year: 'musí být rok, např. 2025 = "…"',
    wooBatchSize: "může být u WooCommerce nejvýše 100",
    missingSecret: (platform: string) => `u platformy ${platform} chybí; spusťte spojka init`,
    fractionsKeep: (platform: string) =>
      `nemůže být "keep" u platformy ${platform}, která vede zásoby v celých kusech; použijte "down" nebo "nearest"`,
  },

  commander: {
    usage: "Použití:",
    arguments: "Argumenty:",
    options: "Volby:",
    globalOptions: "Globální volby:",
    commands: "Příkazy:",
    placeholder: {
      options: "volby",
      command: "příkaz",
      connector: "konektor",
      item: "položka",
      topic: "téma",
      folder: "složka",
      file: "soubor",
      when: "kdy",
      minutes: "minuty",
      task: "úloha",
      date: "datum",
    } as Record<string, string>,
    helpCommand: "zobrazí nápovědu k příkazu",
    unknownOption: (flag: string) => `chyba: neznámá volba „${flag}“`,
    unknownCommand: (name: string) => `chyba: neznámý příkaz „${name}“`,
    missingArgument: (name: string) => `chyba: chybí povinný argument „${name}“`,
    optionMissingArgument: (flags: string) => `chyba: u volby „${flags}“ chybí hodnota`,
    tooManyArguments: (command: string | undefined, expected: number, received: number, details: string) =>
      `chyba: příliš mnoho argumentů${
        command ? ` pro „${command}“` : ""
      }: očekáváno ${expected}, zadáno ${received}: ${details}.`,
    didYouMean: (names: string) => `(Nemysleli jste ${names}?)`,
    didYouMeanOneOf: (names: string) => `(Nemysleli jste některou z možností ${names}?)`,
  },

  sync: {
    noConnector: (name: string) => `Konektor „${name}“ neexistuje.`,
    knownConnectors: (ids: string) => `Známé konektory: ${ids}.`,
    noneSetUp: "V config.toml není nastaven žádný konektor.",
    runInit: "Spusťte spojka init.",
  },

  report: {
    error: (message: string) => `Chyba: ${message}`,
    detailsIn: (file: string) => `podrobnosti jsou v ${file}`,
    detailsFollow: "podrobnosti následují",
    internal: (message: string, where: string) => `Vnitřní chyba: ${message}. Jde o chybu spojky; ${where}.`,
    internalRecorded: (message: string) => `vnitřní chyba: ${message}`,
    stateHeld: (dir: string, why: string) => `Stavovou databázi spojky v ${dir} drží jiný program (${why}).`,
    stateHeldHint: "Zavřete program, který má state.db otevřenou (zálohování, antivirovou kontrolu, " +
      "prohlížeč databází), a spusťte spojku znovu.",
    fileHeld: (why: string) => `Soubor, který spojka potřebuje, drží jiný program (${why}).`,
    fileHeldHint: "Zavřete program, který ho má otevřený (antivirovou kontrolu, zálohování, editor), nebo " +
      "počkejte, až skončí, a spusťte spojku znovu.",
  },

  audit: {
    outboxListed: "výpis fronty zobrazen",
    outboxShown: (key: string) => `položka fronty ${key} zobrazena`,
    schedule: (what: string, task: string, installing: boolean) =>
      `plánování: ${what}, úloha ${task}${installing ? ", zakládá se" : ""}`,
    statusShown: "stav zobrazen",
    verified: (problems: number) =>
      `kontrola: ${problems} ${plural(problems, "problém", "problémy", "problémů")}`,
  },
  log: {
    cannotWrite: (file: string, why: string) =>
      `spojka nemůže zapisovat do logu ${file} (${why}); tento běh píše jen do konzole.`,
  },

  tally: {
    count: (outcome: string, n: number) => `${outcome} ${n}`,
  },

  status: {
    dataFolder: (dir: string) => `Datová složka: ${dir}`,
    running: (pid: number, command: string, at: string) =>
      `Právě běží: PID ${pid}, spojka ${command}, spuštěna ${at}`,
    configuration: "Konfigurace:",
    noConfig: "  zatím žádná: spusťte spojka init",
    configUnreadable: (why: string) => `  nelze přečíst: ${why}`,
    cursors: "Kurzory (příští synchronizace stáhne, co se od té doby změnilo):",
    stateUnreadable: (why: string) => `  stav nelze přečíst: ${why}`,
    noCursors: "  žádné: příští synchronizace stáhne vše",
    lastRuns: "Poslední běhy:",
    noneYet: "  zatím žádné",
    result: { ok: "v pořádku", partial: "částečně", failed: "selhal" },
    run: (connector: string, result: string, code: number, from: string, to: string) =>
      `  ${connector}: ${result} (kód ${code}), ${from} → ${to}`,
    itemsToLookAt: (n: number) => `    položky k prohlédnutí: ${n}`,
    more: (n: number) =>
      `      … a ${plural(n, "další", "další", "dalších")} ${n} (spojka status --items vypíše všechny)`,
    withWarnings: (n: number, numbers: string) =>
      `    ${n} ${
        plural(n, "doklad importován", "doklady importovány", "dokladů importováno")
      } s varováním: ${numbers}`,
    stock: (n: number, shop: string, latest: string | undefined) =>
      `Zásoby: spojka nastavila zásobu ${n} ${plural(n, "produktu", "produktů", "produktů")} v ${shop}` +
      (latest ? `, naposledy ${latest}` : "") + " (status --json vypíše každý).",
    oldShop: "e-shopu (jak si ho pamatovala spojka 0.1)",
    outbox: (pending: number, failed: number, held: number) =>
      `Fronta k odeslání: čeká ${pending}, selhalo ${failed}` + (held > 0 ? `, zadrženo ${held}` : ""),
    failedItem: (agenda: string, label: string, attempts: number, reason: string) =>
      `  selhalo: ${agenda} ${label} (${attempts} ${
        plural(attempts, "pokus", "pokusy", "pokusů")
      }): ${reason}`,
    heldItem: (agenda: string, label: string, since: string, reason: string) =>
      `  zadrženo: ${agenda} ${label} (od ${since}): ${reason}`,
    noReason: "bez uvedeného důvodu",
    heldAdvice: "Zadržené záznamy se do POHODY neposílají. Opravte každý podle jeho důvodu: doklad, který " +
      "FLOWii znovu vyexportuje v mezích, nahradí svou poznámku; jiná poznámka zůstane, dokud ji neodstraníte " +
      "příkazem spojka outbox drop <číslo nebo klíč>.",
    verboseHint: "spojka status --verbose ukáže i konfiguraci.",
  },

  reset: {
    toNeedsCursor: "--to patří k --cursor.",
    exactlyOne: "reset potřebuje právě jedno z --cursor nebo --all (nebo --new-state).",
    exactlyOneHint: "--cursor: příští synchronizace stáhne vše znovu. --all: odstraní konfiguraci, klíč a " +
      "stav. --new-state: začne s prázdným stavem tam, kde state.db chybí.",
    stateThere: (path: string) => `${path} existuje; nic se nezměnilo.`,
    setAside: (files: string) => ` Soubory ztraceného stavu (${files}) byly odloženy stranou.`,
    newState: (path: string, aside: string) =>
      `Založen nový, prázdný stav v ${path}.${aside} Příští synchronizace stáhne vše znovu; POHODA pozná, ` +
      "co už má.",
    noCursors: "Žádné kurzory nebyly; příští synchronizace stejně stáhne vše.",
    clearedCursors: (streams: string) =>
      `Kurzory ${streams} vymazány: příští synchronizace stáhne vše znovu. Už importované položky se ` +
      "poznají jako již přítomné.",
    badTo: (text: string, problem: string) => `--to ${JSON.stringify(text)}: ${problem}.`,
    badToHint:
      "Zadejte datum, např. 2026-01-31 (půlnoc místního času), 2026-01-31 14:30, nebo UNIXový čas v sekundách.",
    cursorSet: (stream: string, now: string, was: string | undefined) =>
      `${stream}: ${now}, dříve ${was ?? "žádný"}`,
    nextSyncSince: (when: string) => `Příští synchronizace stáhne, co se ve FLOWii změnilo od ${when}.`,
    willRemove: (dir: string) => `spojka reset --all odstraní z ${dir}:`,
    unconfirmed: (n: number) => `  a se stavem i ${items(n)}, které cíl ještě nepotvrdil`,
    kept: "Logy, stažené soubory a odpovědi zůstanou.",
    question: "Odstranit? (a/n; Enter = n) ",
    noTerminal: "reset --all potřebuje potvrzení a není terminál, ve kterém se zeptat.",
    addYes: "Pro potvrzení přidejte --yes.",
    nothingRemoved: "Nic nebylo odstraněno.",
    removed: (paths: string) => `Odstraněno: ${paths}.`,
    nothingToRemove: "Nebylo co odstranit.",
    keptDone: "Logy, stažené soubory a odpovědi zůstaly.",
  },

  schedule: {
    installNotWindows: "spojka schedule --install vytváří úlohu Plánovače úloh Windows; tohle není Windows.",
    installNotWindowsHint:
      "Spusťte spojka schedule bez --install a přidejte řádek pro crontab nebo jednotky systemd, které vypíše.",
    noConfigYet: (dir: string) =>
      `V ${dir} zatím není config.toml: před prvním spuštěním úlohy spusťte spojka init.`,
    fromSource:
      "spojka tu běží ze zdrojového kódu (deno run), takže příkazy níže spouštějí deno s oprávněními " +
      "spojky; zkompilovaná spojka tam uvede svou vlastní cestu.\n",
    runInCmd: "V příkazovém řádku (cmd.exe) spuštěném jako správce spusťte:\n",
    runsAs: (what: string, name: string) =>
      `\nÚloha spouští ${what} jako SYSTEM, ať je nebo není někdo přihlášen; /F nahradí dřívější úlohu ` +
      `${name}. Totéž udělá spojka schedule --install. Odstranění úlohy: schtasks /Delete /TN ${name} /F`,
    codePage: "\nDiakritika: spojka po dobu běhu přepne konzoli na UTF-8 (znaková stránka 65001). Pokud " +
      "se její zprávy v cmd.exe přesto zobrazují s rozbitými znaky, spusťte nejdřív chcp 65001. Log (log.txt) " +
      "je v UTF-8.",
    combine: (given: string) => `${given} nelze kombinovat: vyberte jedno.`,
    combineHint:
      "--every <minuty> (výchozí 30), --at <HH:MM> jednou denně, nebo --serve pro spuštění spojka serve se startem počítače.",
    and: " a ",
    atBoot: "při startu počítače",
    daily: (at: string) => `každý den v ${at}`,
    every: (n: number) =>
      n === 1
        ? "každou minutu"
        : `každ${plural(n, "ou", "é", "ých")} ${n} ${plural(n, "minutu", "minuty", "minut")}`,
    cannotStart: (why: string) => `schtasks nelze spustit: ${why}.`,
    cannotStartHint: (line: string) =>
      `Spusťte sami příkaz, který vypíše spojka schedule (bez --install):\n${line}`,
    notCreated: (name: string, code: number) =>
      `schtasks úlohu ${name} nevytvořil (návratový kód ${code}; jeho zpráva je výše).`,
    notCreatedHint:
      "Spusťte příkazový řádek jako správce (pravé tlačítko → Spustit jako správce) a zkuste to znovu.",
    created: (name: string, what: string) =>
      `Úloha ${name} vytvořena: ${what}, jako SYSTEM. Odstranění: schtasks /Delete /TN ${name} /F`,
    timeLimit: (name: string) =>
      "\nPlánovač úloh zastaví úlohu po 72 hodinách, pokud se mu neřekne jinak, a schtasks to změnit neumí. " +
      "Pro spojka serve zrušte limit jednou v PowerShellu spuštěném jako správce:\n\n" +
      `Set-ScheduledTask -TaskName ${name} -Settings (New-ScheduledTaskSettingsSet -ExecutionTimeLimit 0)\n\n` +
      `nebo v Plánovači úloh: ${name} → Vlastnosti → Nastavení → zrušte „Zastavit úlohu, pokud běží déle než“.`,
    cron: "Pro cron (crontab -e) tento řádek:\n",
    cronRuns: (what: string, dir: string) =>
      `\nSpouští ${what}. Výstup jde do log.txt v ${dir}; varování a chyby přijdou i cronem poštou.`,
    noCron: (when: string) => `cron neumí spouštět úlohu přesně ${when}; použijte časovač systemd níže.`,
    systemd: (paths: string) => `\nNebo pro systemd uložte ${paths}:`,
    systemdThen: (unit: string) =>
      `\npotom: sudo systemctl daemon-reload && sudo systemctl enable --now ${unit}`,
    dataFolder: (what: string, dir: string) => `${what} (datová složka ${dir})`,
    badEvery: (text: string, max: number) =>
      `--every ${JSON.stringify(text)} není počet minut od 1 do ${max}.`,
    badEveryHint: "Například --every 30; jednou denně: --at 06:30.",
    badAt: (text: string) => `--at ${JSON.stringify(text)} není denní čas.`,
    badAtHint: "Zadejte hodiny a minuty ve 24hodinovém formátu, např. --at 06:30 nebo --at 18:00.",
    badName: (text: string) => `--name ${JSON.stringify(text)} není použitelný název úlohy.`,
    badNameHint:
      "Použijte písmena bez diakritiky, číslice, tečky, pomlčky a podtržítka, např. --name spojka-firma2.",
    tooLong: (length: number, max: number, run: string) =>
      `Příkaz úlohy má ${length} znaků; Plánovač úloh Windows (schtasks) přijme nejvýše ${max}: ${run}`,
    tooLongHint: "Přesuňte spojku a její datovou složku do kratší cesty, např. C:\\spojka.",
  },

  state: {
    locked: (holder: string) => `V této datové složce pracuje jiný běh spojky: ${holder}.`,
    lockedHint: "Počkejte, až skončí. Zámek se uvolní, jakmile ten proces skončí, i kdyby spadl.",
    holderUnknown: "jeho údaje ještě nejsou zapsané",
    payloadLost: (spool: string) =>
      `jeho obsah se ztratil před aktualizací (outbox/${spool}); spojka reset --cursor ho stáhne znovu`,
    holder: (pid: number, host: string | undefined, command: string, at: string) =>
      `PID ${pid}${host ? ` na ${host}` : ""}, „spojka ${command}“ spuštěná ${at}`,
    newer: (path: string, version: number, known: number) =>
      `${path} zapsala novější spojka (verze stavu ${version}; tento program zná ${known}).`,
    newerHint: "Nainstalujte znovu novější spojku; starší nemůže v její práci pokračovat.",
    unreadable: (path: string, why: string) => `${path} nelze přečíst jako stav spojky (${why}).`,
    unreadableHint: (path: string) =>
      `Je-li poškozený disk nebo soubor, přesuňte ${path} jinam a spusťte spojka reset --new-state: spojka ` +
      "pak začne znovu, stáhne vše a POHODA pozná, co už má. Položky, které čekaly ve frontě, se vrátí " +
      "s tímto stažením.",
    legacyDamaged: (path: string, why: string) =>
      `${path} (stav dřívější spojky) je poškozený: ${why}. Nelze ho převést do nového stavu.`,
    legacyDamagedHint: (path: string) =>
      `Nahraďte ${path} kopií ${path}.bak a spusťte spojku znovu, nebo přesuňte ${path} jinam a spusťte ` +
      "spojka reset --new-state pro nový začátek (příští synchronizace stáhne vše znovu; POHODA pozná, co " +
      "už má).",
    notJson: (why: string) => `není to platný JSON (${why})`,
    missing: (path: string, found: string, dir: string) =>
      `Stavová databáze ${path} chybí, ale dřívější stav zanechal ${found} v ${dir}. spojka bez vašeho ` +
      "souhlasu nezačne s prázdným stavem: zapomněla by kurzory, položky čekající ve frontě, evidenci, " +
      "proti které ověřuje spojka verify, a minulé běhy.",
    missingHint: (path: string) =>
      `Máte-li kopii state.db (zálohu), vraťte ji jako ${path} a spusťte spojku znovu. Chcete-li místo ` +
      "toho začít s prázdným stavem, spusťte spojka reset --new-state: příští synchronizace stáhne vše " +
      "znovu a POHODA pozná, co už má.",
  },

  storage: {
    full: (folder: string, detail: string) => `Disk se složkou ${folder} je plný (${detail}).`,
    fullHint: "Uvolněte na disku místo a spusťte spojku znovu: příští běh naváže tam, kde tento skončil.",
    unwritable: (folder: string, detail: string) => `spojka nemůže zapisovat do ${folder} (${detail}).`,
    unwritableHint: "Ověřte, že složka není jen pro čtení a že ji uživatel, pod kterým spojka běží, smí " +
      "měnit: spouštějte spojku jako vlastník složky (naplánovaná úloha běží pod uživatelem, kterého " +
      "uvádí), nebo tomu uživateli dejte právo složku měnit.",
    failing: (folder: string, detail: string) => `Disk se složkou ${folder} hlásí chybu (${detail}).`,
    failingHint: "Zkontrolujte disk (ve Windows: chkdsk) a volné místo na něm a spusťte spojku znovu.",
    damaged: (folder: string, detail: string) =>
      `Stavová databáze spojky v ${folder} je poškozená (${detail}).`,
    damagedHint: "Zkontrolujte disk (ve Windows: chkdsk). Pak přesuňte state.db stranou a spusťte spojka " +
      "reset --new-state, nebo obnovte state.db ze zálohy; kontroly duplicit v POHODĚ zajistí, že se při " +
      "novém začátku nic nezdvojí.",
  },

  lastrun: {
    hint: "Zadejte lastrun.txt ze složky POHODA konektoru FLOWii, nebo po init nastavte začátek ručně: " +
      "spojka reset --cursor --to <datum, např. 2026-01-31>.",
    badTime: (problem: string) => `jeho čas ${problem}`,
    holds: (shown: string) => `obsahuje ${JSON.stringify(shown)}`,
    notUnixTime: (file: string, reason: string) =>
      `${file} neobsahuje UNIXový čas (sekundy od roku 1970), jak ho zapisuje konektor dodavatele: ${reason}.`,
    cannotRead: (file: string, why: string) => `${file} nelze přečíst: ${why}.`,
    notThere: "neexistuje",
  },
  quote: (text: string) => `„${text}“`,

  notices: {
    more: (n: number, kind: string, all: number, where: string) =>
      `… a ${plural(n, "další", "další", "dalších")} ${n} (celkem ${all}): ${kind}; ${where}`,
    listed: "spojka status je vypíše všechny",
  },

  refusal: {
    wait: "Položky čekají ve frontě a příští běh je odešle znovu.",
    answerKept: "Odpověď POHODY je uložena ve složce responses.",
    isolated: (note: string) => `POHODA odmítá každý balíček, ve kterém je: ${note}.`,
    hint: {
      rights: "Dejte uživateli POHODY právo importovat XML (Přístupová práva → Práva → Soubor/Databáze).",
      login: "Zkontrolujte jméno a heslo uživatele POHODY (změníte je přes spojka init).",
      convert: "Otevřete účetní jednotku v POHODĚ a nechte ji převést na aktuální verzi.",
      database: "POHODA nemůže otevřít databázi účetní jednotky: otevřete jednotku v POHODĚ a uvidíte proč.",
      config:
        "Zkontrolujte konfiguraci mServeru v POHODĚ (Soubor → Účetní jednotky → Databáze → POHODA mServer).",
      processing:
        "POHODA selhala při zpracování; opakuje-li se to i při dalších bězích, obraťte se na podporu STORMWARE.",
      activation: "Spusťte POHODU a aktivujte ji: vypršela doba pro aktivaci.",
      ico: "Zkontrolujte [pohoda] ico a zda [pohoda] url vede na mServer této firmy a tohoto roku.",
    },
    advice: {
      badCharacter:
        "Jeho text obsahuje znak, který POHODA nepřečte (řídicí znak nebo znak, který windows-1250 " +
        "nezná): opravte ho ve FLOWii.",
      schema: "Jeho XML neodpovídá schématu POHODY; poznámka POHODY jmenuje prvek.",
    },
  },

  pohodaRun: {
    retried: (title: string, lines: string) => `${title}, opakované odeslání: ${lines}`,
    wouldNotSendKind: "položky, které by se neodeslaly",
    wouldNotSend: (reason: string) => `neodeslalo by se: ${reason}`,
    packsHoldTheRest: "vše ostatní je v balíčcích",
    dryRunDone: (packs: number, n: number, dir: string) =>
      `Zkušební běh: ${packs} ${plural(packs, "balíček", "balíčky", "balíčků")} s ${n} ${
        plural(n, "položkou", "položkami", "položkami")
      } zapsáno do ${dir}. Nic nebylo odesláno, žádný kurzor se neposunul.`,
    answerToEarlier: (n: number) => `POHODA: odpověď na ${items(n)} odeslané při dřívějším běhu`,
    sending: (n: number, maxItems: number, kib: number) =>
      `POHODA: odesílám ${items(n)} v balíčcích po nejvýše ${maxItems} položkách a ${kib} KiB`,
    notAResponse: (service: string, problem: string) => `${service} neodpověděl odpovědí POHODY: ${problem}.`,
    notAResponseHint:
      "Odpověď je uložena ve složce responses. Položky zůstávají ve frontě a příště se odešlou znovu.",
    packRefused: (n: number, note: string) =>
      `POHODA odmítla celý balíček (${items(n)}): ${note}. Nic z něj se neimportovalo.`,
    narrowing: (n: number, note: string) =>
      `POHODA odmítla celý balíček (${items(n)}): ${note}. Posílám ho po menších částech, abych našla ` +
      "položky, které nepřijme.",
    handedOver: (n: number, service: string) =>
      `${items(n)} předáno ${service} a čeká na odpověď, kterou přečte některý z dalších běhů.`,
    as: (number: string) => `jako ${number}`,
    withWarningsKind: "položky importované s varováním",
    withWarning: (name: string, warning: string) => `${name}: importováno s varováním: ${warning}`,
    deleted: "dříve importováno a mezitím v POHODĚ smazáno; spojka to znovu neimportuje.",
    deletedKind: "doklady smazané v POHODĚ",
    notImportedKind: "neimportované položky",
    notImported: (name: string, reason: string) => `${name}: neimportováno: ${reason}`,
    noAnswerKind: "položky bez odpovědi POHODY",
    noAnswer: (name: string, detail: string) => `${name}: POHODA neodpověděla, ověří se: ${detail}`,
  },

  flowiiRun: {
    stream: { partners: "partneři", documents: "doklady" },
    everything: (stream: string) => `${stream}: vše (první běh)`,
    changesSince: (stream: string, when: string) => `${stream}: změny od ${when}`,
    unusable: (stream: string, what: string, why: string) =>
      `Export (${stream}, ${what}) nelze použít: ${why}.`,
    unusableHint: (dir: string) => `Je uložen v ${dir}. Nic se neztratilo: příští běh ho stáhne znovu.`,
    notADataPack: (why: string) => `není to platný dataPack POHODY: ${why}`,
    twiceKind: "záznamy exportované dvakrát",
    twiceIdentical: (agenda: string, label: string) =>
      `${agenda} ${label}: exportováno dvakrát, shodně; odešle se jednou.`,
    namedTwice: (by: string, first: string, second: string) =>
      `FLOWii vyexportovalo dva záznamy, které spojka rozliší jen podle ${by} (${first}; ${second}). Odešle ` +
      "se jen ten pozdější; ostatním dejte ve FLOWii externí id nebo vlastní IČO či číslo.",
    tooLarge: (size: string, max: string) =>
      `má ${size} MiB, víc než [flowii] max_item_mb (${max} MiB); byl vynechán, ostatní pokračují. Chcete-li ` +
      "ho přenést, zvyšte max_item_mb a spusťte spojka reset --cursor.",
    tooLargeKind: "příliš velké záznamy",
    refusedKind: "odmítnuté záznamy",
    transliteratedKind: "záznamy přepsané bez nepodporovaných znaků",
    utf8Kind: "exporty čtené jako UTF-8",
    readAsUtf8: (zip: string, file: string, declared: string) =>
      `${zip}: ${file} o sobě tvrdí, že je v ${declared}, ale jeho bajty jsou UTF-8; čteno jako UTF-8.`,
    read: (stream: string, records: number, files: number) =>
      `${stream}: ${records} ${plural(records, "záznam", "záznamy", "záznamů")} v ${files} ${
        plural(files, "souboru", "souborech", "souborech")
      }`,
    toOutbox: (stream: string) => `${stream} → fronta`,
    streamFailed: (stream: string, why: string) => `${stream}: selhalo: ${why}`,
    documentsWait: "Doklady čekají ve frontě, dokud se jejich stažení nepodaří celé.",
    nothingToSend: "Do POHODY není co odeslat.",
    summary: (counts: string, failed: boolean) =>
      failed ? `FLOWii → POHODA selhalo (chyba je níže); zatím: ${counts}` : `FLOWii → POHODA: ${counts}`,
    waiting: (n: number) =>
      `${items(n)} ${plural(n, "čeká", "čekají", "čeká")} ve frontě na příští běh (spojka status je vypíše).`,
    held: (n: number) =>
      `${n} ${
        plural(n, "záznam zadržen", "záznamy zadrženy", "záznamů zadrženo")
      }, do POHODY se neposílají: ` +
      "spojka status je vypíše i s tím, co udělat.",
  },

  stockRun: {
    krosItems: (n: number) => `KROS: ${n} ${plural(n, "položka", "položky", "položek")} katalogu`,
    shopProducts: (shop: string, n: number) =>
      `${shop}: ${n} ${plural(n, "produkt", "produkty", "produktů")}`,
    dryNothing: "Zkušební běh: nic by se nezapsalo.",
    dryDone: "Zkušební běh: nic nebylo zapsáno.",
    columns: { code: "kód", name: "název", shop: "e-shop", new: "nově" },
    refused: (shop: string, code: string, reason: string) => `${shop} odmítl ${code}: ${reason}`,
    summary: (shop: string, written: number, unchanged: number, failed: number) =>
      `KROS → ${shop}: zapsáno ${written}, beze změny ${unchanged}, selhalo ${failed}`,
    noReadableStock: (problems: string) =>
      `Žádná položka KROS nemá zásobu, kterou by spojka přečetla. ${problems} Nic nebylo zapsáno.`,
    fieldsHint: "spojka help config vysvětluje [kros.fields]: KROS názvy svých polí nezveřejňuje, proto " +
      "jsou v nastavení.",
    noWarehouse: (warehouse: string, codes: string) =>
      `[stock] warehouse je „${warehouse}“, ale žádná položka KROS nemá sklad s tímto kódem (nalezené kódy: ` +
      `${codes}). Nic nebylo zapsáno.`,
    noWarehouseHint: "Opravte [stock] warehouse (přes spojka init), nebo ho vynechte pro všechny sklady.",
    shopUnreadable: (shop: string, why: string) =>
      `${shop} nelze přečíst (${why}); porovnávám s množstvími, která spojka naposledy odeslala.`,
    onlyIn: (side: string) => `Jen v ${side}`,
    unmatched: (title: string, n: number) => `${title}: ${n} (nejde o chyby: nemají protějšek)`,
    moreInLog: (n: number) => `  … a ${plural(n, "další", "další", "dalších")} ${n}, vypsané v log.txt`,
    toWrite: (n: number, unchanged: number) => `K zápisu: ${n}; už správně: ${unchanged}`,
    code: "kód",
    theShop: "e-shopu",
    krosItemsCount: (n: number) => `${n} ${plural(n, "položka", "položky", "položek")} KROS`,
    shopProductsCount: (n: number) => `${n} ${plural(n, "produkt", "produkty", "produktů")} e-shopu`,
    skipped: (what: string) => `${what}; přeskočeno.`,
    unreadableStock: (n: number) =>
      `${n} ${plural(n, "spárovaná položka", "spárované položky", "spárovaných položek")} KROS bez čitelné ` +
      "zásoby; e-shop u nich ponechá, co ukazuje.",
    keyless: (records: string, label: string) => `${records} bez údaje ${label}; přeskočeno.`,
    duplicate: (label: string, key: string, n: number, side: string, names: string) =>
      `${label} ${key} je v ${side} ${n}× (${names}); přeskočeno.`,
    fieldProblem: (count: number, total: number, what: string, key: string) =>
      `${count} z ${total} položek KROS ${what}; zkontrolujte [kros.fields] ${key}.`,
    noField: (field: string) => `nemá „${field}“`,
    noList: (field: string) => `nemá seznam „${field}“`,
    noQuantity: (field: string) => `má sklad bez čísla v „${field}“`,
    inKros: "\nV KROS (Nastavenia → API prepojenia → toto propojení) zadejte:",
    publicUrl: "  KROS volá tuto adresu z internetu: nastavte [serve] public_url na adresu, která vede na " +
      "`spojka serve` (přesměrování portu nebo tunel), a spusťte spojka init znovu, abyste viděli adresu k zadání.",
  },

  kros: {
    badToken: (said: string) => `KROS odmítl token (HTTP 401)${said}.`,
    badTokenHint: "Je chybný, nebo byl v KROS změněn. Vygenerujte nový (Nastavenia → API prepojenia → " +
      "Vygenerovať token) a zadejte ho přes spojka init.",
    noApiModule: (said: string) => `Tarif KROS této firmy nezahrnuje modul API (HTTP 402)${said}.`,
    noApiModuleHint:
      "Přidejte do tarifu KROS modul API (API prepojenie), nebo přejděte na tarif, který ho zahrnuje.",
    http: (status: number, said: string) => `KROS odpověděl HTTP ${status}${said}.`,
    noList: (path: string) => `KROS odpověděl na ${path} bez očekávaného seznamu {"data": [...]}.`,
  },

  eshop: {
    answered: (shop: string, status: number, path: string, said: string) =>
      `${shop} odpověděl HTTP ${status} na ${path}${said}.`,
    shoptetCheck: (warehouses: number, target: number, isDefault: boolean) =>
      `${warehouses} ${
        plural(warehouses, "sklad", "sklady", "skladů")
      }; zásoby se zapisují do skladu ${target}` +
      (isDefault ? ", výchozího skladu e-shopu" : ""),
    shoptetNoWarehouses: "Shoptet odpověděl na /api/stocks bez seznamu skladů.",
    shoptetDetails: (n: number) =>
      `Shoptet: čtu detaily ${n} ${plural(n, "produktu", "produktů", "produktů")} kvůli jejich EAN`,
    shoptetProductSet: "sada produktů, jejíž zásoba se řídí jejími položkami",
    shoptetUnplaced: (said: string) => `Shoptet ohlásil ${said}, aniž by uvedl produkt`,
    shoptetToken: (status: number, said: string) => `Shoptet odmítl API token (HTTP ${status})${said}.`,
    shoptetTokenHint:
      "Zkontrolujte soukromý API token (e-shopy Premium: administrace → Propojení → Přístup k API) a jeho " +
      "práva ke skladům a produktům a zadejte ho přes spojka init.",
    wooCheck: (n: number | undefined) =>
      n === undefined ? "nějaké produkty" : `${n} ${plural(n, "produkt", "produkty", "produktů")}`,
    wooProducts: (n: number) => `WooCommerce: produkty a varianty: ${n}`,
    wooNotMentioned: "WooCommerce ho ve své odpovědi nezmínil",
    wooNotJson: (path: string, said: string) =>
      `WooCommerce odpověděl na ${path} něčím jiným než odpovědí JSON${said}.`,
    wooNotJsonHint: "Před REST API může stát bezpečnostní plugin, firewall nebo stránka údržby.",
    wooKeys: (status: number, said: string) =>
      `WooCommerce odmítl consumer key nebo consumer secret (HTTP ${status})${said}.`,
    wooKeysHint:
      "Vytvořte klíč REST API s oprávněním Čtení/zápis (WooCommerce → Nastavení → Pokročilé → REST API) a " +
      "zadejte ho přes spojka init.",
  },

  connectorRun: {
    notSetUp: (id: string) => `Konektor ${id} není v config.toml nastaven.`,
  },

  keyFile: {
    damaged: (path: string) => `Soubor s klíčem ${path} je poškozený.`,
    damagedHint: "Obnovte ho ze zálohy, nebo ho smažte a spusťte spojka init, abyste hesla zadali znovu.",
  },

  serveRun: {
    entities: (n: number) => `${n} ${plural(n, "entita", "entity", "entit")}`,
    notifiedStatus: (status: string) => `stav ${status}`,
    notification: (source: string, summary: string, id: string, seconds: number) =>
      `Notifikace ${source} (${summary}): synchronizace ${id} následuje za ${seconds} s`,
    cannotListen: (listen: string, why: string) => `spojka serve nemůže naslouchat na ${listen}: ${why}.`,
    cannotListenHint:
      "Tento port používá jiný program (nebo jiný spojka serve); nastavte [serve] listen na jiný port.",
    every: (id: string, minutes: number) =>
      `${id}: ${plural(minutes, "každou minutu", `každé ${minutes} minuty`, `každých ${minutes} minut`)}`,
    andNotifications: (source: string, path: string) => ` a při notifikacích ${source} na ${path}`,
    listening: (listen: string) =>
      `Naslouchám na http://${listen} (GET /healthz). Ukončíte klávesami Ctrl+C.`,
    stopping: "Končím: čekám, až doběhne probíhající běh (dalším Ctrl+C skončím hned).",
    stopped: "Ukončeno.",
    stateUnreadable: (why: string) => `stav spojky nelze přečíst: ${why}`,
    tryingAgain: (message: string, seconds: number) => `${message} Zkusím to znovu za ${seconds} s.`,
    configGone: "config.toml zmizel.",
    cannotStart: (why: string) => `Běh nemohl začít: ${why}`,
    refused: (n: number, seconds: number, kinds: string) =>
      plural(n, `Odmítnut ${n} požadavek`, `Odmítnuty ${n} požadavky`, `Odmítnuto ${n} požadavků`) +
      ` za posledních ${seconds} s: ${kinds}.`,
    refusalCount: (n: number, refusal: string) => `${n}× ${refusal}`,
    refusal: {
      badSignature: (header: string) => `s chybnou nebo chybějící hlavičkou ${header}`,
      notANotification: "s podpisem, ale ne jako notifikace JSON",
      notFound: "na jinou adresu nebo jinou metodou",
      tooLarge: (headKiB: number, bodyKiB: number) =>
        `nad limit velikosti (přes ${headKiB} KiB hlaviček nebo ${bodyKiB} KiB těla)`,
      slow: (seconds: number) => `bez úplného přenosu do ${seconds} s`,
      busy: (connections: number) => `při ${connections} otevřených spojeních`,
      malformed: "v jiném formátu než HTTP/1.1",
      unaccepted: "spojení, které systém nepřijal",
    },
    unsignedHint: "Pokud ty nepodepsané poslal KROS, autorizační klíč zadaný v KROS není klíč spojky: " +
      "spojka init ukáže ten, který je třeba zadat.",
    replays: (n: number) =>
      plural(
        n,
        `Ignorována ${n} opakovaná notifikace KROS`,
        `Ignorovány ${n} opakované notifikace KROS`,
        `Ignorováno ${n} opakovaných notifikací KROS`,
      ) + " (odpověď 200; každá už spustila svou synchronizaci).",
  },
  http: {
    retrying: (problem: string, attempt: number, of: number, wait: string) =>
      `${problem}; pokus ${attempt} z ${of}, znovu za ${wait}`,
    answered: (service: string, status: number) => `${service} odpověděl HTTP ${status}`,
    redirects: (service: string, url: string, to: string) => `${service} přesměrovává ${url} na ${to}.`,
    redirectsHint:
      "Zadejte tuto adresu přes spojka init (záleží na http/https i na www.) a spusťte spojku znovu.",
    stalled: (service: string, origin: string, timeout: string) =>
      `${service} na ${origin} přestal posílat odpověď na ${timeout}`,
    timeout: (service: string, origin: string, timeout: string) =>
      `${service} na ${origin} neodpověděl do ${timeout}`,
    brokeOff: (service: string, origin: string, why: string) =>
      `odpověď ${service} na ${origin} se přerušila: ${why}`,
    refused: (service: string, origin: string) =>
      `nelze se spojit s ${service} na ${origin}: spojení bylo odmítnuto (běží? na tomto portu?)`,
    unknownHost: (service: string, host: string) =>
      `server ${service} ${host} nelze najít: název nejde přeložit (zkontrolujte adresu)`,
    tls: (service: string, origin: string, why: string) =>
      `zabezpečené spojení s ${service} na ${origin} selhalo: ${why}`,
    unreachable: (service: string, origin: string, why: string) =>
      `${service} na ${origin} není dostupný: ${why}`,
    webPage: (title: string) => `webová stránka s názvem ${title}`,
  },
  outboxRun: {
    empty: "Fronta k odeslání je prázdná: cíl potvrdil každou staženou položku.",
    more: (n: number, failedOnly: boolean) =>
      `… a ${plural(n, "další", "další", "dalších")} ${n}: spojka outbox list --all vypíše všechny` +
      (failedOnly ? "." : ", --failed jen ty, které selhaly."),
    commands: "spojka outbox show <číslo> ukáže položku i s jejím XML; retry <číslo> ji hned odešle; " +
      "drop <číslo> ji odstraní.",
    payload: (itemId: string) =>
      `Obsah (posílá se uvnitř <dat:dataPackItem id="${itemId}">, v kódování windows-1250):`,
    retryNeeds: "outbox retry potřebuje buď položku, nebo --failed.",
    retryNeedsHint: "spojka outbox retry <číslo> tu položku hned odešle; spojka outbox retry --failed " +
      "odešle všechny položky, které selhaly.",
    noFailed: "Ve frontě nečeká žádná položka, která by selhala.",
    heldConsequence: "spojka ji přestane hlásit; nic z ní nebylo odesláno a nic z ní se neuchovává.",
    consequence: (source: string | undefined) =>
      `Nebude naimportována, dokud ji ${source ?? "její zdroj"} znovu nevyexportuje.`,
    noTerminal: "outbox drop potřebuje potvrzení a není tu terminál, kde by se mohla zeptat.",
    addYes: (name: string, consequence: string) => `Přidejte --yes a ${name} se odstraní. ${consequence}`,
    question: (name: string, consequence: string) => `Odstranit ${name} z fronty? ${consequence}`,
    nothingDropped: "Nic nebylo odstraněno.",
    cancelled: "Zrušeno; nic nebylo odstraněno.",
    by: (who: string | undefined) => who ? `uživatel ${who}` : "neznámý uživatel (USERNAME není nastaveno)",
    dropDetail: (by: string, reason: string | undefined) =>
      `z fronty odstranil ${by}` + (reason ? `; poslední důvod byl: ${reason}` : ""),
    changed: (name: string) =>
      `Položka ${name} se mezitím změnila: synchronizace ji potvrdila nebo znovu stáhla. Nic nebylo ` +
      "odstraněno.",
    changedHint: (query: string) => `spojka outbox show ${query} ukáže, zda ještě čeká.`,
    dropped: (name: string, key: string, by: string, consequence: string) =>
      `Z fronty odstraněno: ${name} (klíč ${key}); požádal o to ${by}. ${consequence}`,
    matches: (query: string, total: number, candidates: string) =>
      `„${query}“ odpovídá ${total} čekajícím položkám:\n${candidates}`,
    candidatesMore: (n: number) => `  … a ${plural(n, "další", "další", "dalších")} ${n}`,
    matchesHint: "Uveďte jednu z nich jejím klíčem (jak je vypsán výše) nebo delší částí jejího čísla.",
    heldNothing: (name: string, reason: string) =>
      `Položka ${name} je zadržená a nic z ní se neuchovává, co by šlo odeslat: ${reason}`,
    gone: (query: string) => `Žádná čekající položka neodpovídá „${query}“.`,
    goneHint: "spojka outbox list ukáže, co čeká. Položku, která už tam není, cíl potvrdil, nebo byla " +
      "odstraněna: spojka status ukáže poslední běhy.",
    stays: (what: string) => `${what}. Zůstává ve frontě; každá synchronizace ji zkusí znovu.`,
    left: (what: string) => `${what}. Opustila frontu.`,
    outcomesMore: "… a další: spojka status --items vypíše každou položku.",
    notSetUp: (id: string) => `Konektor ${id}, který odesílá frontu, není v config.toml nastavený.`,
    headings: {
      failed: "Selhaly (cíl je odmítl; každá synchronizace je zkusí znovu):",
      held: "Zadržené (vynechané z exportu, nikdy neodeslané; každá zůstane, dokud ji neopravíte nebo " +
        "neodstraníte):",
      pending: "Čekají (ještě neodeslané, nebo odpověď nebyla jistá):",
    },
    counts: (pending: number, failed: number, held: number) =>
      `čeká ${pending}, selhalo ${failed}` + (held > 0 ? `, zadrženo ${held}` : ""),
    status: { failed: "selhala", held: "zadržená", pending: "čeká" },
    held: "zadržená",
    notSentYet: "ještě neodeslaná",
    attempts: (n: number, last: string) => `${n} ${plural(n, "pokus", "pokusy", "pokusů")}, poslední ${last}`,
    item: (name: string, tried: string, queued: string) => `  ${name}: ${tried}; ve frontě od ${queued}`,
    reason: (reason: string) => `    důvod: ${reason}`,
    statusLong: {
      failed: "selhala: cíl ji odmítl; každá synchronizace ji zkusí znovu",
      held: "zadržená: vynechaná z exportu, nikdy neodeslaná",
      pending: "čeká: ještě neodeslaná, nebo odpověď nebyla jistá",
    },
    field: {
      status: "stav",
      reason: "důvod",
      attempts: "pokusy",
      lastAttempt: "poslední pokus",
      firstQueued: "ve frontě od",
      connector: "konektor",
      key: "klíč",
      itemId: "id položky",
    },
  },
  verifyRun: {
    noPohoda: "POHODA není v config.toml nastavená, takže není co ověřovat.",
    noPohodaHint: "Spusťte spojka init a zvolte FLOWii → POHODA.",
    badSince: (value: string) => `--since ${value} není datum.`,
    badSinceHint: "Zadejte den jako RRRR-MM-DD, např. --since 2026-03-01.",
    listing: (agenda: string, count: number) => `Načítám z POHODY agendu ${agenda} (kontroluji ${count})`,
    headings: {
      missing: "V POHODĚ chybí",
      duplicated: "V POHODĚ vícekrát",
      mismatched: "V POHODĚ jinak",
    },
    checked: (documents: number, since: string | undefined, partners: number) =>
      `Porovnáno s POHODOU: ${documents} ${plural(documents, "doklad", "doklady", "dokladů")}` +
      (since ? ` (potvrzené od ${since})` : "") +
      `, ${partners} ${plural(partners, "partner", "partneři", "partnerů")}.`,
    ledgerStarts: (at: string) =>
      `spojka vede záznam, podle kterého kontroluje, od ${at}; co potvrdila dříve, se nekontroluje.`,
    notChecked: (count: number, agenda: string) =>
      `${count} ${plural(count, "položka", "položky", "položek")} (${agenda}) ${
        plural(count, "nemá", "nemají", "nemá")
      } nic, podle čeho by ` +
      `šlo v POHODĚ hledat (číslo, id), a ${
        plural(count, "nebyla zkontrolována", "nebyly zkontrolovány", "nebylo zkontrolováno")
      }.`,
    nothingYet: "spojka zatím nic nepotvrdila, takže není co kontrolovat.",
    allAgree: "Vše souhlasí: každý je v POHODĚ jednou, se stejným číslem, IČO partnera i celkovou částkou.",
    more: (n: number) =>
      `  … a ${plural(n, "další", "další", "dalších")} ${n} (spojka verify --json vypíše všechny)`,
    problems: (n: number) =>
      `${n} ${plural(n, "problém", "problémy", "problémů")}. Dohledejte je v POHODĚ: spojka znovu ` +
      "neimportuje doklad, který POHODA měla (ani smazaný), a nic v ní nemění ani neodstraňuje.",
    confirmed: (imported: boolean, at: string) =>
      `${imported ? "naimportováno" : "nalezeno už v POHODĚ"} ${at}`,
    records: (n: number, records: string) => `${n} ${plural(n, "záznam", "záznamy", "záznamů")}: ${records}`,
    notFound: (confirmed: string) => `v POHODĚ nenalezeno (${confirmed})`,
    noIdentity: "bez identifikace",
    byExtId: (system: string, ids: string) => `hledáno podle id ${system} ${ids}`,
    byIco: (ico: string) => `hledáno podle IČO ${ico}`,
    pohodaId: (id: string) => `id v POHODĚ ${id}`,
    icoDiffers: (ours: string | undefined, theirs: string | undefined) =>
      `IČO partnera zde ${ours ?? "žádné"}, v POHODĚ ${theirs ?? "žádné"}`,
    currencyDiffers: (ours: string | undefined, theirs: string | undefined) =>
      `měna zde ${ours ?? "domácí"}, v POHODĚ ${theirs ?? "domácí"}`,
    totalDiffers: (ours: string, theirs: string) => `celkem zde ${ours}, v POHODĚ ${theirs}`,
    unknown: "neznámá",
    total: (amount: string) => `celkem ${amount}`,
    noNumber: "(bez čísla)",
  },
  progress: {
    decimal: ",",
    unit: "položek",
    eta: (time: string) => `zbývá ${time}`,
    amountOf: (count: string, total: string) => `${count} z ${total}`,
    left: (time: string) => `zbývá asi ${time}`,
  },
  alerts: {
    on: (host: string | undefined) => host ? ` na počítači ${host}` : "",
    details: (dir: string, on: string, logFile: string) =>
      `Podrobnosti: spusťte "spojka status" v datové složce ${dir}${on}; log je ${logFile}.`,
    recoverySubject: (title: string, on: string) => `[spojka] ${title} znovu funguje${on}`,
    recoveryIntro: (title: string, on: string, when: string) =>
      `Běh ${title}${on}, který skončil ${when}, proběhl:`,
    ended: {
      failed: (since: string) => `už nekončí chybou (poprvé nahlášeno ${since})`,
      rejected: (since: string) =>
        `žádná položka nebyla odmítnuta (odmítnuté položky poprvé nahlášeny ${since})`,
    },
    lasted: (since: string) => `Trvá to od ${since}.`,
    promise: (hours: number) =>
      `spojka se ozve znovu, pokud to potrvá ještě ${
        hours === 1 ? "hodinu" : `${hours} ${plural(hours, "hodinu", "hodiny", "hodin")}`
      }, a dá vědět, až běh proběhne v pořádku.`,
    failedSubject: (title: string, reminder: boolean, on: string) =>
      `[spojka] ${title} ${reminder ? "stále selhává" : "selhal"}${on}`,
    failedIntro: (title: string, on: string, when: string, code: number) =>
      `Běh ${title}${on} se ${when} zastavil s chybou (kód ukončení ${code}):`,
    nothingLost: "Nic se neztratilo: další běh to zkusí znovu.",
    rejectedSubject: (title: string, n: number, on: string) =>
      `[spojka] ${title}: ${n} ${
        plural(n, "odmítnutá položka", "odmítnuté položky", "odmítnutých položek")
      }${on}`,
    rejectedIntro: (title: string, on: string, when: string, n: number) =>
      `Běh ${title}${on}, který skončil ${when}, nemohl doručit ${n} ${
        plural(n, "položku", "položky", "položek")
      }:`,
    rejectedMore: (n: number) =>
      `- a ${plural(n, "další", "další", "dalších")} ${n} ("spojka status --items" vypíše všechny).`,
    eachReason: "Každý důvod říká, co opravit; jakmile to opravíte, další běh položku převezme.",
    sent: (channel: string, subject: string) => `Upozornění odesláno (${channel}): ${subject}`,
    notSent: (channel: string, subject: string, why: string) =>
      `Upozornění „${subject}“ se nepodařilo odeslat (${channel}): ${why} Zkusí se znovu po dalším běhu.`,
    broken: (why: string) => `Upozornění nešlo připravit: ${why} Na výsledek běhu to nemá vliv.`,
    webhookUnencrypted:
      "Upozornění: [alerts] webhook_url je v config.toml uložená nešifrovaně, jak ji zapsala dřívější " +
      "spojka. Spusťte spojka init (stačí nic neměnit) a uloží se šifrovaně.",
    webhook: "webhook upozornění",
    webhookAnswered: (origin: string, status: number, body: string) =>
      `webhook upozornění na ${origin} odpověděl ${status}${body}.`,
    signedIn: (user: string) => `, přihlášeno jako ${user}`,
    smtpAuth: (server: string, said: string) =>
      `SMTP server ${server} odmítl přihlášení (smtp_user, smtp_password): ${said}`,
    smtpTls: (server: string, said: string) =>
      `SMTP server ${server} nedokázal zabezpečit spojení (smtp_security): ${said}`,
    smtpEnvelope: (server: string, said: string) =>
      `SMTP server ${server} odmítl odesílatele nebo příjemce (email_from, email_to): ${said}`,
    smtpUnreachable: (server: string, said: string) =>
      `SMTP server ${server} není dostupný (smtp_host, smtp_port, smtp_security): ${said}`,
    smtpOther: (server: string, said: string) => `SMTP server ${server} zprávu nepřevzal: ${said}`,
  },
  pohodaLink: {
    year: (year: string) => `rok ${year}`,
    answersFor: (unit: string | undefined) => unit ? `odpovídá za ${unit}` : "odpovídá",
    localhost: "localhost se může přeložit na IPv6 adresu ::1, na které mServer neposlouchá. Uveďte v " +
      "[pohoda] url 127.0.0.1.",
    badLogin: (said: string) => `POHODA odmítla uživatelské jméno nebo heslo (HTTP 401)${said}.`,
    badLoginHint:
      "Zkontrolujte [pohoda] user a password přes spojka init; uživatel musí v této účetní jednotce existovat.",
    noAccess: (said: string) => `POHODA odmítla přístup k účetní jednotce (HTTP 403)${said}.`,
    noAccessHint: "Dejte uživateli práva otevřít účetní jednotku a importovat XML.",
    noAddress: (url: string) => `mServer takovou adresu nemá: ${url} (HTTP 404).`,
    noAddressHint: "URL musí končit /xml, např. http://127.0.0.1:444/xml.",
    http: (status: number, said: string) => `mServer odpověděl HTTP ${status}${said}.`,
    lookupPurpose: "Dohledání dokladu podle čísla",
    listsNeedMServer: (purpose: string) =>
      `${purpose} potřebuje POHODA mServer: výměna souborů /XML (transport = "xml-folder") na požadavky ` +
      "na seznamy neodpovídá",
    listsNeedMServerHint: 'Nastavte konfiguraci mServeru a pro ni [pohoda] transport = "mserver", nebo ' +
      "zkontrolujte POHODU ručně.",
    cannotStart: (exe: string, why: string) => `spojka nemůže spustit POHODU: ${exe} (${why}).`,
    exeHint: "Nastavte [pohoda] exe na Pohoda.exe ve složce programu POHODA (spusťte spojka init), nebo ho " +
      "vynechte a spouštějte POHODU sami (spojka help config, [pohoda] transport).",
    otherUnit: (database: string, unitIco: string, ico: string) =>
      `[pohoda] database ${database} je účetní jednotka IČO ${unitIco}, ale [pohoda] ico je ${ico}.`,
    otherUnitHint: (example: string) => `Uveďte účetní jednotku této firmy, např. database = "${example}".`,
    sameFolder: (dir: string) => `[pohoda] input_dir i response_dir jsou obě ${dir}.`,
    sameFolderHint: "Dejte odpovědím POHODY vlastní složku, nebo obě vynechte a platí výchozí.",
    where: (input: string, response: string) => `balíky jdou do ${input} a odpovědi POHODY do ${response}`,
    runYourself: (where: string, partners: string, documents: string) =>
      `${where}; spusťte na ně POHODU s ${partners}, pak s ${documents} (spojka help config, [pohoda] ` +
      "transport)",
    startsExe: (exe: string, database: string, where: string) =>
      `spojka spouští ${exe} pro účetní jednotku ${database}; ${where}. Uživatele a heslo POHODA ` +
      "zkontroluje při prvním importu",
    notAProgram: (exe: string, exists: boolean) =>
      `[pohoda] exe ${exe} ${exists ? "není program" : "neexistuje"}.`,
    quote: 'Uživatelské jméno nebo heslo POHODY obsahuje uvozovky ("), které nejde předat Pohoda.exe.',
    quoteHint: "Dejte uživateli POHODY heslo bez uvozovek a pak spusťte spojka init.",
    exeEnded: (code: number | undefined, answer: string) =>
      `Pohoda.exe skončila (kód ukončení ${code}) a nezapsala odpověď ${answer}.`,
    exeEndedHint: (command: string) =>
      "Položky balíku čekají ve frontě a další běh spustí POHODU na stejný balík znovu; kontrola duplicity " +
      "v POHODĚ pozná, co už naimportovala. Pokud se to opakuje, důvod ukáže log importů XML v POHODĚ, " +
      `nebo příkaz spuštěný ručně (${command}).`,
    exeRunning: (seconds: number) =>
      `Pohoda.exe neskončila do ${seconds} sekund ([pohoda] exe_timeout_seconds). spojka přestala čekat, ` +
      "ale nechává POHODU běžet: zastavit ji uprostřed importu by mohlo poškodit její data.",
    exeRunningHint: (minutes: number) =>
      "Podívejte se na tomto počítači po okně POHODY, které čeká na odpověď. Další běh přečte odpověď " +
      `POHODY, pokud už bude zapsaná; jinak se POHODA na balík spustí znovu po ${minutes} ${
        plural(minutes, "minutě", "minutách", "minutách")
      }.`,
    sendAgain: (why: string, n: number) => `${why}; znovu se posílá: ${items(n)}.`,
    packGone: (pack: string) => `${pack} zmizel bez odpovědi`,
    notAnswer: (answer: string, problem: string) => ` (${answer} není odpověď: ${problem})`,
    notAnswered: (pack: string, minutes: number, unread: string) =>
      `POHODA na ${pack} neodpověděla za ${minutes} ${plural(minutes, "minutu", "minuty", "minut")}${unread}`,
    unreadable: (path: string, why: string) => `POHODA: ${path} nejde přečíst (${why}); odstraněno.`,
  },
  pohodaList: {
    notSent: (reason: string) => `Požadavek na seznam nešlo odeslat: ${reason}`,
    notXml: (why: string) => `není to XML (${why})`,
    notResponsePack: (root: string) => `očekáván rsp:responsePack, nalezen <${root}>`,
    refused: (note: string) => `POHODA odmítla požadavek na seznam: ${note}.`,
    notAResponse: (problem: string) =>
      `mServer na požadavek na seznam neodpověděl odpovědí POHODY: ${problem}.`,
    cannotList: (reason: string) => `POHODA nemohla vypsat záznamy: ${reason}.`,
    parts:
      "POHODA rozdělila odpověď se seznamem na části (soubory), které spojka přes mServer přečíst neumí.",
    samePage:
      "POHODA odpověděla na další stránku seznamu záznamy, které už poslala (nepoužívá ftr:idFrom), " +
      "takže seznam nejde dokončit.",
    noIds: "Odpověď POHODY se seznamem neuvádí id záznamů, takže ji nejde číst po stránkách.",
    notMentioned: "Odpověď POHODY na požadavek na seznam ho nezmiňuje.",
  },
  fieldCheck: {
    agendaElement: "prvek agendy",
    nul: "znak NUL (U+0000)",
    control: (codePoint: string) => `řídicí znak ${codePoint}`,
    damaged: (codePoint: string, letter: string) =>
      `řídicí znak ${codePoint} (často písmeno „${letter}“ poškozené špatnou znakovou sadou)`,
    undefinedByte: (codePoint: string, byte: string) =>
      `znak ${codePoint} (bajt 0x${byte}, který windows-1250 nedefinuje)`,
    outside: (char: string, codePoint: string) => `„${char}“ (${codePoint}, není ve windows-1250)`,
    tooLong: (field: string, length: number, limit: number, excerpt: string) =>
      `${field}: ${length} ${plural(length, "znak", "znaky", "znaků")} a POHODA tu přijme nejvýše ${limit} ` +
      `(„${excerpt}“). Zkraťte text ve FLOWii.`,
    cannotTake: (field: string, what: string, excerpt: string, invisible: boolean) =>
      `${field}: POHODA nepřijme ${what} v „${excerpt}“. Opravte text ve FLOWii` +
      (invisible ? " (znak je neviditelný: přepište text kolem něj)." : "."),
    removed: (field: string, what: string, excerpt: string) => `${field}: odstraněn ${what} z „${excerpt}“`,
    more: (n: number) => `(a ${n} ${plural(n, "další", "další", "dalších")})`,
    transliterate:
      'U znaků můžete místo toho nastavit v [pohoda] unsupported_characters = "transliterate": ' +
      "spojka pak písmena, která windows-1250 nemá, nahradí základním písmenem a řídicí znaky odstraní, " +
      "vždy s poznámkou.",
    cutShort: (token: string) => `XML položky je neúplné (chybí ${token})`,
    cutShortTag: "XML položky je neúplné (uprostřed počáteční značky)",
    cutShortAttribute: "XML položky je neúplné (uprostřed atributu)",
  },
  pohodaAnswer: {
    refusedWithoutWhy: "POHODA odmítla balíček bez udání důvodu",
    noDetails: "POHODA ohlásila chybu bez podrobností",
    noText: "(bez textu)",
    record: "záznam",
    importedBefore: (agenda: string, number: string | undefined, id: string) =>
      `dříve importováno jako ${[agenda, number].filter(Boolean).join(" ")} (id ${id})`,
    unanswered: (why: string) =>
      `odpověď POHODY o něm nic neříká; ${why}: zůstává ve frontě a při příštím běhu se odešle znovu, ` +
      "a pokud do POHODY dorazil, POHODA ho pozná",
    unansweredNoNumber: "nelze ho dohledat podle čísla dokladu",
    unansweredLookupFailed: (why: string) => `dohledání selhalo (${why})`,
    unansweredNone: (agenda: string, number: string) => `POHODA nemá v agendě ${agenda} doklad ${number}`,
    unansweredSeveral: (n: number, number: string) =>
      `POHODA má ${n} ${plural(n, "doklad", "doklady", "dokladů")} s číslem ${number}`,
    unansweredOther: (theirs: string, differ: string) => `v POHODĚ je ${theirs} jiný doklad (${differ})`,
    deletedSince: "dříve importováno a mezitím v POHODĚ smazáno",
    numberExists: (detail: string) => `číslo v POHODĚ už existuje: ${detail}`,
    cannotLookUp: (detail: string) =>
      `${detail}. spojka nemůže tento záznam v POHODĚ dohledat, proto ho nepočítá jako importovaný: ` +
      "ověřte v POHODĚ, zda tam je.",
    lookupFailed: (detail: string, why: string) =>
      `${detail}. Dohledání čísla v POHODĚ selhalo (${why}); při příštím běhu se ověří znovu.`,
    notListed: (number: string, agenda: string) =>
      `POHODA hlásí, že číslo ${number} existuje, ale v agendě ${agenda} s ním žádný doklad nevypisuje; ` +
      "doklad se při příštím běhu odešle znovu.",
    usedBy: (number: string, n: number, documents: string) =>
      `číslo ${number} má v POHODĚ ${n} ${plural(n, "doklad", "doklady", "dokladů")}: ${documents}. ` +
      "Tento doklad nebyl importován; zkontrolujte je v POHODĚ.",
    takenByOther: (number: string, theirs: string, ours: string, differ: string) =>
      `číslo ${number} má v POHODĚ jiný doklad: POHODA má ${theirs}, tento je ${ours} (${differ}). ` +
      "Nebyl importován: dejte mu ve FLOWii jiné číslo, nebo opravte ten v POHODĚ.",
    sameDocument: (withTotal: boolean, document: string) =>
      `jeho číslo už v POHODĚ existuje jako tentýž doklad (${
        withTotal ? "IČO partnera a celková částka se shodují" : "IČO partnera se shoduje"
      }): ${document}`,
  },
  mserverCheck: {
    noStatusPage: "mServer nemá stavovou stránku (GET /status); kontroly před importem byly přeskočeny.",
    busy: (state: string, processing: number | undefined) =>
      `mServer je ve stavu ${state}${
        processing
          ? `, ve frontě má ${processing} ${plural(processing, "požadavek", "požadavky", "požadavků")}`
          : ""
      }; balíčky spojky čekají, až na ně přijde řada.`,
    otherUnit: (url: string, unitIco: string, unit: string, ico: string) =>
      `mServer na ${url} obsluhuje účetní jednotku s IČO ${unitIco}${unit ? ` (${unit})` : ""}, ` +
      `ale [pohoda] ico je ${ico}.`,
    otherUnitHint:
      "Nasměrujte [pohoda] url na konfiguraci mServeru správné firmy a správného roku, nebo opravte IČO.",
    noIco: "mServer neuvedl, které IČO obsluhuje; POHODA ho zkontroluje při importu.",
    statusNotXml: "Stavová stránka mServeru není XML; přeskočeno",
  },
  pohodaFiles: {
    lineBreak: (line: string) => `Nastavení v INI souboru pro POHODU obsahuje zalomení řádku: ${line}`,
    lacking: (chars: string) =>
      `Název složky nebo databáze pro POHODU obsahuje ${chars}, což INI soubor POHODY (windows-1250) ` +
      "neumí uložit.",
    lackingHint: "Zvolte [pohoda] input_dir, response_dir a database bez těchto znaků.",
    wrote: (path: string) => `POHODA: zapsán ${path}`,
    starting: (exe: string, ini: string) => `POHODA: spouštím ${exe} /XML se souborem ${ini}`,
  },
  pohodaExport: {
    notDataPack: (root: string) => `očekáván dataPack POHODY (verze 2), nalezen <${root}>`,
    unknownAgenda: (name: string) =>
      `u tohoto druhu záznamu (<${name}>) spojka nedokáže zabránit, aby ho POHODA importovala dvakrát, ` +
      "proto byl vynechán: spojka importuje faktury, zálohy, objednávky a partnery. Potřebujete-li ho, " +
      "zadejte ho do POHODY ručně.",
    noIdentity: "nemá číslo ani externí id, takže by POHODA nerozeznala jeho změněnou verzi od nového " +
      "dokladu a importovala by ho dvakrát; byl vynechán. Dejte mu číslo ve FLOWii: jakmile ho FLOWii " +
      "znovu vyexportuje, spojka ho importuje.",
    transliterated: (value: string, fixed: string, chars: string) =>
      `„${value}“ odesláno jako „${fixed}“ (windows-1250 nemá ${chars})`,
    record: (n: number) => `záznam ${n}`,
    unknownEncoding: (label: string) => `XML uvádí kódování „${label}“, které spojka nezná`,
    notUtf8: "XML uvádí UTF-8, ale jeho bajty nejsou platné UTF-8 (není to windows-1250?)",
    badBom: (encoding: string) =>
      `XML začíná značkou pořadí bajtů (BOM) ${encoding}, ale jeho bajty nejsou platné ${encoding} ` +
      "(chybí bajt na konci, nebo půlka dvojice znaků)",
  },
  xmlSyntax: {
    at: (message: string, line: number, column: number) => `${message} (řádek ${line}, sloupec ${column})`,
    inside: {
      tag: "značky",
      startTag: "počáteční značky",
      endTag: "koncové značky",
      comment: "komentáře",
      cdata: "sekce CDATA",
      pi: "instrukce pro zpracování",
      declaration: "deklarace",
      attributeValue: "hodnoty atributu",
    },
    endsInside: (what: string) => `dokument končí uprostřed ${what}`,
    noRoot: "dokument nemá kořenový prvek",
    markupTooLong: (max: number) => `značkování mimo záznamy je delší než ${max} znaků`,
    textOutside: (after: boolean) => `text ${after ? "za" : "před"} kořenovým prvkem`,
    bareAmpersand: "znak &, který nezačíná odkaz (& se zapisuje jako &amp;)",
    undefinedEntity: (name: string) =>
      `entita &${name}; není definována (spojka nepřijímá DTD; jen &lt; &gt; &amp; &quot; &apos; a &#…;)`,
    illegalCharacter: (name: string) => `&${name}; odkazuje na znak, který XML nepovoluje`,
    longName: (max: number) => `název delší než ${max} znaků`,
    bareLt: "znak <, který nezačíná prvek (< se zapisuje jako &lt;)",
    slashInside: (name: string) => `znak / uvnitř <${name}>`,
    badAttribute: (name: string) => `chybný zápis atributu v <${name}>`,
    noValue: (attr: string, name: string) => `atribut ${attr} prvku <${name}> nemá hodnotu (=)`,
    notQuoted: (attr: string, name: string) => `hodnota atributu ${attr} prvku <${name}> není v uvozovkách`,
    ltInValue: "znak < uvnitř hodnoty atributu",
    ltInside: (name: string) => `znak < uvnitř <${name}>`,
    secondRoot: (name: string) => `<${name}>: druhý prvek za kořenovým prvkem`,
    tooDeep: (max: number) => `prvky vnořené hlouběji než ${max}`,
    undeclared: (attr: string) => `${attr}="" (prefix nelze zrušit)`,
    repeatsAttribute: (name: string, attr: string) => `<${name}> opakuje atribut ${attr}`,
    badName: (name: string) => `<${name}> není platný kvalifikovaný název`,
    undeclaredPrefix: (name: string) => `prefix jmenného prostoru <${name}> není deklarován`,
    twoNamespaces: (name: string, prefix: string) =>
      `<${name}> používá prefix „${prefix}“ pro dva jmenné prostory zároveň`,
    closesNothing: (name: string) => `</${name}> neuzavírá žádný prvek`,
    endlessEndTag: "koncová značka, která nekončí",
    wrongEndTag: (found: string, expected: string) => `</${found}> tam, kde se čekalo </${expected}>`,
    badComment: "<!-, které nezačíná komentář",
    badCdata: "<![, které nezačíná sekci CDATA",
    cdataOutside: "sekce CDATA mimo kořenový prvek",
    dtd: "DOCTYPE nebo jiné značkování DTD: spojka nepřijímá DTD ani deklarace entit",
    malformed: "DTD nebo chybné značkování",
  },
  zip: {
    outside: (name: string) => `obsahuje položku s názvem „${name}“, který míří mimo svou složku`,
    unreadable: (why: string) => `není to čitelný zip (${why})`,
    tooManyEntries: (count: number, max: number) =>
      `obsahuje ${count} ${plural(count, "položku", "položky", "položek")}, víc než limit ${max}`,
    twoNamed: (name: string) => `obsahuje dva soubory s názvem „${name}“`,
    cannotUnpack: (file: string, why: string) => `${file} nelze rozbalit: ${why}`,
    notReadToEnd: (file: string) => `${file} nebyl dočten do konce`,
    wrongSize: "nerozbalí se na velikost, kterou uvádí jeho hlavička",
    checksum: "jeho obsah neodpovídá kontrolnímu součtu (zip je poškozený)",
    tooBig: (mib: number) => `rozbalený má víc než ${mib} MiB (max_unzipped_mb)`,
  },
  flowii: {
    badLogin: (said: string) => `FLOWii odmítl uživatelské jméno nebo heslo${said}.`,
    badLoginHint: "Zkontrolujte [flowii] user a password přes spojka init (přihlašovací e-mail a heslo " +
      "účtu FLOWii).",
    badKey: (said: string) => `FLOWii odmítl API klíč${said}.`,
    badKeyHint:
      "Zkopírujte API klíč znovu z FLOWii (Nastavenia → Rozšírenia → API) a zadejte ho přes spojka init.",
    noToken: (status: number, said: string) => `FLOWii nevydal token (HTTP ${status})${said}.`,
    noAccess: (stream: string, status: number, said: string) =>
      `FLOWii odmítl přístup k exportu (${stream}) (HTTP ${status})${said}.`,
    noAccessHint:
      "Uživatel API potřebuje přístup k firmě; zkontrolujte [flowii] company_id a práva uživatele ve FLOWii.",
    noExport: (stream: string, path: string, said: string) =>
      `FLOWii nemá export (${stream}) na ${path} (HTTP 404)${said}.`,
    noExportHint: "FLOWii cesty exportů nezveřejňuje; zkontrolujte [flowii.endpoints] (spojka help config).",
    exportFailed: (stream: string, status: number, said: string) =>
      `Export FLOWii (${stream}) selhal (HTTP ${status})${said}.`,
    noContentType: "něco bez typu obsahu",
    notAZip: (type: string, stream: string, said: string) =>
      `FLOWii poslal ${type} místo zipu (${stream})${said}.`,
    notAZipHint: "FLOWii může mít údržbu; další běh to zkusí znovu. Nic se neztratilo.",
    tokenObtained: (seconds: number) => `Token FLOWii získán, platí ${seconds} s`,
  },
  cursorTime: {
    neither: "není datum (2026-01-31, 31.1.2026, 2026-01-31 14:30) ani UNIX čas",
    before2000: (at: string) => `je ${at}, před rokem 2000`,
    future: (at: string) => `je ${at}, v budoucnosti`,
  },
};
