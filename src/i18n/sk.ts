/**
 * The Slovak message catalogue; its shape is checked against the English one.
 *
 * @module
 */

import type { Catalogue } from "./en.ts";
import { slavic as plural } from "./plural.ts";

const items = (n: number) => `${n} ${plural(n, "položka", "položky", "položiek")}`;

export const sk: Catalogue = {
  agenda: {
    addressbook: "Adresár",
    issuedInvoice: "Vydané faktúry",
    issuedCreditNotice: "Vydané faktúry (dobropis)",
    issuedDebitNote: "Vydané faktúry (ťarchopis)",
    issuedAdvanceInvoice: "Vydané zálohové faktúry",
    issuedProformaInvoice: "Vydané faktúry (proforma)",
    issuedCorrectiveTax: "Vydané faktúry (opravný daňový doklad)",
    penalty: "Ostatné pohľadávky (penále)",
    receivable: "Ostatné pohľadávky",
    receivedInvoice: "Prijaté faktúry",
    receivedCreditNotice: "Prijaté faktúry (dobropis)",
    receivedDebitNote: "Prijaté faktúry (ťarchopis)",
    receivedAdvanceInvoice: "Prijaté zálohové faktúry",
    receivedProformaInvoice: "Prijaté faktúry (proforma)",
    receivedCorrectiveTax: "Prijaté faktúry (opravný daňový doklad)",
    commitment: "Ostatné záväzky",
    receivedOrder: "Prijaté objednávky",
    issuedOrder: "Vydané objednávky",
    product: "Produkty e-shopu",
  },
  outcome: {
    fetched: "stiahnuté",
    imported: "importované",
    updated: "aktualizované",
    already_present: "už v POHODE",
    with_warnings: "importované s varovaním",
    failed: "zlyhalo",
    no_answer: "bez odpovede",
    unanswered: "bez odpovede",
    dropped: "odstránené",
    duplicate: "duplicita",
    named_twice: "dvakrát pod rovnakým označením",
    number_taken: "číslo je už obsadené",
    rejected: "odmietnuté",
    too_large: "príliš veľké",
    refused: "odmietnuté",
    transliterated: "prepísané bez nepodporovaných znakov",
  },
  nothing: "nič",

  cli: {
    description:
      "Prenáša dáta medzi FLOWii, KROS, e-shopmi a POHODOU. Návratové kódy: spojka help exit-codes.",
    dirOption: "dátový priečinok (predvolený: priečinok programu; prednosť má SPOJKA_HOME)",
    langOption: "jazyk správ: cs, sk alebo en (predvolený: language v config.toml, inak jazyk systému)",
    helpOption: "zobrazí tohto pomocníka",
    versionOption: "zobrazí verziu",
    afterError: "(spojka --help vypíše príkazy)",
    badLang: (given: string) => `--lang ${JSON.stringify(given)} nie je jazyk, ktorým spojka hovorí.`,
    badLangHint: "Použite --lang cs (čeština), --lang sk (slovenčina) alebo --lang en (English).",
    help: "pomocník k príkazu alebo k téme: config (popísaný config.toml), exit-codes (návratové kódy)",
    helpTopic: "príkaz, config alebo exit-codes",
    unknownTopic: (topic: string) => `spojka help nepozná príkaz ani tému „${topic}“.`,
    unknownTopicHint: "spojka help config, spojka help exit-codes alebo spojka help <príkaz>.",
    exitCodesTitle: "Návratové kódy spojky (pre skripty a „Výsledok posledného spustenia“ v Plánovači úloh):",
    init: "nastaví konektory: opýta sa na účty a heslá, uloží ich zašifrované",
    initNonInteractive: "vezme všetky hodnoty z premenných prostredia SPOJKA_*",
    initFromLastrun: "oba toky FLOWii začnú tam, kde skončil konektor dodávateľa (jeho lastrun.txt)",
    serve: "beží stále: synchronizuje v intervale každého konektora a na oznámenia KROS; GET /healthz",
    sync: "raz spustí nastavené konektory (alebo len uvedený: flowii, stock)",
    syncConnector: "spustí len tento konektor",
    syncDryRun: "stiahne a prevedie dáta, balíčky na odoslanie zapíše do priečinka, nič neodošle",
    syncOut: "kam --dry-run zapíše balíčky (predvolený: dry-run-<čas> v dátovom priečinku)",
    reset: "--cursor: ďalšia synchronizácia stiahne všetko znova; --all: odstráni konfiguráciu, kľúč a stav",
    resetCursor: "zabudne, kde každý tok pokračuje",
    resetTo: "s --cursor: FLOWii bude pokračovať od tohto dátumu (2026-01-31) alebo UNIXového času",
    resetAll: "odstráni config.toml, spojka.key a stav (logy a stiahnuté súbory zostanú)",
    resetNewState: "začne s prázdnym stavom tam, kde state.db chýba (sama to spojka neurobí)",
    yes: "nepýta sa na potvrdenie",
    schedule: "vypíše príkaz pre Plánovač úloh (na Linuxe cron a systemd), ktorý spojku pravidelne spúšťa",
    scheduleEvery: "spúšťať sync každých toľko minút (predvolené 30)",
    scheduleAt: "namiesto toho spúšťať sync raz denne v tento čas",
    scheduleServe: "namiesto toho spustiť spojka serve pri štarte počítača",
    scheduleName: "názov úlohy (predvolený spojka, alebo spojka-serve)",
    scheduleInstall: "Windows: úlohu hneď vytvorí (ako správca)",
    status: "ukáže čakajúce a neúspešné položky, posledné behy a kurzory (--verbose: aj konfiguráciu)",
    statusJson: "vypíše JSON pre skripty (každú položku posledných behov, ktorá vyžaduje pozornosť)",
    statusItems: "vypíše každú položku posledných behov, ktorá vyžaduje pozornosť, nielen prvých 20",
    statusVerbose: "ukáže aj konfiguráciu (heslá skryté)",
    verify: "overí, že POHODA má všetko, čo spojka potvrdila, raz, s rovnakým číslom, partnerom a sumou",
    verifySince: "len doklady potvrdené od tohto dňa (RRRR-MM-DD); partneri sa overujú vždy",
    json: "vypíše JSON pre skripty",
    outbox: "čo čaká na cieľ: vypísať, ukázať, znova odoslať alebo odstrániť položku (predvolený je list)",
    outboxList: "čakajúce a neúspešné položky: počty podľa agend, potom prvých 20, neúspešné najprv",
    outboxFailed: "len položky, ktoré cieľ odmietol",
    outboxAll: "všetky položky, nielen prvých 20",
    outboxShow: "jedna položka: jej údaje, dôvod cieľa a jej XML",
    outboxItem: "číslo dokladu, kľúč, id položky alebo časť jej popisu",
    outboxRetry: "odošle položku (alebo všetky neúspešné) hneď do POHODY; návratové kódy ako pri sync",
    outboxRetryFailed: "všetky neúspešné položky",
    outboxDrop: "po potvrdení odstráni položku; importuje sa, len ak ju zdroj znova exportuje",
  },

  units: {
    notUrl: (year: string) =>
      `musí byť adresa mServera účtovnej jednotky roku ${year}, napr. ${year} = "http://127.0.0.1:444/xml"`,
    notDatabase: (year: string, database: string, expected: string) =>
      `${database} nie je databáza účtovného roku ${year}; pri transport = "xml-folder" musí označovať ` +
      `účtovnú jednotku toho roku, napr. ${year} = "${expected}"`,
    wrongYear: (year: number, service: string, where: string, reported: number, summary: string) =>
      `${service} na ${where} obsluhuje účtovný rok ${reported} (${summary}), ale [pohoda.units] ` +
      `ho uvádza ako účtovnú jednotku roku ${year}.`,
    wrongYearHint: (year: number, reported: number) =>
      `V POHODE založte (alebo nájdite) konfiguráciu mServera účtovnej jednotky ${year} a jej adresu zapíšte ` +
      `do [pohoda.units] ako ${year} = "…"; alebo túto zapíšte ako ${reported} = "…". Nič nebolo odoslané.`,
    waiting: (n: number, year: number) =>
      `${items(n)} s dátumom v roku ${year} čaká vo fronte: účtovná jednotka roku ${year} nie je nastavená.`,
    waitingHint: (year: number, example: string) =>
      `Doplňte ${year} = "${example}" (účtovnú jednotku toho roku) do [pohoda.units] v config.toml; ` +
      "ďalší beh ich odošle.",
    statusWaiting: (n: number, year: number) =>
      `  ${year}: ${items(n)} čaká na účtovnú jednotku roku ${year}`,
  },

  exitCode: {
    0: "všetko, čo bolo požadované, je hotové",
    1: "beh dobehol, ale niektoré položky zlyhali alebo nedostali odpoveď (zostávajú a ďalší beh ich skúsi " +
      "znova), alebo boli vynechané (príliš veľké, odmietnuté): spojka status ich vymenuje",
    2: "chyba konfigurácie alebo použitia: opravte konfiguráciu (spojka init) alebo príkazový riadok",
    3: "v dátovom priečinku pracuje iný beh spojky, alebo iný program drží state.db či iný súbor",
    4: "služba nie je dostupná, odmieta prihlasovacie údaje alebo odmieta celú požiadavku",
    5: "spojka verify zistila, že niečo, čo spojka potvrdila, v POHODE chýba, je tam dvakrát, alebo má " +
      "iného partnera či sumu",
    6: "disk je plný, spojka nesmie zapisovať do potrebného priečinka, alebo disk hlási chyby",
    70: "nečakaná vnútorná chyba (chyba programu); podrobnosti sú v log.txt",
  },

  context: {
    started: (command: string, pid: number, dir: string) =>
      `spojka ${command} spustená (pid ${pid}, dátový priečinok ${dir})`,
    finished: (command: string, code: number) => `spojka ${command} skončila s návratovým kódom ${code}`,
    noFolder: (dir: string) => `Dátový priečinok ${dir} neexistuje.`,
    noFolderHint:
      "Najprv tam spustite spojka init, alebo nasmerujte --dir či SPOJKA_HOME na priečinok, v ktorom je config.toml.",
    fileInTheWay: (dir: string) =>
      `Dátový priečinok ${dir} nemožno použiť: on sám alebo priečinok nad ním je súbor.`,
    fileInTheWayHint: "Nasmerujte --dir alebo SPOJKA_HOME na priečinok (spojka init ho vytvorí).",
    noConfig: (dir: string) => `V ${dir} nie je config.toml.`,
    runInitFirst: "Najprv spustite spojka init.",
  },

  wizard: {
    noTerminal: "spojka init kladie otázky, ale nie je tu terminál, v ktorom by sa mohla pýtať.",
    noTerminalHint:
      "Spustite ju v termináli, alebo použite spojka init --non-interactive s premennými SPOJKA_* (pozri README).",
    updating: (file: string) => `Upravujem ${file}`,
    settingUp: (dir: string) => `Nastavujem spojku v ${dir}`,
    warning: (text: string) => `Upozornenie: ${text}`,
    lastrunWithoutFlowii:
      "--from-lastrun určuje, kde FLOWii pokračuje, ale FLOWii → POHODA nie je nastavený.",
    lastrunWithoutFlowiiHint:
      "Nastavte FLOWii → POHODA v tom istom behu (premenné SPOJKA_FLOWII_*); nič sa neuložilo.",
    saved: (file: string, connectors: string) => `Uložené ${file} (${connectors}).`,
    languageKept: (language: string) =>
      `spojka bude hovoriť po slovensky, aj v naplánovaných behoch (language = "${language}" v config.toml; ` +
      "zmeníte ho tam alebo prepínačom --lang).",
    keyFile: (key: string) =>
      `Heslá a tokeny sú zašifrované súborom kľúča ${key}: nechajte ho vedľa config.toml a nedávajte ho do záloh, ktoré zdieľate.`,
    continues: (streams: string, since: string, start: number, file: string) =>
      `FLOWii pokračuje tam, kde skončil konektor dodávateľa: ${streams} stiahnu, čo sa zmenilo od ${since} ` +
      `(UNIX ${start}, z ${file}). Pred prvou synchronizáciou spojky zastavte naplánovanú úlohu dodávateľa.`,
    and: " a ",
    cancelled: "Nastavenie zrušené; nič sa nezmenilo.",
    checking: "\nKontrolujem pripojenia:",
    checkOk: (service: string, found: string) => `${service}: v poriadku, ${found}`,
    failedTitle: (n: number) =>
      `\n${
        plural(n, "Táto kontrola zlyhala", `Tieto ${n} kontroly zlyhali`, `Týchto ${n} kontrol zlyhalo`)
      }; ` +
      "nastavenia sú napriek tomu uložené:",
    failedAdvice: "Opravte, čo každá z nich uvádza, potom spustite spojka init znova a nastavenie opravte " +
      "(na ostatné odpovedzte n, zostanú), alebo spustite spojka sync, keď služba pobeží.",
    failedExit: (n: number) =>
      `init --non-interactive končí návratovým kódom 4: ${
        plural(n, "zlyhala kontrola", `zlyhali ${n} kontroly`, `zlyhalo ${n} kontrol`)
      }.`,

    // The TOML parser's own words are English: the line and column say where.
    line: (n: number) => ` (riadok ${n})`,
    inSection: (section: string) => `v [${section}]`,
    oneOf: (values: string) => `musí byť jedna z hodnôt ${values}`,
    text: (value: string) => `text „${value}“`,
    reenter: (sections: string) => `Zadať ${sections} znova? Všetko ostatné v config.toml zostane, ako je.`,
    dropTopLevel: (keys: string) => `${keys} sa odstráni (platia predvolené hodnoty).`,
    startOver: (aside: string) =>
      `Začať nastavenie odznova? config.toml zostane uložený ako ${aside}, takže sa nič nestratí.`,
    keptAside: (aside: string) => `Poškodený súbor je uložený ako ${aside}.`,
    notRepaired: (file: string) => `${file} je poškodený; nič sa nezmenilo.`,
    notRepairedHint:
      "Spustite spojka init v termináli a zadajte poškodenú časť znova, alebo opravte uvedený riadok " +
      "(spojka help config ukazuje, ako má každý kľúč vyzerať).",
    nonInteractiveBroken:
      "init --non-interactive poškodený config.toml neprepisuje: spustite spojka init v termináli a zadajte " +
      "poškodenú časť znova, alebo opravte uvedený riadok (spojka help config ukazuje každý kľúč).",
    reentering: (sections: string) => `Znova zadávate ${sections}:`,

    whichConnectors: "Ktoré konektory chcete nastaviť?",
    changeIt: "  Zmeniť?",
    notSet: "(nenastavené)",
    clearable: (label: string) => `${label} (- zmaže hodnotu)`,
    badVariable: (variable: string, problem: string) =>
      `init --non-interactive: premenná ${variable} ${problem}.`,
    missingVariables: (names: string, n: number, setup: string) =>
      `init --non-interactive: ${
        plural(n, "nie je nastavená premenná", "nie sú nastavené premenné", "nie sú nastavené premenné")
      } ${names} (potrebné pre ${setup}).`,
    missingVariablesHint: "Nastavte všetky premenné uvedené v README.md, v časti „Scripted setup“.",
    noVariables: "init --non-interactive: nie je nastavená žiadna premenná SPOJKA_*, nie je čo nastaviť.",
    noVariablesHint: (names: string) => `Nastavte ${names}.`,
    or: "; alebo ",
    yesNo: "(a/n)",
    yesNoDefault: (yes: boolean) => yes ? "a" : "n",
    answerYesNo: "Odpovedzte a (áno) alebo n (nie).",
    notEmpty: "nesmie byť prázdne",
    icoDigits: "musí mať 8 číslic, napr. 12345678 (medzery nevadia)",
    icoCheckDigit: (ico: string) => `IČO ${ico} nespĺňa kontrolu modulo 11; skontrolujte ho, prosím.`,
    mserverXml: (url: string) =>
      `${url} nekončí na /xml; mServer prijíma importy len tam, napr. http://127.0.0.1:444/xml`,
    mserverXmlCheck: (url: string) =>
      `[pohoda] url ${url} nekončí na /xml; mServer prijíma importy len na /xml.`,
    mserverXmlHint: "Spustite spojka init a zadajte adresu s /xml na konci, napr. http://127.0.0.1:444/xml.",
    wooHttps: "musí začínať https:// – pri WooCommerce putuje kľúč a tajný kľúč v každej požiadavke",

    setupFlowii: "FLOWii → POHODA (adresár a vydané doklady)",
    setupStock: "KROS → zásoby v e-shope (Shoptet, WooCommerce)",
    setupAlerts: "Upozornenia e-mailom alebo webhookom, keď beh zlyhá alebo sú položky odmietnuté",
    smtpService: "SMTP server pre upozornenia",
    signedIn: (user: string) => `prihlásený ako ${user}`,
    krosWorks: "token funguje a modul API je aktívny",
    ask: {
      flowiiUrl: "Adresa API FLOWii",
      flowiiUser: "Používateľ FLOWii (prihlasovací e-mail)",
      flowiiPassword: "Heslo do FLOWii",
      flowiiApiKey: "API kľúč FLOWii (Nastavenia → Rozšírenia → API)",
      flowiiCompany: "ID firmy vo FLOWii (len ak má účet viac firiem; Enter pre žiadne)",
      pohodaTransport: "Ako sa spojka dostane do POHODY (mserver: POHODA mServer; xml-folder: súbory pre " +
        "Pohoda.exe /XML, bez mServera)",
      pohodaUrl: "Adresa POHODA mServera (končí na /xml)",
      pohodaExe:
        "Pohoda.exe, ktorú má spojka spúšťať, napr. C:\\Program Files (x86)\\STORMWARE\\POHODA\\Pohoda.exe " +
        "(Enter, ak POHODU na súbory spúšťate sami)",
      pohodaInputDir:
        "Priečinok pre dávky, ktoré POHODA importuje (Enter pre pohoda-xml/in v dátovom priečinku)",
      pohodaResponseDir: "Priečinok pre odpovede POHODY (Enter pre pohoda-xml/out v dátovom priečinku)",
      pohodaDatabase: "Databáza účtovnej jednotky v POHODE (Enter pre StwPh_<IČO>_<aktuálny rok>)",
      pohodaUser: "Používateľ POHODY (s právom importovať XML)",
      pohodaPassword: "Heslo používateľa POHODY",
      pohodaIco: "IČO účtovnej jednotky",
      krosUrl: "Adresa API KROS",
      krosToken: "API token KROS (Nastavenia → API prepojenia → Vygenerovať token)",
      stockMatch: "Párovať položky KROS s produktmi e-shopu podľa",
      stockQuantity:
        "Zásoba v e-shope naprieč skladmi KROS (max: koľko expeduje jeden sklad; sum: všetky spolu)",
      stockWarehouse: "Len tento sklad KROS (jeho kód; Enter pre všetky sklady)",
      eshopPlatform: "Platforma e-shopu",
      eshopUrl: "Adresa e-shopu",
      shopUrl: {
        shoptet: "Adresa API Shoptetu",
        woocommerce: "Adresa obchodu WooCommerce (https://vas-obchod)",
      } as Record<string, string>,
      shoptetToken: "Súkromný API token Shoptetu",
      wooKey: "Consumer key WooCommerce (ck_…)",
      wooSecret: "Consumer secret WooCommerce (cs_…)",
      alertsEmailTo: "Posielať upozornenia e-mailom na (adresy oddelené čiarkami; Enter pre žiadne)",
      alertsEmailFrom: "Adresa odosielateľa upozornení",
      smtpHost: "SMTP server (napr. smtp.firma.sk)",
      smtpSecurity: "Šifrovanie SMTP (starttls: port 587; tls: port 465; none: len na tomto počítači)",
      smtpPort: "Port SMTP",
      smtpUser: "Používateľ SMTP (Enter, ak server prihlásenie nevyžaduje)",
      smtpPassword: "Heslo k SMTP",
      webhookUrl:
        "Adresa webhooku, kam posielať upozornenia ako JSON (skryto: adresa chatovacieho webhooku je jeho heslom; Enter pre žiadny)",
      webhookSecret: "Tajný kľúč webhooku na podpisovanie upozornení (Enter pre žiadny)",
    },
  },

  configFile: {
    errors: (source: string, n: number) =>
      `${source} ${plural(n, "obsahuje chybu", `obsahuje ${n} chyby`, `obsahuje ${n} chýb`)}:`,
    errorsHint: "spojka help config popisuje každý kľúč; spojka init súbor prepíše.",
    // The TOML parser's own words are English: its line and column say where, in the user's words.
    notToml: (source: string, line: number, column: number, _what: string) =>
      `${source} nie je platný TOML: chyba zápisu v riadku ${line}, v stĺpci ${column}`,
    notTomlHint: "Opravte tento riadok; spojka help config ukazuje, ako má vyzerať každý kľúč.",
    noKeyFile: (key: string, config: string) =>
      `Chýba súbor s kľúčom ${key}, preto heslá v ${config} nemožno prečítať.`,
    noKeyFileHint:
      "Skopírujte spojka.key z priečinka, kde bol spustený spojka init, alebo spustite spojka init a zadajte heslá znova.",
    undecryptable: (key: string) =>
      `${key} v config.toml nemožno dešifrovať: bol upravený ručne, je poškodený alebo bol zašifrovaný iným súborom s kľúčom.`,
    undecryptableHint: "Zmeňte ho príkazom spojka init.",
    badVariable: (variable: string, problem: string) => `Premenná ${variable} ${problem}.`,
    badVariableHint: "Opravte premennú alebo ju zrušte, aby platila hodnota z config.toml.",
    badDecrypted: (key: string, problem: string) => `${key} v config.toml po dešifrovaní ${problem}.`,
    badDecryptedHint: "Zadajte ho znova príkazom spojka init.",
    refuseToWrite: (path: string, problems: string) => `Neplatný ${path} sa nezapíše: ${problems}`,
    header:
      "# Konfigurácia spojky, zapísaná príkazom `spojka init`. Každý kľúč popisuje `spojka help config`.\n" +
      "# Heslá sú zašifrované kľúčom zo spojka.key; meňte ich príkazom `spojka init`, nie tu.\n",
    notEncryptedYet: (shown: string) => `${shown} (zatiaľ nezašifrované: spustite spojka init)`,
  },

  configIssue: {
    topLevel: "(začiatok súboru)",
    atTopLevel: "na začiatku súboru",
    unknownKey: (key: string, where: string, hint: string) => `neznámy kľúč „${key}“ ${where}: ${hint}`,
    unknownSection: (section: string, at: string, hint: string) =>
      `neznáma sekcia [${section}]${at}: ${hint}`,
    didYouMean: (key: string) => `mysleli ste „${key}“?`,
    everyKey: "spojka help config vypíše všetky kľúče",
    missing: "chýba",
    quoteIt: (name: string, value: string) =>
      `musí byť text; dajte hodnotu do úvodzoviek: ${name} = "${value}"`,
    noQuotes: (got: string) => `musí byť číslo bez úvodzoviek, nie ${got}`,
    wrongType: (expected: string, got: string) => `musí byť ${expected}, nie ${got}`,
    type: {
      string: "text v úvodzovkách",
      number: "číslo",
      int: "celé číslo",
      boolean: "true alebo false",
      object: "sekcia",
      array: "zoznam",
    } as Record<string, string>,
    number: (value: string) => `číslo ${value}`,
    boolean: (value: string) => `hodnota ${value}`,
    other: "iný druh hodnoty",
    atLeast: (n: string) => `musí byť aspoň ${n}`,
    atMost: (n: string) => `môže byť najviac ${n}`,
    above: (n: string) => `musí byť väčšie ako ${n}`,
    below: (n: string) => `musí byť menšie ako ${n}`,
    minLength: (n: number) => `musí mať aspoň ${n} ${plural(n, "znak", "znaky", "znakov")}`,
    maxLength: (n: number) => `môže mať najviac ${n} ${plural(n, "znak", "znaky", "znakov")}`,
    minEntries: (n: number) => `musí obsahovať aspoň ${n} ${plural(n, "položku", "položky", "položiek")}`,
    maxEntries: (n: number) => `môže obsahovať najviac ${n} ${plural(n, "položku", "položky", "položiek")}`,
    multipleOf: (n: string) => `musí byť násobkom ${n}`,
    startsWith: (prefix: string) => `musí mať na začiatku „${prefix}“`,
    endsWith: (suffix: string) => `musí mať na konci „${suffix}“`,
    badForm: "nemá správny tvar; príklad ukáže spojka help config",
    badValue: "nie je hodnota, ktorú spojka vie použiť; ako má vyzerať, ukáže spojka help config",
    connectorNeeds: (title: string, sections: string) =>
      `chýba: konektor ${title} potrebuje ${sections}; spustite spojka init`,
    notEncrypted:
      "nie je zašifrovaná hodnota: tajné údaje sa ukladajú len zašifrované; zmeňte ju príkazom spojka init",
    httpUrl: (example: string) => `musí byť adresa http:// alebo https://, napr. ${example}`,
    sealedUrl: "musí byť adresa http:// alebo https:// uložená zašifrovane; zadajte ju príkazom spojka init",
    listen: 'musí byť v tvare host:port, napr. "127.0.0.1:8787"',
    emailList: "musia byť e-mailové adresy oddelené čiarkami, napr. uctovnik@firma.sk, spravca@firma.sk",
    emailFrom: "musí byť jedna e-mailová adresa, napr. spojka@firma.sk",
    smtpHost: 'musí byť názov servera alebo IP adresa bez "smtp://" a bez portu, napr. smtp.firma.sk',
    alertsNowhere: "chýba, rovnako ako webhook_url: kam sa majú upozornenia posielať? Spustite spojka init",
    smtpHostMissing: "chýba: upozornenia e-mailom potrebujú SMTP server",
    emailFromMissing: "chýba: upozornenia e-mailom potrebujú adresu odosielateľa",
    smtpPasswordMissing: "chýba k smtp_user; spustite spojka init",
    smtpUnencrypted:
      'je "none", takže heslo k SMTP by sa posielalo nezašifrované; použite "starttls" alebo "tls"',
    version: (version: number) => `musí byť ${version}; tento config.toml je pre inú verziu programu spojka`,
    ico: 'musí byť 8 číslic v úvodzovkách, napr. ico = "12345678"',
    year: 'musí byť rok, napr. 2025 = "…"',
    wooBatchSize: "môže byť pri WooCommerce najviac 100",
    missingSecret: (platform: string) => `pri platforme ${platform} chýba; spustite spojka init`,
    fractionsKeep: (platform: string) =>
      `nemôže byť "keep" pri platforme ${platform}, ktorá vedie zásoby v celých kusoch; použite "down" alebo "nearest"`,
  },

  commander: {
    usage: "Použitie:",
    arguments: "Argumenty:",
    options: "Možnosti:",
    globalOptions: "Globálne možnosti:",
    commands: "Príkazy:",
    placeholder: {
      options: "možnosti",
      command: "príkaz",
      connector: "konektor",
      item: "položka",
      topic: "téma",
      folder: "priečinok",
      file: "súbor",
      when: "kedy",
      minutes: "minúty",
      task: "úloha",
      date: "dátum",
    } as Record<string, string>,
    helpCommand: "zobrazí pomocníka k príkazu",
    unknownOption: (flag: string) => `chyba: neznáma možnosť „${flag}“`,
    unknownCommand: (name: string) => `chyba: neznámy príkaz „${name}“`,
    missingArgument: (name: string) => `chyba: chýba povinný argument „${name}“`,
    optionMissingArgument: (flags: string) => `chyba: pri možnosti „${flags}“ chýba hodnota`,
    tooManyArguments: (command: string | undefined, expected: number, received: number, details: string) =>
      `chyba: priveľa argumentov${
        command ? ` pre „${command}“` : ""
      }: očakávané ${expected}, zadané ${received}: ${details}.`,
    didYouMean: (names: string) => `(Mysleli ste ${names}?)`,
    didYouMeanOneOf: (names: string) => `(Mysleli ste niektorú z možností ${names}?)`,
  },

  sync: {
    noConnector: (name: string) => `Konektor „${name}“ neexistuje.`,
    knownConnectors: (ids: string) => `Známe konektory: ${ids}.`,
    noneSetUp: "V config.toml nie je nastavený žiadny konektor.",
    runInit: "Spustite spojka init.",
  },

  report: {
    error: (message: string) => `Chyba: ${message}`,
    detailsIn: (file: string) => `podrobnosti sú v ${file}`,
    detailsFollow: "podrobnosti nasledujú",
    internal: (message: string, where: string) => `Vnútorná chyba: ${message}. Ide o chybu spojky; ${where}.`,
    internalRecorded: (message: string) => `vnútorná chyba: ${message}`,
    stateHeld: (dir: string, why: string) => `Stavovú databázu spojky v ${dir} drží iný program (${why}).`,
    stateHeldHint: "Zatvorte program, ktorý má state.db otvorenú (zálohovanie, antivírusovú kontrolu, " +
      "prehliadač databáz), a spustite spojku znova.",
    fileHeld: (why: string) => `Súbor, ktorý spojka potrebuje, drží iný program (${why}).`,
    fileHeldHint: "Zatvorte program, ktorý ho má otvorený (antivírusovú kontrolu, zálohovanie, editor), " +
      "alebo počkajte, kým skončí, a spustite spojku znova.",
  },

  audit: {
    outboxListed: "výpis frontu zobrazený",
    outboxShown: (key: string) => `položka frontu ${key} zobrazená`,
    schedule: (what: string, task: string, installing: boolean) =>
      `plánovanie: ${what}, úloha ${task}${installing ? ", zakladá sa" : ""}`,
    statusShown: "stav zobrazený",
    verified: (problems: number) =>
      `kontrola: ${problems} ${plural(problems, "problém", "problémy", "problémov")}`,
  },
  log: {
    cannotWrite: (file: string, why: string) =>
      `spojka nemôže zapisovať do logu ${file} (${why}); tento beh píše len do konzoly.`,
  },

  tally: {
    count: (outcome: string, n: number) => `${outcome} ${n}`,
  },

  status: {
    dataFolder: (dir: string) => `Dátový priečinok: ${dir}`,
    running: (pid: number, command: string, at: string) =>
      `Práve beží: PID ${pid}, spojka ${command}, spustená ${at}`,
    configuration: "Konfigurácia:",
    noConfig: "  zatiaľ žiadna: spustite spojka init",
    configUnreadable: (why: string) => `  nedá sa prečítať: ${why}`,
    cursors: "Kurzory (ďalšia synchronizácia stiahne, čo sa odvtedy zmenilo):",
    stateUnreadable: (why: string) => `  stav sa nedá prečítať: ${why}`,
    noCursors: "  žiadne: ďalšia synchronizácia stiahne všetko",
    lastRuns: "Posledné behy:",
    noneYet: "  zatiaľ žiadne",
    result: { ok: "v poriadku", partial: "čiastočne", failed: "zlyhal" },
    run: (connector: string, result: string, code: number, from: string, to: string) =>
      `  ${connector}: ${result} (kód ${code}), ${from} → ${to}`,
    itemsToLookAt: (n: number) => `    položky na prezretie: ${n}`,
    more: (n: number) =>
      `      … a ${plural(n, "ďalšia", "ďalšie", "ďalších")} ${n} (spojka status --items vypíše všetky)`,
    withWarnings: (n: number, numbers: string) =>
      `    ${n} ${
        plural(n, "doklad importovaný", "doklady importované", "dokladov importovaných")
      } s varovaním: ${numbers}`,
    stock: (n: number, shop: string, latest: string | undefined) =>
      `Zásoby: spojka nastavila zásobu ${n} ${plural(n, "produktu", "produktov", "produktov")} v ${shop}` +
      (latest ? `, naposledy ${latest}` : "") + " (status --json vypíše každý).",
    oldShop: "e-shope (ako si ho pamätala spojka 0.1)",
    outbox: (pending: number, failed: number, held: number) =>
      `Front na odoslanie: čaká ${pending}, zlyhalo ${failed}` + (held > 0 ? `, zadržané ${held}` : ""),
    failedItem: (agenda: string, label: string, attempts: number, reason: string) =>
      `  zlyhalo: ${agenda} ${label} (${attempts} ${
        plural(attempts, "pokus", "pokusy", "pokusov")
      }): ${reason}`,
    heldItem: (agenda: string, label: string, since: string, reason: string) =>
      `  zadržané: ${agenda} ${label} (od ${since}): ${reason}`,
    noReason: "bez uvedeného dôvodu",
    heldAdvice: "Zadržané záznamy sa do POHODY neposielajú. Opravte každý podľa jeho dôvodu: doklad, ktorý " +
      "FLOWii znova vyexportuje v medziach, nahradí svoju poznámku; iná poznámka zostane, kým ju neodstránite " +
      "príkazom spojka outbox drop <číslo alebo kľúč>.",
    verboseHint: "spojka status --verbose ukáže aj konfiguráciu.",
  },

  reset: {
    toNeedsCursor: "--to patrí k --cursor.",
    exactlyOne: "reset potrebuje práve jedno z --cursor alebo --all (alebo --new-state).",
    exactlyOneHint: "--cursor: ďalšia synchronizácia stiahne všetko znova. --all: odstráni konfiguráciu, " +
      "kľúč a stav. --new-state: začne s prázdnym stavom tam, kde state.db chýba.",
    stateThere: (path: string) => `${path} existuje; nič sa nezmenilo.`,
    setAside: (files: string) => ` Súbory strateného stavu (${files}) boli odložené bokom.`,
    newState: (path: string, aside: string) =>
      `Založený nový, prázdny stav v ${path}.${aside} Ďalšia synchronizácia stiahne všetko znova; POHODA ` +
      "spozná, čo už má.",
    noCursors: "Žiadne kurzory neboli; ďalšia synchronizácia aj tak stiahne všetko.",
    clearedCursors: (streams: string) =>
      `Kurzory ${streams} vymazané: ďalšia synchronizácia stiahne všetko znova. Už importované položky sa ` +
      "spoznajú ako už prítomné.",
    badTo: (text: string, problem: string) => `--to ${JSON.stringify(text)}: ${problem}.`,
    badToHint:
      "Zadajte dátum, napr. 2026-01-31 (polnoc miestneho času), 2026-01-31 14:30, alebo UNIXový čas v sekundách.",
    cursorSet: (stream: string, now: string, was: string | undefined) =>
      `${stream}: ${now}, predtým ${was ?? "žiadny"}`,
    nextSyncSince: (when: string) => `Ďalšia synchronizácia stiahne, čo sa vo FLOWii zmenilo od ${when}.`,
    willRemove: (dir: string) => `spojka reset --all odstráni z ${dir}:`,
    unconfirmed: (n: number) => `  a so stavom aj ${items(n)}, ktoré cieľ ešte nepotvrdil`,
    kept: "Logy, stiahnuté súbory a odpovede zostanú.",
    question: "Odstrániť? (a/n; Enter = n) ",
    noTerminal: "reset --all potrebuje potvrdenie a nie je terminál, v ktorom sa opýtať.",
    addYes: "Na potvrdenie pridajte --yes.",
    nothingRemoved: "Nič nebolo odstránené.",
    removed: (paths: string) => `Odstránené: ${paths}.`,
    nothingToRemove: "Nebolo čo odstrániť.",
    keptDone: "Logy, stiahnuté súbory a odpovede zostali.",
  },

  schedule: {
    installNotWindows: "spojka schedule --install vytvára úlohu Plánovača úloh Windows; toto nie je Windows.",
    installNotWindowsHint:
      "Spustite spojka schedule bez --install a pridajte riadok pre crontab alebo jednotky systemd, ktoré vypíše.",
    noConfigYet: (dir: string) =>
      `V ${dir} zatiaľ nie je config.toml: pred prvým spustením úlohy spustite spojka init.`,
    fromSource: "spojka tu beží zo zdrojového kódu (deno run), takže príkazy nižšie spúšťajú deno s " +
      "oprávneniami spojky; skompilovaná spojka tam uvedie svoju vlastnú cestu.\n",
    runInCmd: "V príkazovom riadku (cmd.exe) spustenom ako správca spustite:\n",
    runsAs: (what: string, name: string) =>
      `\nÚloha spúšťa ${what} ako SYSTEM, či je alebo nie je niekto prihlásený; /F nahradí skoršiu úlohu ` +
      `${name}. To isté urobí spojka schedule --install. Odstránenie úlohy: schtasks /Delete /TN ${name} /F`,
    codePage: "\nDiakritika: spojka počas behu prepne konzolu na UTF-8 (kódová stránka 65001). Ak sa jej " +
      "správy v cmd.exe aj tak zobrazujú s rozbitými znakmi, spustite najprv chcp 65001. Log (log.txt) je " +
      "v UTF-8.",
    combine: (given: string) => `${given} nemožno kombinovať: vyberte jedno.`,
    combineHint:
      "--every <minúty> (predvolené 30), --at <HH:MM> raz denne, alebo --serve na spustenie spojka serve so štartom počítača.",
    and: " a ",
    atBoot: "pri štarte počítača",
    daily: (at: string) => `každý deň o ${at}`,
    every: (n: number) =>
      n === 1
        ? "každú minútu"
        : `každ${plural(n, "ú", "é", "ých")} ${n} ${plural(n, "minútu", "minúty", "minút")}`,
    cannotStart: (why: string) => `schtasks sa nedá spustiť: ${why}.`,
    cannotStartHint: (line: string) =>
      `Spustite sami príkaz, ktorý vypíše spojka schedule (bez --install):\n${line}`,
    notCreated: (name: string, code: number) =>
      `schtasks úlohu ${name} nevytvoril (návratový kód ${code}; jeho správa je vyššie).`,
    notCreatedHint:
      "Spustite príkazový riadok ako správca (pravé tlačidlo → Spustiť ako správca) a skúste to znova.",
    created: (name: string, what: string) =>
      `Úloha ${name} vytvorená: ${what}, ako SYSTEM. Odstránenie: schtasks /Delete /TN ${name} /F`,
    timeLimit: (name: string) =>
      "\nPlánovač úloh zastaví úlohu po 72 hodinách, ak sa mu nepovie inak, a schtasks to zmeniť nevie. " +
      "Pre spojka serve zrušte limit raz v PowerShelli spustenom ako správca:\n\n" +
      `Set-ScheduledTask -TaskName ${name} -Settings (New-ScheduledTaskSettingsSet -ExecutionTimeLimit 0)\n\n` +
      `alebo v Plánovači úloh: ${name} → Vlastnosti → Nastavenia → zrušte „Zastaviť úlohu, ak beží dlhšie ako“.`,
    cron: "Pre cron (crontab -e) tento riadok:\n",
    cronRuns: (what: string, dir: string) =>
      `\nSpúšťa ${what}. Výstup ide do log.txt v ${dir}; varovania a chyby prídu aj cronom poštou.`,
    noCron: (when: string) => `cron nevie spúšťať úlohu presne ${when}; použite časovač systemd nižšie.`,
    systemd: (paths: string) => `\nAlebo pre systemd uložte ${paths}:`,
    systemdThen: (unit: string) =>
      `\npotom: sudo systemctl daemon-reload && sudo systemctl enable --now ${unit}`,
    dataFolder: (what: string, dir: string) => `${what} (dátový priečinok ${dir})`,
    badEvery: (text: string, max: number) =>
      `--every ${JSON.stringify(text)} nie je počet minút od 1 do ${max}.`,
    badEveryHint: "Napríklad --every 30; raz denne: --at 06:30.",
    badAt: (text: string) => `--at ${JSON.stringify(text)} nie je denný čas.`,
    badAtHint: "Zadajte hodiny a minúty v 24-hodinovom formáte, napr. --at 06:30 alebo --at 18:00.",
    badName: (text: string) => `--name ${JSON.stringify(text)} nie je použiteľný názov úlohy.`,
    badNameHint:
      "Použite písmená bez diakritiky, číslice, bodky, pomlčky a podčiarkovníky, napr. --name spojka-firma2.",
    tooLong: (length: number, max: number, run: string) =>
      `Príkaz úlohy má ${length} znakov; Plánovač úloh Windows (schtasks) prijme najviac ${max}: ${run}`,
    tooLongHint: "Presuňte spojku a jej dátový priečinok do kratšej cesty, napr. C:\\spojka.",
  },

  state: {
    locked: (holder: string) => `V tomto dátovom priečinku pracuje iný beh spojky: ${holder}.`,
    lockedHint: "Počkajte, kým skončí. Zámok sa uvoľní, hneď ako ten proces skončí, aj keby spadol.",
    holderUnknown: "jeho údaje ešte nie sú zapísané",
    payloadLost: (spool: string) =>
      `jeho obsah sa stratil pred aktualizáciou (outbox/${spool}); spojka reset --cursor ho stiahne znova`,
    holder: (pid: number, host: string | undefined, command: string, at: string) =>
      `PID ${pid}${host ? ` na ${host}` : ""}, „spojka ${command}“ spustená ${at}`,
    newer: (path: string, version: number, known: number) =>
      `${path} zapísala novšia spojka (verzia stavu ${version}; tento program pozná ${known}).`,
    newerHint: "Nainštalujte znova novšiu spojku; staršia nemôže v jej práci pokračovať.",
    unreadable: (path: string, why: string) => `${path} sa nedá prečítať ako stav spojky (${why}).`,
    unreadableHint: (path: string) =>
      `Ak je poškodený disk alebo súbor, presuňte ${path} inam a spustite spojka reset --new-state: spojka ` +
      "potom začne znova, stiahne všetko a POHODA spozná, čo už má. Položky, ktoré čakali vo fronte, sa " +
      "vrátia s týmto stiahnutím.",
    legacyDamaged: (path: string, why: string) =>
      `${path} (stav skoršej spojky) je poškodený: ${why}. Nedá sa previesť do nového stavu.`,
    legacyDamagedHint: (path: string) =>
      `Nahraďte ${path} kópiou ${path}.bak a spustite spojku znova, alebo presuňte ${path} inam a spustite ` +
      "spojka reset --new-state na nový začiatok (ďalšia synchronizácia stiahne všetko znova; POHODA " +
      "spozná, čo už má).",
    notJson: (why: string) => `nie je to platný JSON (${why})`,
    missing: (path: string, found: string, dir: string) =>
      `Stavová databáza ${path} chýba, ale skorší stav zanechal ${found} v ${dir}. spojka bez vášho ` +
      "súhlasu nezačne s prázdnym stavom: zabudla by kurzory, položky čakajúce vo fronte, evidenciu, proti " +
      "ktorej overuje spojka verify, a minulé behy.",
    missingHint: (path: string) =>
      `Ak máte kópiu state.db (zálohu), vráťte ju ako ${path} a spustite spojku znova. Ak chcete namiesto ` +
      "toho začať s prázdnym stavom, spustite spojka reset --new-state: ďalšia synchronizácia stiahne " +
      "všetko znova a POHODA spozná, čo už má.",
  },

  storage: {
    full: (folder: string, detail: string) => `Disk s priečinkom ${folder} je plný (${detail}).`,
    fullHint: "Uvoľnite na disku miesto a spustite spojku znova: ďalší beh nadviaže tam, kde tento skončil.",
    unwritable: (folder: string, detail: string) => `spojka nemôže zapisovať do ${folder} (${detail}).`,
    unwritableHint: "Overte, že priečinok nie je len na čítanie a že ho používateľ, pod ktorým spojka " +
      "beží, smie meniť: spúšťajte spojku ako vlastník priečinka (naplánovaná úloha beží pod používateľom, " +
      "ktorého uvádza), alebo tomu používateľovi dajte právo priečinok meniť.",
    failing: (folder: string, detail: string) => `Disk s priečinkom ${folder} hlási chybu (${detail}).`,
    failingHint: "Skontrolujte disk (vo Windows: chkdsk) a voľné miesto na ňom a spustite spojku znova.",
    damaged: (folder: string, detail: string) =>
      `Stavová databáza spojky v ${folder} je poškodená (${detail}).`,
    damagedHint: "Skontrolujte disk (vo Windows: chkdsk). Potom presuňte state.db bokom a spustite spojka " +
      "reset --new-state, alebo obnovte state.db zo zálohy; kontroly duplicít v POHODE zaistia, že sa pri " +
      "novom začiatku nič nezdvojí.",
  },

  lastrun: {
    hint: "Zadajte lastrun.txt z priečinka POHODA konektora FLOWii, alebo po init nastavte začiatok ručne: " +
      "spojka reset --cursor --to <dátum, napr. 2026-01-31>.",
    badTime: (problem: string) => `jeho čas ${problem}`,
    holds: (shown: string) => `obsahuje ${JSON.stringify(shown)}`,
    notUnixTime: (file: string, reason: string) =>
      `${file} neobsahuje UNIXový čas (sekundy od roku 1970), ako ho zapisuje konektor dodávateľa: ${reason}.`,
    cannotRead: (file: string, why: string) => `${file} sa nedá prečítať: ${why}.`,
    notThere: "neexistuje",
  },
  quote: (text: string) => `„${text}“`,

  notices: {
    more: (n: number, kind: string, all: number, where: string) =>
      `… a ${plural(n, "ďalšia", "ďalšie", "ďalších")} ${n} (spolu ${all}): ${kind}; ${where}`,
    listed: "spojka status ich vypíše všetky",
  },

  refusal: {
    wait: "Položky čakajú vo fronte a ďalší beh ich odošle znova.",
    answerKept: "Odpoveď POHODY je uložená v priečinku responses.",
    isolated: (note: string) => `POHODA odmieta každý balík, v ktorom je: ${note}.`,
    hint: {
      rights: "Dajte používateľovi POHODY právo importovať XML (Prístupové práva → Práva → Súbor/Databáza).",
      login: "Skontrolujte meno a heslo používateľa POHODY (zmeníte ich cez spojka init).",
      convert: "Otvorte účtovnú jednotku v POHODE a nechajte ju previesť na aktuálnu verziu.",
      database:
        "POHODA nemôže otvoriť databázu účtovnej jednotky: otvorte jednotku v POHODE a uvidíte prečo.",
      config:
        "Skontrolujte konfiguráciu mServera v POHODE (Súbor → Účtovné jednotky → Databáza → POHODA mServer).",
      processing:
        "POHODA zlyhala pri spracovaní; ak sa to opakuje aj pri ďalších behoch, obráťte sa na podporu STORMWARE.",
      activation: "Spustite POHODU a aktivujte ju: vypršal čas na aktiváciu.",
      ico: "Skontrolujte [pohoda] ico a či [pohoda] url vedie na mServer tejto firmy a tohto roka.",
    },
    advice: {
      badCharacter: "Jeho text obsahuje znak, ktorý POHODA neprečíta (riadiaci znak alebo znak, ktorý " +
        "windows-1250 nepozná): opravte ho vo FLOWii.",
      schema: "Jeho XML nezodpovedá schéme POHODY; poznámka POHODY menuje prvok.",
    },
  },

  pohodaRun: {
    retried: (title: string, lines: string) => `${title}, opakované odoslanie: ${lines}`,
    wouldNotSendKind: "položky, ktoré by sa neodoslali",
    wouldNotSend: (reason: string) => `neodoslalo by sa: ${reason}`,
    packsHoldTheRest: "všetko ostatné je v balíkoch",
    dryRunDone: (packs: number, n: number, dir: string) =>
      `Skúšobný beh: ${packs} ${plural(packs, "balík", "balíky", "balíkov")} s ${n} ${
        plural(n, "položkou", "položkami", "položkami")
      } zapísané do ${dir}. Nič nebolo odoslané, žiadny kurzor sa neposunul.`,
    answerToEarlier: (n: number) => `POHODA: odpoveď na ${items(n)} odoslané pri skoršom behu`,
    sending: (n: number, maxItems: number, kib: number) =>
      `POHODA: odosielam ${items(n)} v balíkoch po najviac ${maxItems} položkách a ${kib} KiB`,
    notAResponse: (service: string, problem: string) =>
      `${service} neodpovedal odpoveďou POHODY: ${problem}.`,
    notAResponseHint:
      "Odpoveď je uložená v priečinku responses. Položky zostávajú vo fronte a nabudúce sa odošlú znova.",
    packRefused: (n: number, note: string) =>
      `POHODA odmietla celý balík (${items(n)}): ${note}. Nič z neho sa neimportovalo.`,
    narrowing: (n: number, note: string) =>
      `POHODA odmietla celý balík (${items(n)}): ${note}. Posielam ho po menších častiach, aby som našla ` +
      "položky, ktoré neprijme.",
    handedOver: (n: number, service: string) =>
      `${items(n)} odovzdané ${service} a čaká na odpoveď, ktorú prečíta niektorý z ďalších behov.`,
    as: (number: string) => `ako ${number}`,
    withWarningsKind: "položky importované s upozornením",
    withWarning: (name: string, warning: string) => `${name}: importované s upozornením: ${warning}`,
    deleted: "skôr importované a medzitým v POHODE zmazané; spojka to znova neimportuje.",
    deletedKind: "doklady zmazané v POHODE",
    notImportedKind: "neimportované položky",
    notImported: (name: string, reason: string) => `${name}: neimportované: ${reason}`,
    noAnswerKind: "položky bez odpovede POHODY",
    noAnswer: (name: string, detail: string) => `${name}: POHODA neodpovedala, overí sa: ${detail}`,
  },

  flowiiRun: {
    stream: { partners: "partneri", documents: "doklady" },
    everything: (stream: string) => `${stream}: všetko (prvý beh)`,
    changesSince: (stream: string, when: string) => `${stream}: zmeny od ${when}`,
    unusable: (stream: string, what: string, why: string) =>
      `Export (${stream}, ${what}) nemožno použiť: ${why}.`,
    unusableHint: (dir: string) => `Je uložený v ${dir}. Nič sa nestratilo: ďalší beh ho stiahne znova.`,
    notADataPack: (why: string) => `nie je to platný dataPack POHODY: ${why}`,
    twiceKind: "záznamy exportované dvakrát",
    twiceIdentical: (agenda: string, label: string) =>
      `${agenda} ${label}: exportované dvakrát, zhodne; odošle sa raz.`,
    namedTwice: (by: string, first: string, second: string) =>
      `FLOWii vyexportovalo dva záznamy, ktoré spojka rozlíši len podľa ${by} (${first}; ${second}). Odošle ` +
      "sa len ten neskorší; ostatným dajte vo FLOWii externé id alebo vlastné IČO či číslo.",
    tooLarge: (size: string, max: string) =>
      `má ${size} MiB, viac ako [flowii] max_item_mb (${max} MiB); bol vynechaný, ostatné pokračujú. Ak ho ` +
      "chcete preniesť, zvýšte max_item_mb a spustite spojka reset --cursor.",
    tooLargeKind: "príliš veľké záznamy",
    refusedKind: "odmietnuté záznamy",
    transliteratedKind: "záznamy prepísané bez nepodporovaných znakov",
    utf8Kind: "exporty čítané ako UTF-8",
    readAsUtf8: (zip: string, file: string, declared: string) =>
      `${zip}: ${file} o sebe tvrdí, že je v ${declared}, ale jeho bajty sú UTF-8; čítané ako UTF-8.`,
    read: (stream: string, records: number, files: number) =>
      `${stream}: ${records} ${plural(records, "záznam", "záznamy", "záznamov")} v ${files} ${
        plural(files, "súbore", "súboroch", "súboroch")
      }`,
    toOutbox: (stream: string) => `${stream} → front`,
    streamFailed: (stream: string, why: string) => `${stream}: zlyhalo: ${why}`,
    documentsWait: "Doklady čakajú vo fronte, kým sa ich stiahnutie nepodarí celé.",
    nothingToSend: "Do POHODY nie je čo odoslať.",
    summary: (counts: string, failed: boolean) =>
      failed ? `FLOWii → POHODA zlyhalo (chyba je nižšie); zatiaľ: ${counts}` : `FLOWii → POHODA: ${counts}`,
    waiting: (n: number) =>
      `${items(n)} ${plural(n, "čaká", "čakajú", "čaká")} vo fronte na ďalší beh (spojka status ich vypíše).`,
    held: (n: number) =>
      `${n} ${plural(n, "záznam zadržaný", "záznamy zadržané", "záznamov zadržaných")}, do POHODY sa ` +
      "neposielajú: spojka status ich vypíše aj s tým, čo urobiť.",
  },

  stockRun: {
    krosItems: (n: number) => `KROS: ${n} ${plural(n, "položka", "položky", "položiek")} katalógu`,
    shopProducts: (shop: string, n: number) =>
      `${shop}: ${n} ${plural(n, "produkt", "produkty", "produktov")}`,
    dryNothing: "Skúšobný beh: nič by sa nezapísalo.",
    dryDone: "Skúšobný beh: nič nebolo zapísané.",
    columns: { code: "kód", name: "názov", shop: "e-shop", new: "nové" },
    refused: (shop: string, code: string, reason: string) => `${shop} odmietol ${code}: ${reason}`,
    summary: (shop: string, written: number, unchanged: number, failed: number) =>
      `KROS → ${shop}: zapísané ${written}, bez zmeny ${unchanged}, zlyhalo ${failed}`,
    noReadableStock: (problems: string) =>
      `Žiadna položka KROS nemá zásobu, ktorú by spojka prečítala. ${problems} Nič nebolo zapísané.`,
    fieldsHint: "spojka help config vysvetľuje [kros.fields]: KROS názvy svojich polí nezverejňuje, preto " +
      "sú v nastavení.",
    noWarehouse: (warehouse: string, codes: string) =>
      `[stock] warehouse je „${warehouse}“, ale žiadna položka KROS nemá sklad s týmto kódom (nájdené kódy: ` +
      `${codes}). Nič nebolo zapísané.`,
    noWarehouseHint: "Opravte [stock] warehouse (cez spojka init), alebo ho vynechajte pre všetky sklady.",
    shopUnreadable: (shop: string, why: string) =>
      `${shop} nemožno prečítať (${why}); porovnávam s množstvami, ktoré spojka naposledy odoslala.`,
    onlyIn: (side: string) => `Len v ${side}`,
    unmatched: (title: string, n: number) => `${title}: ${n} (nejde o chyby: nemajú náprotivok)`,
    moreInLog: (n: number) => `  … a ${plural(n, "ďalšia", "ďalšie", "ďalších")} ${n}, vypísané v log.txt`,
    toWrite: (n: number, unchanged: number) => `Na zápis: ${n}; už správne: ${unchanged}`,
    code: "kód",
    theShop: "e-shope",
    krosItemsCount: (n: number) => `${n} ${plural(n, "položka", "položky", "položiek")} KROS`,
    shopProductsCount: (n: number) => `${n} ${plural(n, "produkt", "produkty", "produktov")} e-shopu`,
    skipped: (what: string) => `${what}; preskočené.`,
    unreadableStock: (n: number) =>
      `${n} ${
        plural(n, "spárovaná položka", "spárované položky", "spárovaných položiek")
      } KROS bez čitateľnej ` +
      "zásoby; e-shop pri nich ponechá, čo ukazuje.",
    keyless: (records: string, label: string) => `${records} bez údaja ${label}; preskočené.`,
    duplicate: (label: string, key: string, n: number, side: string, names: string) =>
      `${label} ${key} je v ${side} ${n}× (${names}); preskočené.`,
    fieldProblem: (count: number, total: number, what: string, key: string) =>
      `${count} z ${total} položiek KROS ${what}; skontrolujte [kros.fields] ${key}.`,
    noField: (field: string) => `nemá „${field}“`,
    noList: (field: string) => `nemá zoznam „${field}“`,
    noQuantity: (field: string) => `má sklad bez čísla v „${field}“`,
    inKros: "\nV KROS (Nastavenia → API prepojenia → toto prepojenie) zadajte:",
    publicUrl: "  KROS volá túto adresu z internetu: nastavte [serve] public_url na adresu, ktorá vedie na " +
      "`spojka serve` (presmerovanie portu alebo tunel), a spustite spojka init znova, aby ste videli adresu na zadanie.",
  },

  kros: {
    badToken: (said: string) => `KROS odmietol token (HTTP 401)${said}.`,
    badTokenHint: "Je chybný, alebo bol v KROS zmenený. Vygenerujte nový (Nastavenia → API prepojenia → " +
      "Vygenerovať token) a zadajte ho cez spojka init.",
    noApiModule: (said: string) => `Tarifa KROS tejto firmy nezahŕňa modul API (HTTP 402)${said}.`,
    noApiModuleHint:
      "Pridajte do tarify KROS modul API (API prepojenie), alebo prejdite na tarifu, ktorá ho zahŕňa.",
    http: (status: number, said: string) => `KROS odpovedal HTTP ${status}${said}.`,
    noList: (path: string) => `KROS odpovedal na ${path} bez očakávaného zoznamu {"data": [...]}.`,
  },

  eshop: {
    answered: (shop: string, status: number, path: string, said: string) =>
      `${shop} odpovedal HTTP ${status} na ${path}${said}.`,
    shoptetCheck: (warehouses: number, target: number, isDefault: boolean) =>
      `${warehouses} ${
        plural(warehouses, "sklad", "sklady", "skladov")
      }; zásoby sa zapisujú do skladu ${target}` +
      (isDefault ? ", predvoleného skladu e-shopu" : ""),
    shoptetNoWarehouses: "Shoptet odpovedal na /api/stocks bez zoznamu skladov.",
    shoptetDetails: (n: number) =>
      `Shoptet: čítam detaily ${n} ${plural(n, "produktu", "produktov", "produktov")} kvôli ich EAN`,
    shoptetProductSet: "sada produktov, ktorej zásoba sa riadi jej položkami",
    shoptetUnplaced: (said: string) => `Shoptet ohlásil ${said}, no neuviedol produkt`,
    shoptetToken: (status: number, said: string) => `Shoptet odmietol API token (HTTP ${status})${said}.`,
    shoptetTokenHint:
      "Skontrolujte súkromný API token (e-shopy Premium: administrácia Shoptetu → Prepojenia → Prístup k API) a jeho " +
      "práva k skladom a produktom a zadajte ho cez spojka init.",
    wooCheck: (n: number | undefined) =>
      n === undefined ? "nejaké produkty" : `${n} ${plural(n, "produkt", "produkty", "produktov")}`,
    wooProducts: (n: number) => `WooCommerce: produkty a varianty: ${n}`,
    wooNotMentioned: "WooCommerce ho vo svojej odpovedi nespomenul",
    wooNotJson: (path: string, said: string) =>
      `WooCommerce odpovedal na ${path} niečím iným ako odpoveďou JSON${said}.`,
    wooNotJsonHint: "Pred REST API môže stáť bezpečnostný plugin, firewall alebo stránka údržby.",
    wooKeys: (status: number, said: string) =>
      `WooCommerce odmietol consumer key alebo consumer secret (HTTP ${status})${said}.`,
    wooKeysHint:
      "Vytvorte kľúč REST API s oprávnením Čítanie/zápis (WooCommerce → Nastavenia → Rozšírené → REST API) a " +
      "zadajte ho cez spojka init.",
  },

  connectorRun: {
    notSetUp: (id: string) => `Konektor ${id} nie je v config.toml nastavený.`,
  },

  keyFile: {
    damaged: (path: string) => `Súbor s kľúčom ${path} je poškodený.`,
    damagedHint: "Obnovte ho zo zálohy, alebo ho zmažte a spustite spojka init, aby ste heslá zadali znova.",
  },

  serveRun: {
    entities: (n: number) => `${n} ${plural(n, "entita", "entity", "entít")}`,
    notifiedStatus: (status: string) => `stav ${status}`,
    notification: (source: string, summary: string, id: string, seconds: number) =>
      `Notifikácia ${source} (${summary}): synchronizácia ${id} nasleduje o ${seconds} s`,
    cannotListen: (listen: string, why: string) => `spojka serve nemôže počúvať na ${listen}: ${why}.`,
    cannotListenHint:
      "Tento port používa iný program (alebo iný spojka serve); nastavte [serve] listen na iný port.",
    every: (id: string, minutes: number) =>
      `${id}: ${plural(minutes, "každú minútu", `každé ${minutes} minúty`, `každých ${minutes} minút`)}`,
    andNotifications: (source: string, path: string) => ` a pri notifikáciách ${source} na ${path}`,
    listening: (listen: string) => `Počúvam na http://${listen} (GET /healthz). Ukončíte klávesmi Ctrl+C.`,
    stopping: "Končím: čakám, kým dobehne prebiehajúci beh (ďalším Ctrl+C skončím hneď).",
    stopped: "Ukončené.",
    stateUnreadable: (why: string) => `stav spojky sa nedá prečítať: ${why}`,
    tryingAgain: (message: string, seconds: number) => `${message} Skúsim to znova o ${seconds} s.`,
    configGone: "config.toml zmizol.",
    cannotStart: (why: string) => `Beh nemohol začať: ${why}`,
    refused: (n: number, seconds: number, kinds: string) =>
      plural(n, `Odmietnutá ${n} požiadavka`, `Odmietnuté ${n} požiadavky`, `Odmietnutých ${n} požiadaviek`) +
      ` za posledných ${seconds} s: ${kinds}.`,
    refusalCount: (n: number, refusal: string) => `${n}× ${refusal}`,
    refusal: {
      badSignature: (header: string) => `s chybnou alebo chýbajúcou hlavičkou ${header}`,
      notANotification: "s podpisom, ale nie ako notifikácia JSON",
      notFound: "na inú adresu alebo inou metódou",
      tooLarge: (headKiB: number, bodyKiB: number) =>
        `nad limit veľkosti (viac ako ${headKiB} KiB hlavičiek alebo ${bodyKiB} KiB tela)`,
      slow: (seconds: number) => `bez úplného prenosu do ${seconds} s`,
      busy: (connections: number) => `pri ${connections} otvorených spojeniach`,
      malformed: "v inom formáte ako HTTP/1.1",
      unaccepted: "spojenie, ktoré systém neprijal",
    },
    unsignedHint: "Ak tie nepodpísané poslal KROS, autorizačný kľúč zadaný v KROS nie je kľúč spojky: " +
      "spojka init ukáže ten, ktorý treba zadať.",
    replays: (n: number) =>
      plural(
        n,
        `Ignorovaná ${n} opakovaná notifikácia KROS`,
        `Ignorované ${n} opakované notifikácie KROS`,
        `Ignorovaných ${n} opakovaných notifikácií KROS`,
      ) + " (odpoveď 200; každá už spustila svoju synchronizáciu).",
  },
  http: {
    retrying: (problem: string, attempt: number, of: number, wait: string) =>
      `${problem}; pokus ${attempt} z ${of}, znova o ${wait}`,
    answered: (service: string, status: number) => `${service} odpovedal HTTP ${status}`,
    redirects: (service: string, url: string, to: string) => `${service} presmerúva ${url} na ${to}.`,
    redirectsHint:
      "Zadajte túto adresu cez spojka init (záleží na http/https aj na www.) a spustite spojku znova.",
    stalled: (service: string, origin: string, timeout: string) =>
      `${service} na ${origin} prestal posielať odpoveď na ${timeout}`,
    timeout: (service: string, origin: string, timeout: string) =>
      `${service} na ${origin} neodpovedal do ${timeout}`,
    brokeOff: (service: string, origin: string, why: string) =>
      `odpoveď ${service} na ${origin} sa prerušila: ${why}`,
    refused: (service: string, origin: string) =>
      `nedá sa spojiť s ${service} na ${origin}: spojenie bolo odmietnuté (beží? na tomto porte?)`,
    unknownHost: (service: string, host: string) =>
      `server ${service} ${host} sa nedá nájsť: názov sa nedá preložiť (skontrolujte adresu)`,
    tls: (service: string, origin: string, why: string) =>
      `zabezpečené spojenie s ${service} na ${origin} zlyhalo: ${why}`,
    unreachable: (service: string, origin: string, why: string) =>
      `${service} na ${origin} nie je dostupný: ${why}`,
    webPage: (title: string) => `webová stránka s názvom ${title}`,
  },
  outboxRun: {
    empty: "Front na odoslanie je prázdny: cieľ potvrdil každú stiahnutú položku.",
    more: (n: number, failedOnly: boolean) =>
      `… a ${plural(n, "ďalšia", "ďalšie", "ďalších")} ${n}: spojka outbox list --all vypíše všetky` +
      (failedOnly ? "." : ", --failed len tie, ktoré zlyhali."),
    commands: "spojka outbox show <číslo> ukáže položku aj s jej XML; retry <číslo> ju hneď odošle; " +
      "drop <číslo> ju odstráni.",
    payload: (itemId: string) =>
      `Obsah (posiela sa vnútri <dat:dataPackItem id="${itemId}">, v kódovaní windows-1250):`,
    retryNeeds: "outbox retry potrebuje buď položku, alebo --failed.",
    retryNeedsHint: "spojka outbox retry <číslo> tú položku hneď odošle; spojka outbox retry --failed " +
      "odošle všetky položky, ktoré zlyhali.",
    noFailed: "Vo fronte nečaká žiadna položka, ktorá by zlyhala.",
    heldConsequence: "spojka ju prestane hlásiť; nič z nej nebolo odoslané a nič z nej sa neuchováva.",
    consequence: (source: string | undefined) =>
      `Nebude naimportovaná, kým ju ${source ?? "jej zdroj"} znova nevyexportuje.`,
    noTerminal: "outbox drop potrebuje potvrdenie a nie je tu terminál, kde by sa mohla opýtať.",
    addYes: (name: string, consequence: string) => `Pridajte --yes a ${name} sa odstráni. ${consequence}`,
    question: (name: string, consequence: string) => `Odstrániť ${name} z frontu? ${consequence}`,
    nothingDropped: "Nič nebolo odstránené.",
    cancelled: "Zrušené; nič nebolo odstránené.",
    by: (who: string | undefined) =>
      who ? `používateľ ${who}` : "neznámy používateľ (USERNAME nie je nastavené)",
    dropDetail: (by: string, reason: string | undefined) =>
      `z frontu odstránil ${by}` + (reason ? `; posledný dôvod bol: ${reason}` : ""),
    changed: (name: string) =>
      `Položka ${name} sa medzitým zmenila: synchronizácia ju potvrdila alebo znova stiahla. Nič nebolo ` +
      "odstránené.",
    changedHint: (query: string) => `spojka outbox show ${query} ukáže, či ešte čaká.`,
    dropped: (name: string, key: string, by: string, consequence: string) =>
      `Z frontu odstránené: ${name} (kľúč ${key}); požiadal o to ${by}. ${consequence}`,
    matches: (query: string, total: number, candidates: string) =>
      `„${query}“ zodpovedá ${total} čakajúcim položkám:\n${candidates}`,
    candidatesMore: (n: number) => `  … a ${plural(n, "ďalšia", "ďalšie", "ďalších")} ${n}`,
    matchesHint: "Uveďte jednu z nich jej kľúčom (ako je vypísaný vyššie) alebo dlhšou časťou jej čísla.",
    heldNothing: (name: string, reason: string) =>
      `Položka ${name} je zadržaná a nič z nej sa neuchováva, čo by sa dalo odoslať: ${reason}`,
    gone: (query: string) => `Žiadna čakajúca položka nezodpovedá „${query}“.`,
    goneHint: "spojka outbox list ukáže, čo čaká. Položku, ktorá tam už nie je, cieľ potvrdil, alebo bola " +
      "odstránená: spojka status ukáže posledné behy.",
    stays: (what: string) => `${what}. Zostáva vo fronte; každá synchronizácia ju skúsi znova.`,
    left: (what: string) => `${what}. Opustila front.`,
    outcomesMore: "… a ďalšie: spojka status --items vypíše každú položku.",
    notSetUp: (id: string) => `Konektor ${id}, ktorý odosiela front, nie je v config.toml nastavený.`,
    headings: {
      failed: "Zlyhali (cieľ ich odmietol; každá synchronizácia ich skúsi znova):",
      held: "Zadržané (vynechané z exportu, nikdy neodoslané; každá zostane, kým ju neopravíte alebo " +
        "neodstránite):",
      pending: "Čakajú (ešte neodoslané, alebo odpoveď nebola istá):",
    },
    counts: (pending: number, failed: number, held: number) =>
      `čaká ${pending}, zlyhalo ${failed}` + (held > 0 ? `, zadržané ${held}` : ""),
    status: { failed: "zlyhala", held: "zadržaná", pending: "čaká" },
    held: "zadržaná",
    notSentYet: "ešte neodoslaná",
    attempts: (n: number, last: string) =>
      `${n} ${plural(n, "pokus", "pokusy", "pokusov")}, posledný ${last}`,
    item: (name: string, tried: string, queued: string) => `  ${name}: ${tried}; vo fronte od ${queued}`,
    reason: (reason: string) => `    dôvod: ${reason}`,
    statusLong: {
      failed: "zlyhala: cieľ ju odmietol; každá synchronizácia ju skúsi znova",
      held: "zadržaná: vynechaná z exportu, nikdy neodoslaná",
      pending: "čaká: ešte neodoslaná, alebo odpoveď nebola istá",
    },
    field: {
      status: "stav",
      reason: "dôvod",
      attempts: "pokusy",
      lastAttempt: "posledný pokus",
      firstQueued: "vo fronte od",
      connector: "konektor",
      key: "kľúč",
      itemId: "id položky",
    },
  },
  verifyRun: {
    noPohoda: "POHODA nie je v config.toml nastavená, takže nie je čo overovať.",
    noPohodaHint: "Spustite spojka init a zvoľte FLOWii → POHODA.",
    badSince: (value: string) => `--since ${value} nie je dátum.`,
    badSinceHint: "Zadajte deň ako RRRR-MM-DD, napr. --since 2026-03-01.",
    listing: (agenda: string, count: number) => `Načítavam z POHODY agendu ${agenda} (kontrolujem ${count})`,
    headings: {
      missing: "V POHODE chýba",
      duplicated: "V POHODE viackrát",
      mismatched: "V POHODE inak",
    },
    checked: (documents: number, since: string | undefined, partners: number) =>
      `Porovnané s POHODOU: ${documents} ${plural(documents, "doklad", "doklady", "dokladov")}` +
      (since ? ` (potvrdené od ${since})` : "") +
      `, ${partners} ${plural(partners, "partner", "partneri", "partnerov")}.`,
    ledgerStarts: (at: string) =>
      `spojka vedie záznam, podľa ktorého kontroluje, od ${at}; čo potvrdila skôr, sa nekontroluje.`,
    notChecked: (count: number, agenda: string) =>
      `${count} ${plural(count, "položka", "položky", "položiek")} (${agenda}) ${
        plural(count, "nemá", "nemajú", "nemá")
      } nič, podľa čoho by ` +
      `sa dalo v POHODE hľadať (číslo, id), a ${
        plural(count, "nebola skontrolovaná", "neboli skontrolované", "nebolo skontrolovaných")
      }.`,
    nothingYet: "spojka zatiaľ nič nepotvrdila, takže nie je čo kontrolovať.",
    allAgree: "Všetko súhlasí: každý je v POHODE raz, s rovnakým číslom, IČO partnera aj celkovou sumou.",
    more: (n: number) =>
      `  … a ${plural(n, "ďalšia", "ďalšie", "ďalších")} ${n} (spojka verify --json vypíše všetky)`,
    problems: (n: number) =>
      `${n} ${plural(n, "problém", "problémy", "problémov")}. Dohľadajte ich v POHODE: spojka znova ` +
      "neimportuje doklad, ktorý POHODA mala (ani zmazaný), a nič v nej nemení ani neodstraňuje.",
    confirmed: (imported: boolean, at: string) =>
      `${imported ? "naimportované" : "nájdené už v POHODE"} ${at}`,
    records: (n: number, records: string) => `${n} ${plural(n, "záznam", "záznamy", "záznamov")}: ${records}`,
    notFound: (confirmed: string) => `v POHODE nenájdené (${confirmed})`,
    noIdentity: "bez identifikácie",
    byExtId: (system: string, ids: string) => `hľadané podľa id ${system} ${ids}`,
    byIco: (ico: string) => `hľadané podľa IČO ${ico}`,
    pohodaId: (id: string) => `id v POHODE ${id}`,
    icoDiffers: (ours: string | undefined, theirs: string | undefined) =>
      `IČO partnera tu ${ours ?? "žiadne"}, v POHODE ${theirs ?? "žiadne"}`,
    currencyDiffers: (ours: string | undefined, theirs: string | undefined) =>
      `mena tu ${ours ?? "domáca"}, v POHODE ${theirs ?? "domáca"}`,
    totalDiffers: (ours: string, theirs: string) => `celkom tu ${ours}, v POHODE ${theirs}`,
    unknown: "neznáma",
    total: (amount: string) => `celkom ${amount}`,
    noNumber: "(bez čísla)",
  },
  progress: {
    decimal: ",",
    unit: "položiek",
    eta: (time: string) => `zostáva ${time}`,
    amountOf: (count: string, total: string) => `${count} z ${total}`,
    left: (time: string) => `zostáva asi ${time}`,
  },
  alerts: {
    on: (host: string | undefined) => host ? ` na počítači ${host}` : "",
    details: (dir: string, on: string, logFile: string) =>
      `Podrobnosti: spustite "spojka status" v dátovom priečinku ${dir}${on}; log je ${logFile}.`,
    recoverySubject: (title: string, on: string) => `[spojka] ${title} znova funguje${on}`,
    recoveryIntro: (title: string, on: string, when: string) =>
      `Beh ${title}${on}, ktorý skončil ${when}, prebehol:`,
    ended: {
      failed: (since: string) => `už nekončí chybou (prvýkrát nahlásené ${since})`,
      rejected: (since: string) =>
        `žiadna položka nebola odmietnutá (odmietnuté položky prvýkrát nahlásené ${since})`,
    },
    lasted: (since: string) => `Trvá to od ${since}.`,
    promise: (hours: number) =>
      `spojka sa ozve znova, ak to potrvá ešte ${
        hours === 1 ? "hodinu" : `${hours} ${plural(hours, "hodinu", "hodiny", "hodín")}`
      }, a dá vedieť, keď beh prebehne v poriadku.`,
    failedSubject: (title: string, reminder: boolean, on: string) =>
      `[spojka] ${title} ${reminder ? "stále zlyháva" : "zlyhal"}${on}`,
    failedIntro: (title: string, on: string, when: string, code: number) =>
      `Beh ${title}${on} sa ${when} zastavil s chybou (kód ukončenia ${code}):`,
    nothingLost: "Nič sa nestratilo: ďalší beh to skúsi znova.",
    rejectedSubject: (title: string, n: number, on: string) =>
      `[spojka] ${title}: ${n} ${
        plural(n, "odmietnutá položka", "odmietnuté položky", "odmietnutých položiek")
      }${on}`,
    rejectedIntro: (title: string, on: string, when: string, n: number) =>
      `Beh ${title}${on}, ktorý skončil ${when}, nemohol doručiť ${n} ${
        plural(n, "položku", "položky", "položiek")
      }:`,
    rejectedMore: (n: number) =>
      `- a ${plural(n, "ďalšia", "ďalšie", "ďalších")} ${n} ("spojka status --items" vypíše všetky).`,
    eachReason: "Každý dôvod hovorí, čo opraviť; keď to opravíte, ďalší beh položku prevezme.",
    sent: (channel: string, subject: string) => `Upozornenie odoslané (${channel}): ${subject}`,
    notSent: (channel: string, subject: string, why: string) =>
      `Upozornenie „${subject}“ sa nepodarilo odoslať (${channel}): ${why} Skúsi sa znova po ďalšom behu.`,
    broken: (why: string) => `Upozornenia sa nedali pripraviť: ${why} Na výsledok behu to nemá vplyv.`,
    webhookUnencrypted:
      "Upozornenie: [alerts] webhook_url je v config.toml uložená nešifrovane, ako ju zapísala staršia " +
      "spojka. Spustite spojka init (stačí nič nemeniť) a uloží sa šifrovane.",
    webhook: "webhook upozornení",
    webhookAnswered: (origin: string, status: number, body: string) =>
      `webhook upozornení na ${origin} odpovedal ${status}${body}.`,
    signedIn: (user: string) => `, prihlásené ako ${user}`,
    smtpAuth: (server: string, said: string) =>
      `SMTP server ${server} odmietol prihlásenie (smtp_user, smtp_password): ${said}`,
    smtpTls: (server: string, said: string) =>
      `SMTP server ${server} nedokázal zabezpečiť spojenie (smtp_security): ${said}`,
    smtpEnvelope: (server: string, said: string) =>
      `SMTP server ${server} odmietol odosielateľa alebo príjemcu (email_from, email_to): ${said}`,
    smtpUnreachable: (server: string, said: string) =>
      `SMTP server ${server} nie je dostupný (smtp_host, smtp_port, smtp_security): ${said}`,
    smtpOther: (server: string, said: string) => `SMTP server ${server} správu neprevzal: ${said}`,
  },
  pohodaLink: {
    year: (year: string) => `rok ${year}`,
    answersFor: (unit: string | undefined) => unit ? `odpovedá za ${unit}` : "odpovedá",
    localhost: "localhost sa môže preložiť na IPv6 adresu ::1, na ktorej mServer nepočúva. Uveďte v " +
      "[pohoda] url 127.0.0.1.",
    badLogin: (said: string) => `POHODA odmietla používateľské meno alebo heslo (HTTP 401)${said}.`,
    badLoginHint:
      "Skontrolujte [pohoda] user a password cez spojka init; používateľ musí v tejto účtovnej jednotke existovať.",
    noAccess: (said: string) => `POHODA odmietla prístup k účtovnej jednotke (HTTP 403)${said}.`,
    noAccessHint: "Dajte používateľovi práva otvoriť účtovnú jednotku a importovať XML.",
    noAddress: (url: string) => `mServer takú adresu nemá: ${url} (HTTP 404).`,
    noAddressHint: "URL musí končiť /xml, napr. http://127.0.0.1:444/xml.",
    http: (status: number, said: string) => `mServer odpovedal HTTP ${status}${said}.`,
    lookupPurpose: "Dohľadanie dokladu podľa čísla",
    listsNeedMServer: (purpose: string) =>
      `${purpose} potrebuje POHODA mServer: výmena súborov /XML (transport = "xml-folder") na požiadavky ` +
      "na zoznamy neodpovedá",
    listsNeedMServerHint: 'Nastavte konfiguráciu mServera a pre ňu [pohoda] transport = "mserver", alebo ' +
      "skontrolujte POHODU ručne.",
    cannotStart: (exe: string, why: string) => `spojka nemôže spustiť POHODU: ${exe} (${why}).`,
    exeHint:
      "Nastavte [pohoda] exe na Pohoda.exe v priečinku programu POHODA (spustite spojka init), alebo " +
      "ho vynechajte a spúšťajte POHODU sami (spojka help config, [pohoda] transport).",
    otherUnit: (database: string, unitIco: string, ico: string) =>
      `[pohoda] database ${database} je účtovná jednotka IČO ${unitIco}, ale [pohoda] ico je ${ico}.`,
    otherUnitHint: (example: string) => `Uveďte účtovnú jednotku tejto firmy, napr. database = "${example}".`,
    sameFolder: (dir: string) => `[pohoda] input_dir aj response_dir sú oba ${dir}.`,
    sameFolderHint: "Dajte odpovediam POHODY vlastný priečinok, alebo oba vynechajte a platia predvolené.",
    where: (input: string, response: string) => `balíky idú do ${input} a odpovede POHODY do ${response}`,
    runYourself: (where: string, partners: string, documents: string) =>
      `${where}; spustite na ne POHODU s ${partners}, potom s ${documents} (spojka help config, [pohoda] ` +
      "transport)",
    startsExe: (exe: string, database: string, where: string) =>
      `spojka spúšťa ${exe} pre účtovnú jednotku ${database}; ${where}. Používateľa a heslo POHODA ` +
      "skontroluje pri prvom importe",
    notAProgram: (exe: string, exists: boolean) =>
      `[pohoda] exe ${exe} ${exists ? "nie je program" : "neexistuje"}.`,
    quote:
      'Používateľské meno alebo heslo POHODY obsahuje úvodzovky ("), ktoré sa nedajú odovzdať Pohoda.exe.',
    quoteHint: "Dajte používateľovi POHODY heslo bez úvodzoviek a potom spustite spojka init.",
    exeEnded: (code: number | undefined, answer: string) =>
      `Pohoda.exe skončila (kód ukončenia ${code}) a nezapísala odpoveď ${answer}.`,
    exeEndedHint: (command: string) =>
      "Položky balíka čakajú vo fronte a ďalší beh spustí POHODU na ten istý balík znova; kontrola " +
      "duplicity v POHODE spozná, čo už naimportovala. Ak sa to opakuje, dôvod ukáže log importov XML " +
      `v POHODE, alebo príkaz spustený ručne (${command}).`,
    exeRunning: (seconds: number) =>
      `Pohoda.exe neskončila do ${seconds} sekúnd ([pohoda] exe_timeout_seconds). spojka prestala čakať, ` +
      "ale nechá POHODU bežať: zastaviť ju uprostred importu by mohlo poškodiť jej dáta.",
    exeRunningHint: (minutes: number) =>
      "Pozrite sa na tomto počítači po okne POHODY, ktoré čaká na odpoveď. Ďalší beh prečíta odpoveď " +
      `POHODY, ak už bude zapísaná; inak sa POHODA na balík spustí znova po ${minutes} ${
        plural(minutes, "minúte", "minútach", "minútach")
      }.`,
    sendAgain: (why: string, n: number) => `${why}; znova sa posiela: ${items(n)}.`,
    packGone: (pack: string) => `${pack} zmizol bez odpovede`,
    notAnswer: (answer: string, problem: string) => ` (${answer} nie je odpoveď: ${problem})`,
    notAnswered: (pack: string, minutes: number, unread: string) =>
      `POHODA na ${pack} neodpovedala za ${minutes} ${plural(minutes, "minútu", "minúty", "minút")}${unread}`,
    unreadable: (path: string, why: string) => `POHODA: ${path} sa nedá prečítať (${why}); odstránené.`,
  },
  pohodaList: {
    notSent: (reason: string) => `Požiadavku na zoznam sa nepodarilo odoslať: ${reason}`,
    notXml: (why: string) => `nie je to XML (${why})`,
    notResponsePack: (root: string) => `očakávaný rsp:responsePack, nájdený <${root}>`,
    refused: (note: string) => `POHODA odmietla požiadavku na zoznam: ${note}.`,
    notAResponse: (problem: string) =>
      `mServer na požiadavku na zoznam neodpovedal odpoveďou POHODY: ${problem}.`,
    cannotList: (reason: string) => `POHODA nemohla vypísať záznamy: ${reason}.`,
    parts: "POHODA rozdelila odpoveď so zoznamom na časti (súbory), ktoré spojka cez mServer prečítať nevie.",
    samePage: "POHODA odpovedala na ďalšiu stránku zoznamu záznamami, ktoré už poslala (nepoužíva " +
      "ftr:idFrom), takže zoznam sa nedá dokončiť.",
    noIds: "Odpoveď POHODY so zoznamom neuvádza id záznamov, takže sa nedá čítať po stránkach.",
    notMentioned: "Odpoveď POHODY na požiadavku na zoznam ho nespomína.",
  },
  fieldCheck: {
    agendaElement: "prvok agendy",
    nul: "znak NUL (U+0000)",
    control: (codePoint: string) => `riadiaci znak ${codePoint}`,
    damaged: (codePoint: string, letter: string) =>
      `riadiaci znak ${codePoint} (často písmeno „${letter}“ poškodené nesprávnou znakovou sadou)`,
    undefinedByte: (codePoint: string, byte: string) =>
      `znak ${codePoint} (bajt 0x${byte}, ktorý windows-1250 nedefinuje)`,
    outside: (char: string, codePoint: string) => `„${char}“ (${codePoint}, nie je vo windows-1250)`,
    tooLong: (field: string, length: number, limit: number, excerpt: string) =>
      `${field}: ${length} ${
        plural(length, "znak", "znaky", "znakov")
      } a POHODA tu prijme najviac ${limit} ` +
      `(„${excerpt}“). Skráťte text vo FLOWii.`,
    cannotTake: (field: string, what: string, excerpt: string, invisible: boolean) =>
      `${field}: POHODA neprijme ${what} v „${excerpt}“. Opravte text vo FLOWii` +
      (invisible ? " (znak je neviditeľný: prepíšte text okolo neho)." : "."),
    removed: (field: string, what: string, excerpt: string) => `${field}: odstránený ${what} z „${excerpt}“`,
    more: (n: number) => `(a ${n} ${plural(n, "ďalší", "ďalšie", "ďalších")})`,
    transliterate:
      'Pri znakoch môžete namiesto toho nastaviť v [pohoda] unsupported_characters = "transliterate": ' +
      "spojka potom písmená, ktoré windows-1250 nemá, nahradí základným písmenom a riadiace znaky odstráni, " +
      "vždy s poznámkou.",
    cutShort: (token: string) => `XML položky je neúplné (chýba ${token})`,
    cutShortTag: "XML položky je neúplné (uprostred začiatočnej značky)",
    cutShortAttribute: "XML položky je neúplné (uprostred atribútu)",
  },
  pohodaAnswer: {
    refusedWithoutWhy: "POHODA odmietla balík bez uvedenia dôvodu",
    noDetails: "POHODA ohlásila chybu bez podrobností",
    noText: "(bez textu)",
    record: "záznam",
    importedBefore: (agenda: string, number: string | undefined, id: string) =>
      `skôr importované ako ${[agenda, number].filter(Boolean).join(" ")} (id ${id})`,
    unanswered: (why: string) =>
      `odpoveď POHODY o ňom nič nehovorí; ${why}: zostáva vo fronte a pri ďalšom behu sa odošle znova, ` +
      "a ak do POHODY dorazil, POHODA ho spozná",
    unansweredNoNumber: "nedá sa dohľadať podľa čísla dokladu",
    unansweredLookupFailed: (why: string) => `dohľadanie zlyhalo (${why})`,
    unansweredNone: (agenda: string, number: string) => `POHODA nemá v agende ${agenda} doklad ${number}`,
    unansweredSeveral: (n: number, number: string) =>
      `POHODA má ${n} ${plural(n, "doklad", "doklady", "dokladov")} s číslom ${number}`,
    unansweredOther: (theirs: string, differ: string) => `v POHODE je ${theirs} iný doklad (${differ})`,
    deletedSince: "skôr importované a medzitým v POHODE zmazané",
    numberExists: (detail: string) => `číslo v POHODE už existuje: ${detail}`,
    cannotLookUp: (detail: string) =>
      `${detail}. spojka nemôže tento záznam v POHODE dohľadať, preto ho nepočíta ako importovaný: ` +
      "overte v POHODE, či tam je.",
    lookupFailed: (detail: string, why: string) =>
      `${detail}. Dohľadanie čísla v POHODE zlyhalo (${why}); pri ďalšom behu sa overí znova.`,
    notListed: (number: string, agenda: string) =>
      `POHODA hlási, že číslo ${number} existuje, ale v agende ${agenda} s ním žiadny doklad nevypisuje; ` +
      "doklad sa pri ďalšom behu odošle znova.",
    usedBy: (number: string, n: number, documents: string) =>
      `číslo ${number} má v POHODE ${n} ${plural(n, "doklad", "doklady", "dokladov")}: ${documents}. ` +
      "Tento doklad nebol importovaný; skontrolujte ich v POHODE.",
    takenByOther: (number: string, theirs: string, ours: string, differ: string) =>
      `číslo ${number} má v POHODE iný doklad: POHODA má ${theirs}, tento je ${ours} (${differ}). ` +
      "Nebol importovaný: dajte mu vo FLOWii iné číslo, alebo opravte ten v POHODE.",
    sameDocument: (withTotal: boolean, document: string) =>
      `jeho číslo už v POHODE existuje ako ten istý doklad (${
        withTotal ? "IČO partnera a celková suma sa zhodujú" : "IČO partnera sa zhoduje"
      }): ${document}`,
  },
  mserverCheck: {
    noStatusPage: "mServer nemá stavovú stránku (GET /status); kontroly pred importom boli preskočené.",
    busy: (state: string, processing: number | undefined) =>
      `mServer je v stave ${state}${
        processing
          ? `, vo fronte má ${processing} ${plural(processing, "požiadavku", "požiadavky", "požiadaviek")}`
          : ""
      }; balíky spojky čakajú, kým na ne príde rad.`,
    otherUnit: (url: string, unitIco: string, unit: string, ico: string) =>
      `mServer na ${url} obsluhuje účtovnú jednotku s IČO ${unitIco}${unit ? ` (${unit})` : ""}, ` +
      `ale [pohoda] ico je ${ico}.`,
    otherUnitHint:
      "Nasmerujte [pohoda] url na konfiguráciu mServera správnej firmy a správneho roka, alebo opravte IČO.",
    noIco: "mServer neuviedol, ktoré IČO obsluhuje; POHODA ho skontroluje pri importe.",
    statusNotXml: "Stavová stránka mServera nie je XML; preskočené",
  },
  pohodaFiles: {
    lineBreak: (line: string) => `Nastavenie v INI súbore pre POHODU obsahuje zalomenie riadka: ${line}`,
    lacking: (chars: string) =>
      `Názov priečinka alebo databázy pre POHODU obsahuje ${chars}, čo INI súbor POHODY (windows-1250) ` +
      "nevie uložiť.",
    lackingHint: "Zvoľte [pohoda] input_dir, response_dir a database bez týchto znakov.",
    wrote: (path: string) => `POHODA: zapísaný ${path}`,
    starting: (exe: string, ini: string) => `POHODA: spúšťam ${exe} /XML so súborom ${ini}`,
  },
  pohodaExport: {
    notDataPack: (root: string) => `očakávaný dataPack POHODY (verzia 2), nájdený <${root}>`,
    unknownAgenda: (name: string) =>
      `pri tomto druhu záznamu (<${name}>) spojka nedokáže zabrániť, aby ho POHODA importovala dvakrát, ` +
      "preto bol vynechaný: spojka importuje faktúry, zálohy, objednávky a partnerov. Ak ho potrebujete, " +
      "zadajte ho do POHODY ručne.",
    noIdentity: "nemá číslo ani externé id, takže by POHODA nerozoznala jeho zmenenú verziu od nového " +
      "dokladu a importovala by ho dvakrát; bol vynechaný. Dajte mu číslo vo FLOWii: keď ho FLOWii znova " +
      "vyexportuje, spojka ho importuje.",
    transliterated: (value: string, fixed: string, chars: string) =>
      `„${value}“ odoslané ako „${fixed}“ (windows-1250 nemá ${chars})`,
    record: (n: number) => `záznam ${n}`,
    unknownEncoding: (label: string) => `XML uvádza kódovanie „${label}“, ktoré spojka nepozná`,
    notUtf8: "XML uvádza UTF-8, ale jeho bajty nie sú platné UTF-8 (nie je to windows-1250?)",
    badBom: (encoding: string) =>
      `XML začína značkou poradia bajtov (BOM) ${encoding}, ale jeho bajty nie sú platné ${encoding} ` +
      "(chýba bajt na konci, alebo polovica dvojice znakov)",
  },
  xmlSyntax: {
    at: (message: string, line: number, column: number) => `${message} (riadok ${line}, stĺpec ${column})`,
    inside: {
      tag: "značky",
      startTag: "začiatočnej značky",
      endTag: "koncovej značky",
      comment: "komentára",
      cdata: "sekcie CDATA",
      pi: "inštrukcie na spracovanie",
      declaration: "deklarácie",
      attributeValue: "hodnoty atribútu",
    },
    endsInside: (what: string) => `dokument končí uprostred ${what}`,
    noRoot: "dokument nemá koreňový prvok",
    markupTooLong: (max: number) => `značkovanie mimo záznamov je dlhšie ako ${max} znakov`,
    textOutside: (after: boolean) => `text ${after ? "za" : "pred"} koreňovým prvkom`,
    bareAmpersand: "znak &, ktorý nezačína odkaz (& sa zapisuje ako &amp;)",
    undefinedEntity: (name: string) =>
      `entita &${name}; nie je definovaná (spojka neprijíma DTD; len &lt; &gt; &amp; &quot; &apos; a &#…;)`,
    illegalCharacter: (name: string) => `&${name}; odkazuje na znak, ktorý XML nepovoľuje`,
    longName: (max: number) => `názov dlhší ako ${max} znakov`,
    bareLt: "znak <, ktorý nezačína prvok (< sa zapisuje ako &lt;)",
    slashInside: (name: string) => `znak / vnútri <${name}>`,
    badAttribute: (name: string) => `chybný zápis atribútu v <${name}>`,
    noValue: (attr: string, name: string) => `atribút ${attr} prvku <${name}> nemá hodnotu (=)`,
    notQuoted: (attr: string, name: string) =>
      `hodnota atribútu ${attr} prvku <${name}> nie je v úvodzovkách`,
    ltInValue: "znak < vnútri hodnoty atribútu",
    ltInside: (name: string) => `znak < vnútri <${name}>`,
    secondRoot: (name: string) => `<${name}>: druhý prvok za koreňovým prvkom`,
    tooDeep: (max: number) => `prvky vnorené hlbšie ako ${max}`,
    undeclared: (attr: string) => `${attr}="" (prefix nemožno zrušiť)`,
    repeatsAttribute: (name: string, attr: string) => `<${name}> opakuje atribút ${attr}`,
    badName: (name: string) => `<${name}> nie je platný kvalifikovaný názov`,
    undeclaredPrefix: (name: string) => `prefix menného priestoru <${name}> nie je deklarovaný`,
    twoNamespaces: (name: string, prefix: string) =>
      `<${name}> používa prefix „${prefix}“ pre dva menné priestory naraz`,
    closesNothing: (name: string) => `</${name}> neuzatvára žiadny prvok`,
    endlessEndTag: "koncová značka, ktorá nekončí",
    wrongEndTag: (found: string, expected: string) => `</${found}> tam, kde sa čakalo </${expected}>`,
    badComment: "<!-, ktoré nezačína komentár",
    badCdata: "<![, ktoré nezačína sekciu CDATA",
    cdataOutside: "sekcia CDATA mimo koreňového prvku",
    dtd: "DOCTYPE alebo iné značkovanie DTD: spojka neprijíma DTD ani deklarácie entít",
    malformed: "DTD alebo chybné značkovanie",
  },
  zip: {
    outside: (name: string) => `obsahuje položku s názvom „${name}“, ktorý mieri mimo svojho priečinka`,
    unreadable: (why: string) => `nie je to čitateľný zip (${why})`,
    tooManyEntries: (count: number, max: number) =>
      `obsahuje ${count} ${plural(count, "položku", "položky", "položiek")}, viac ako limit ${max}`,
    twoNamed: (name: string) => `obsahuje dva súbory s názvom „${name}“`,
    cannotUnpack: (file: string, why: string) => `${file} nemožno rozbaliť: ${why}`,
    notReadToEnd: (file: string) => `${file} nebol dočítaný do konca`,
    wrongSize: "nerozbalí sa na veľkosť, ktorú uvádza jeho hlavička",
    checksum: "jeho obsah nezodpovedá kontrolnému súčtu (zip je poškodený)",
    tooBig: (mib: number) => `rozbalený má viac ako ${mib} MiB (max_unzipped_mb)`,
  },
  flowii: {
    badLogin: (said: string) => `FLOWii odmietol používateľské meno alebo heslo${said}.`,
    badLoginHint: "Skontrolujte [flowii] user a password cez spojka init (prihlasovací e-mail a heslo " +
      "účtu FLOWii).",
    badKey: (said: string) => `FLOWii odmietol API kľúč${said}.`,
    badKeyHint:
      "Skopírujte API kľúč znova z FLOWii (Nastavenia → Rozšírenia → API) a zadajte ho cez spojka init.",
    noToken: (status: number, said: string) => `FLOWii nevydal token (HTTP ${status})${said}.`,
    noAccess: (stream: string, status: number, said: string) =>
      `FLOWii odmietol prístup k exportu (${stream}) (HTTP ${status})${said}.`,
    noAccessHint:
      "Používateľ API potrebuje prístup k firme; skontrolujte [flowii] company_id a práva používateľa vo FLOWii.",
    noExport: (stream: string, path: string, said: string) =>
      `FLOWii nemá export (${stream}) na ${path} (HTTP 404)${said}.`,
    noExportHint: "FLOWii cesty exportov nezverejňuje; skontrolujte [flowii.endpoints] (spojka help config).",
    exportFailed: (stream: string, status: number, said: string) =>
      `Export FLOWii (${stream}) zlyhal (HTTP ${status})${said}.`,
    noContentType: "niečo bez typu obsahu",
    notAZip: (type: string, stream: string, said: string) =>
      `FLOWii poslal ${type} namiesto zipu (${stream})${said}.`,
    notAZipHint: "FLOWii môže mať údržbu; ďalší beh to skúsi znova. Nič sa nestratilo.",
    tokenObtained: (seconds: number) => `Token FLOWii získaný, platí ${seconds} s`,
  },
  cursorTime: {
    neither: "nie je dátum (2026-01-31, 31.1.2026, 2026-01-31 14:30) ani UNIX čas",
    before2000: (at: string) => `je ${at}, pred rokom 2000`,
    future: (at: string) => `je ${at}, v budúcnosti`,
  },
};
