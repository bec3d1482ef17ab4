/**
 * The English message catalogue, and the source of the catalogue's type: `cs.ts` and `sk.ts` are
 * typed {@linkcode Catalogue}, so a message missing there fails the type check. A message is a
 * string, or a function of its values when it holds numbers (for plural forms) or names.
 *
 * @module
 */

import { english as plural } from "./plural.ts";

const items = (n: number) => `${n} ${plural(n, "item", "items")}`;

export const en = {
  /** POHODA's agendas under the names its own menus show (agenda or document type → name). */
  agenda: {
    addressbook: "Address book",
    issuedInvoice: "Issued invoices",
    issuedCreditNotice: "Issued invoices (credit note)",
    issuedDebitNote: "Issued invoices (debit note)",
    issuedAdvanceInvoice: "Issued advance invoices",
    issuedProformaInvoice: "Issued invoices (pro forma)",
    issuedCorrectiveTax: "Issued invoices (corrective tax document)",
    penalty: "Other receivables (penalty)",
    receivable: "Other receivables",
    receivedInvoice: "Received invoices",
    receivedCreditNotice: "Received invoices (credit note)",
    receivedDebitNote: "Received invoices (debit note)",
    receivedAdvanceInvoice: "Received advance invoices",
    receivedProformaInvoice: "Received invoices (pro forma)",
    receivedCorrectiveTax: "Received invoices (corrective tax document)",
    commitment: "Other liabilities",
    receivedOrder: "Received orders",
    issuedOrder: "Issued orders",
    product: "Shop products",
  } as Record<string, string>,
  /** What happened to an item (the words of the run summary and of `status`). */
  outcome: {
    fetched: "fetched",
    imported: "imported",
    updated: "updated",
    already_present: "already present",
    with_warnings: "with warnings",
    failed: "failed",
    no_answer: "no answer",
    unanswered: "no answer",
    dropped: "dropped",
    duplicate: "duplicate",
    named_twice: "named twice",
    number_taken: "number taken",
    rejected: "rejected",
    too_large: "too large",
    refused: "refused",
    transliterated: "transliterated",
  } as Record<string, string>,
  nothing: "nothing",

  cli: {
    description: "Moves data between FLOWii, KROS, e-shops and POHODA. Exit codes: spojka help exit-codes.",
    dirOption: "data folder (default: the program's folder; SPOJKA_HOME overrides)",
    langOption:
      "language of the messages: cs, sk or en (default: language in config.toml, else the system's)",
    helpOption: "show this help",
    versionOption: "show the version",
    afterError: "(spojka --help lists the commands)",
    badLang: (given: string) => `--lang ${JSON.stringify(given)} is not a language spojka speaks.`,
    badLangHint: "Use --lang cs (čeština), --lang sk (slovenčina) or --lang en (English).",
    help: "show help: for a command, or a topic: config (the documented config.toml), exit-codes",
    helpTopic: "a command, config or exit-codes",
    unknownTopic: (topic: string) => `spojka help knows no command or topic "${topic}".`,
    unknownTopicHint: "spojka help config, spojka help exit-codes, or spojka help <command>.",
    exitCodesTitle: "spojka's exit codes (for scripts and Task Scheduler's Last Run Result):",
    init: "set up the connectors: asks for accounts and passwords, stores them encrypted",
    initNonInteractive: "take every value from SPOJKA_* environment variables",
    initFromLastrun: "start both FLOWii streams where the vendor's connector stopped (its lastrun.txt)",
    serve: "keep running: sync on each connector's interval and on KROS notifications; GET /healthz",
    sync: "run the configured connectors once (or only the one named: flowii, stock)",
    syncConnector: "run only this connector",
    syncDryRun: "fetch and transform, write the packs that would be posted to a folder, post nothing",
    syncOut: "where --dry-run writes the packs (default: dry-run-<time> in the data folder)",
    reset: "--cursor: fetch everything again on the next sync; --all: remove config, key and state",
    resetCursor: "forget where each stream continues",
    resetTo: "with --cursor: continue FLOWii from this date (2026-01-31) or UNIX time",
    resetAll: "remove config.toml, spojka.key and the state (logs and downloads stay)",
    resetNewState: "start with an empty state where state.db is missing (spojka will not on its own)",
    yes: "do not ask for confirmation",
    schedule: "print the Task Scheduler command (cron and systemd on Linux) that runs spojka regularly",
    scheduleEvery: "run sync every this many minutes (default 30)",
    scheduleAt: "run sync once a day at this time instead",
    scheduleServe: "start spojka serve when the computer starts instead",
    scheduleName: "the task's name (default spojka, or spojka-serve)",
    scheduleInstall: "Windows: create the task now (as an administrator)",
    status:
      "show waiting and failed items, the last runs and the cursors (--verbose: also the configuration)",
    statusJson: "print JSON for scripts (every item of the last runs that needs attention)",
    statusItems: "list every item of the last runs that needs attention, not just the first 20",
    statusVerbose: "also show the configuration (secrets masked)",
    verify:
      "check that POHODA holds everything spojka confirmed, once, with the same number, partner and total",
    verifySince: "only documents confirmed since this day (YYYY-MM-DD); partners are always checked",
    json: "print JSON for scripts",
    outbox: "what waits for its target: list it, show, retry or drop an item (list is the default)",
    outboxList: "waiting and failed items: counts per agenda, then the first 20, failed first",
    outboxFailed: "only the items the target refused",
    outboxAll: "every item, not only the first 20",
    outboxShow: "one item: its fields, the target's reason and its XML",
    outboxItem: "its document number, key, item id, or a part of its label",
    outboxRetry: "send an item (or every failed one) to POHODA now; exit codes as for sync",
    outboxRetryFailed: "every failed item",
    outboxDrop: "remove an item after a confirmation; it is not imported unless its source exports it again",
  },

  /** Accounting years: `[pohoda.units]` (src/pohoda/units.ts). */
  units: {
    notUrl: (year: string) =>
      `must be the mServer URL of the accounting unit of ${year}, e.g. ${year} = "http://127.0.0.1:444/xml"`,
    notDatabase: (year: string, database: string, expected: string) =>
      `${database} is not a database of the accounting year ${year}; with transport = "xml-folder" it must ` +
      `name that year's unit, e.g. ${year} = "${expected}"`,
    wrongYear: (year: number, service: string, where: string, reported: number, summary: string) =>
      `${service} at ${where} serves the accounting year ${reported} (it ${summary}), but [pohoda.units] ` +
      `names it as the unit of ${year}.`,
    wrongYearHint: (year: number, reported: number) =>
      `In POHODA, create (or find) the mServer configuration of the ${year} accounting unit and put its URL ` +
      `under [pohoda.units] as ${year} = "…"; or write this one as ${reported} = "…". Nothing was sent.`,
    waiting: (n: number, year: number) =>
      `${items(n)} dated ${year} wait in the outbox: no accounting unit of ${year} is configured.`,
    waitingHint: (year: number, example: string) =>
      `Add ${year} = "${example}" (that year's unit) under [pohoda.units] in config.toml; the next run sends them.`,
    statusWaiting: (n: number, year: number) =>
      `  ${year}: ${items(n)} wait for the accounting unit of ${year}`,
  },

  /** What each exit code means (`spojka help exit-codes`). */
  exitCode: {
    0: "everything that was asked for was done",
    1: "the run finished, but some items failed or got no answer (kept and retried on the next run), " +
      "or were left out (too large, refused): spojka status names them",
    2: "configuration or usage error: fix the config (spojka init) or the command line",
    3: "another spojka run holds the data folder, or another program holds state.db or another file",
    4: "a service cannot be reached, refuses the credentials, or refuses the whole request",
    5: "spojka verify found what spojka confirmed missing in POHODA, there twice, or with another partner or total",
    6: "the disk is full, or spojka may not write to a folder it needs, or the disk reports errors",
    70: "an unexpected internal error (a bug); the details are in log.txt",
  } as Record<number, string>,

  context: {
    started: (command: string, pid: number, dir: string) =>
      `spojka ${command} started (pid ${pid}, data folder ${dir})`,
    finished: (command: string, code: number) => `spojka ${command} finished with exit code ${code}`,
    noFolder: (dir: string) => `The data folder ${dir} does not exist.`,
    noFolderHint:
      "Run spojka init there first, or point --dir or SPOJKA_HOME at the folder that holds config.toml.",
    fileInTheWay: (dir: string) =>
      `The data folder ${dir} cannot be used: it, or a folder above it, is a file.`,
    fileInTheWayHint: "Point --dir or SPOJKA_HOME at a folder (spojka init creates it).",
    noConfig: (dir: string) => `There is no config.toml in ${dir}.`,
    runInitFirst: "Run spojka init first.",
  },

  /** `spojka init`: the wizard, its questions, its repairs of a broken config.toml and its checks. */
  wizard: {
    noTerminal: "spojka init asks questions, but there is no terminal to ask in.",
    noTerminalHint:
      "Run it in a terminal, or use spojka init --non-interactive with the SPOJKA_* variables (see README).",
    updating: (file: string) => `Updating ${file}`,
    settingUp: (dir: string) => `Setting up spojka in ${dir}`,
    warning: (text: string) => `Warning: ${text}`,
    lastrunWithoutFlowii: "--from-lastrun sets where FLOWii continues, but FLOWii → POHODA is not set up.",
    lastrunWithoutFlowiiHint:
      "Set up FLOWii → POHODA in the same run (the SPOJKA_FLOWII_* variables); nothing was saved.",
    saved: (file: string, connectors: string) => `Saved ${file} (${connectors}).`,
    /** The wizard's language, written to config.toml so that scheduled runs (as SYSTEM) speak it too. */
    languageKept: (language: string) =>
      `spojka speaks English from now on, scheduled runs too (language = "${language}" in config.toml; ` +
      "change it there or with --lang).",
    keyFile: (key: string) =>
      `Secrets are encrypted with ${key}: keep it beside config.toml and out of backups you share.`,
    continues: (streams: string, since: string, start: number, file: string) =>
      `FLOWii continues where the vendor's connector stopped: ${streams} fetch what changed since ${since} ` +
      `(UNIX ${start}, from ${file}). Stop the vendor's scheduled task before spojka's first sync.`,
    and: " and ",
    cancelled: "Setup cancelled; nothing was changed.",
    checking: "\nChecking the connections:",
    checkOk: (service: string, found: string) => `${service}: OK, ${found}`,
    failedTitle: (n: number) =>
      `\n${n === 1 ? "This check" : `These ${n} checks`} failed; the settings are saved anyway:`,
    failedAdvice: "Fix what each says, then run spojka init again to correct a setting (answer n to keep " +
      "the others), or spojka sync once the service is up.",
    failedExit: (n: number) =>
      `init --non-interactive ends with exit code 4: ${n === 1 ? "a check" : `${n} checks`} failed.`,

    // A broken config.toml.
    line: (n: number) => ` (line ${n})`,
    inSection: (section: string) => `in [${section}]`,
    oneOf: (values: string) => `must be one of ${values}`,
    text: (value: string) => `the text "${value}"`,
    reenter: (sections: string) => `Enter ${sections} again? Everything else in config.toml stays as it is.`,
    dropTopLevel: (keys: string) => `${keys} will be removed (the defaults apply).`,
    startOver: (aside: string) =>
      `Start the setup afresh? config.toml is kept as ${aside}, so nothing is lost.`,
    keptAside: (aside: string) => `The broken file is kept as ${aside}.`,
    notRepaired: (file: string) => `${file} is broken; nothing was changed.`,
    notRepairedHint:
      "Run spojka init in a terminal to enter the broken part again, or fix the line named above " +
      "(spojka help config shows every key as it should look).",
    nonInteractiveBroken:
      "init --non-interactive does not overwrite a broken config.toml: run spojka init in a terminal to " +
      "enter the broken part again, or fix the line named above (spojka help config shows every key).",
    reentering: (sections: string) => `Entering ${sections} again:`,

    // Questions.
    whichConnectors: "Which connectors do you want to set up?",
    changeIt: "  Change it?",
    notSet: "(not set)",
    clearable: (label: string) => `${label} (- clears it)`,
    badVariable: (variable: string, problem: string) => `init --non-interactive: ${variable} ${problem}.`,
    missingVariables: (names: string, n: number, setup: string) =>
      `init --non-interactive: ${names} ${n === 1 ? "is" : "are"} not set (needed for ${setup}).`,
    missingVariablesHint: "Set every variable listed in README.md, section “Scripted setup”.",
    noVariables: "init --non-interactive: no SPOJKA_* variables are set, so there is nothing to set up.",
    noVariablesHint: (names: string) => `Set ${names}.`,
    or: "; or ",
    yesNo: "(y/n, a/n)",
    /** What Enter answers. */
    yesNoDefault: (yes: boolean): string => yes ? "y" : "n",
    answerYesNo: "Answer y or a (yes, ano) or n (no, ne).",
    notEmpty: "must not be empty",
    icoDigits: "must be 8 digits, e.g. 12345678 (spaces are ignored)",
    icoCheckDigit: (ico: string) => `IČO ${ico} fails the mod-11 check digit test; please check it.`,
    mserverXml: (url: string) =>
      `${url} does not end with /xml; mServer takes imports only there, e.g. http://127.0.0.1:444/xml`,
    mserverXmlCheck: (url: string) =>
      `[pohoda] url ${url} does not end with /xml; mServer takes imports only at /xml.`,
    mserverXmlHint: "Run spojka init and enter the URL with /xml at the end, e.g. http://127.0.0.1:444/xml.",
    wooHttps: "must be https:// for WooCommerce: its key and secret travel in every request",

    // What each connector, section and check is called.
    setupFlowii: "FLOWii → POHODA (address book and issued documents)",
    setupStock: "KROS → e-shop stock (Shoptet, WooCommerce)",
    setupAlerts: "Alerts by e-mail or webhook when a run fails or items are rejected",
    smtpService: "SMTP server for alerts",
    signedIn: (user: string) => `signed in as ${user}`,
    krosWorks: "the token works and the API module is active",
    ask: {
      flowiiUrl: "FLOWii API URL",
      flowiiUser: "FLOWii user (login e-mail)",
      flowiiPassword: "FLOWii password",
      flowiiApiKey: "FLOWii API key (Nastavenia → Rozšírenia → API)",
      flowiiCompany: "FLOWii company id (only if the account has several companies; Enter for none)",
      pohodaTransport: "How spojka reaches POHODA (mserver: POHODA mServer; xml-folder: files for " +
        "Pohoda.exe /XML, without mServer)",
      pohodaUrl: "POHODA mServer URL (ends with /xml)",
      pohodaExe:
        "Pohoda.exe for spojka to start, e.g. C:\\Program Files (x86)\\STORMWARE\\POHODA\\Pohoda.exe " +
        "(Enter if you run POHODA on the files yourself)",
      pohodaInputDir: "Folder for the packs POHODA imports (Enter for pohoda-xml/in in the data folder)",
      pohodaResponseDir: "Folder for POHODA's answers (Enter for pohoda-xml/out in the data folder)",
      pohodaDatabase: "POHODA database of the accounting unit (Enter for StwPh_<IČO>_<the current year>)",
      pohodaUser: "POHODA user (with the right to import XML)",
      pohodaPassword: "POHODA password",
      pohodaIco: "IČO of the accounting unit",
      krosUrl: "KROS API URL",
      krosToken: "KROS API token (Nastavenia → API prepojenia → Vygenerovať token)",
      stockMatch: "Match KROS items to shop products by",
      stockQuantity:
        "Shop stock across KROS warehouses (max: what one warehouse can ship; sum: all together)",
      stockWarehouse: "Only this KROS warehouse (its code; Enter for all warehouses)",
      eshopPlatform: "E-shop platform",
      eshopUrl: "E-shop address",
      shopUrl: {
        shoptet: "Shoptet API address",
        woocommerce: "WooCommerce shop address (https://your-shop)",
      } as Record<string, string>,
      shoptetToken: "Shoptet private API token",
      wooKey: "WooCommerce consumer key (ck_…)",
      wooSecret: "WooCommerce consumer secret (cs_…)",
      alertsEmailTo: "Send alerts by e-mail to (addresses separated by commas; Enter for none)",
      alertsEmailFrom: "Sender address of the alerts",
      smtpHost: "SMTP server (e.g. smtp.firma.cz)",
      smtpSecurity: "SMTP encryption (starttls: port 587; tls: port 465; none: only on this machine)",
      smtpPort: "SMTP port",
      smtpUser: "SMTP user (Enter if the server needs no sign-in)",
      smtpPassword: "SMTP password",
      webhookUrl:
        "Webhook URL to POST alerts to as JSON (hidden: a chat webhook's URL is its password; Enter for none)",
      webhookSecret: "Webhook secret to sign each alert with (Enter for none)",
    },
  },

  /** Reading config.toml (src/config/file.ts). */
  configFile: {
    errors: (source: string, n: number) => `${source} has ${n === 1 ? "an error" : `${n} errors`}:`,
    errorsHint: "spojka help config documents every key; spojka init rewrites the file.",
    notToml: (source: string, line: number, column: number, what: string) =>
      `${source} is not valid TOML (line ${line}, column ${column}): ${what}`,
    notTomlHint: "Fix the line; spojka help config shows every key as it should look.",
    noKeyFile: (key: string, config: string) =>
      `The key file ${key} is missing, so the passwords in ${config} cannot be read.`,
    noKeyFileHint:
      "Copy spojka.key from the folder where spojka init was run, or run spojka init to enter them again.",
    undecryptable: (key: string) =>
      `${key} in config.toml cannot be decrypted: it was edited by hand, damaged, or encrypted with another key file.`,
    undecryptableHint: "Run spojka init to change it.",
    badVariable: (variable: string, problem: string) => `${variable} ${problem}.`,
    badVariableHint: "Correct the variable, or unset it to use the value in config.toml.",
    badDecrypted: (key: string, problem: string) => `${key} in config.toml, once decrypted, ${problem}.`,
    badDecryptedHint: "Run spojka init to enter it again.",
    refuseToWrite: (path: string, problems: string) => `Refusing to write an invalid ${path}: ${problems}`,
    /** The comment config.toml starts with. */
    header:
      "# spojka configuration, written by `spojka init`. Every key is documented by `spojka help config`.\n" +
      "# Secrets are encrypted with the key in spojka.key; change them with `spojka init`, not here.\n",
    notEncryptedYet: (shown: string) => `${shown} (not encrypted yet: run spojka init)`,
  },

  /**
   * What is wrong with a value of config.toml or an answer to `init`, after the key it belongs to
   * (src/config/issues.ts and the sections' schemas).
   */
  configIssue: {
    topLevel: "(top level)",
    atTopLevel: "at the top of the file",
    unknownKey: (key: string, where: string, hint: string) => `unknown key "${key}" ${where}: ${hint}`,
    unknownSection: (section: string, at: string, hint: string) =>
      `unknown section [${section}]${at}: ${hint}`,
    didYouMean: (key: string) => `did you mean "${key}"?`,
    everyKey: "spojka help config lists every key",
    missing: "is missing",
    quoteIt: (name: string, value: string) => `must be text; put the value in quotes: ${name} = "${value}"`,
    noQuotes: (got: string) => `must be a number without quotes, not ${got}`,
    wrongType: (expected: string, got: string) => `must be ${expected}, not ${got}`,
    /** What a key must be. */
    type: {
      string: "text in quotes",
      number: "a number",
      int: "a whole number",
      boolean: "true or false",
      object: "a section",
      array: "a list",
    } as Record<string, string>,
    /** What it is instead. */
    number: (value: string) => `the number ${value}`,
    boolean: (value: string) => `${value}`,
    other: "another kind of value",
    atLeast: (n: string) => `must be at least ${n}`,
    atMost: (n: string) => `must be at most ${n}`,
    above: (n: string) => `must be more than ${n}`,
    below: (n: string) => `must be less than ${n}`,
    minLength: (n: number) => `must be at least ${n} ${plural(n, "character", "characters")} long`,
    maxLength: (n: number) => `must be at most ${n} ${plural(n, "character", "characters")} long`,
    minEntries: (n: number) => `must list at least ${n} ${plural(n, "entry", "entries")}`,
    maxEntries: (n: number) => `must list at most ${n} ${plural(n, "entry", "entries")}`,
    multipleOf: (n: string) => `must be a multiple of ${n}`,
    startsWith: (prefix: string) => `must start with "${prefix}"`,
    endsWith: (suffix: string) => `must end with "${suffix}"`,
    badForm: "is not written as it should be; spojka help config shows an example",
    badValue: "is not a value spojka can use; spojka help config shows what it should be",
    // The sections' own rules.
    connectorNeeds: (title: string, sections: string) =>
      `is missing: the ${title} connector needs ${sections}; run spojka init`,
    notEncrypted:
      "is not an encrypted value: secrets are stored only encrypted; run spojka init to change it",
    httpUrl: (example: string) => `must be an http:// or https:// URL such as ${example}`,
    sealedUrl: "must be an http:// or https:// URL, stored encrypted; run spojka init to enter it",
    listen: 'must be host:port, e.g. "127.0.0.1:8787"',
    emailList: "must be e-mail addresses separated by commas, e.g. uctovnik@firma.cz, spravce@firma.cz",
    emailFrom: "must be one e-mail address, e.g. spojka@firma.cz",
    smtpHost: 'must be a host name or IP address without "smtp://" or a port, e.g. smtp.firma.cz',
    alertsNowhere: "is missing, and so is webhook_url: where should alerts go? Run spojka init",
    smtpHostMissing: "is missing: e-mail alerts need the SMTP server",
    emailFromMissing: "is missing: e-mail alerts need a sender address",
    smtpPasswordMissing: "is missing for smtp_user; run spojka init",
    smtpUnencrypted: 'is "none", which would send the SMTP password unencrypted; use "starttls" or "tls"',
    version: (version: number) => `must be ${version}; this config was written for another version of spojka`,
    ico: 'must be 8 digits in quotes, e.g. ico = "12345678"',
    year: 'must be a year, e.g. 2025 = "…"',
    wooBatchSize: "must be at most 100 for WooCommerce",
    missingSecret: (platform: string) => `is missing for ${platform}; run spojka init`,
    fractionsKeep: (platform: string) =>
      `cannot be "keep" for ${platform}, whose stock is whole numbers; use "down" or "nearest"`,
  },

  /** The command line's own words: help headings and usage errors (src/cli/commander.ts). */
  commander: {
    usage: "Usage:",
    arguments: "Arguments:",
    options: "Options:",
    globalOptions: "Global Options:",
    commands: "Commands:",
    /** The placeholders of a usage line and of the options' values, by their English name. */
    placeholder: {
      options: "options",
      command: "command",
      connector: "connector",
      item: "item",
      topic: "topic",
      folder: "folder",
      file: "file",
      when: "when",
      minutes: "minutes",
      task: "task",
      date: "date",
    } as Record<string, string>,
    helpCommand: "show help for a command",
    unknownOption: (flag: string) => `error: unknown option '${flag}'`,
    unknownCommand: (name: string) => `error: unknown command '${name}'`,
    missingArgument: (name: string) => `error: missing required argument '${name}'`,
    optionMissingArgument: (flags: string) => `error: option '${flags}' argument missing`,
    tooManyArguments: (command: string | undefined, expected: number, received: number, details: string) =>
      `error: too many arguments${command ? ` for '${command}'` : ""}. Expected ${expected} ${
        plural(expected, "argument", "arguments")
      } but got ${received}: ${details}.`,
    didYouMean: (names: string) => `(Did you mean ${names}?)`,
    didYouMeanOneOf: (names: string) => `(Did you mean one of ${names}?)`,
  },

  sync: {
    noConnector: (name: string) => `There is no connector "${name}".`,
    knownConnectors: (ids: string) => `Known connectors: ${ids}.`,
    noneSetUp: "No connector is set up in config.toml.",
    runInit: "Run spojka init.",
  },

  report: {
    error: (message: string) => `Error: ${message}`,
    detailsIn: (file: string) => `the details are in ${file}`,
    detailsFollow: "the details follow",
    internal: (message: string, where: string) =>
      `Internal error: ${message}. This is a bug in spojka; ${where}.`,
    internalRecorded: (message: string) => `internal error: ${message}`,
    stateHeld: (dir: string, why: string) =>
      `Another program holds spojka's state database in ${dir} (${why}).`,
    stateHeldHint: "Close the program that has state.db open (a backup, an antivirus scan, a database " +
      "viewer), then run spojka again.",
    fileHeld: (why: string) => `Another program holds a file spojka needs (${why}).`,
    fileHeldHint: "Close the program that has it open (an antivirus scan, a backup, an editor), or wait " +
      "for it to finish, then run spojka again.",
  },

  /** Log lines that record what a command showed or did. */
  audit: {
    outboxListed: "outbox listed",
    outboxShown: (key: string) => `outbox item ${key} shown`,
    schedule: (what: string, task: string, installing: boolean) =>
      `schedule: ${what}, task ${task}${installing ? ", installing" : ""}`,
    statusShown: "status shown",
    verified: (problems: number) => `verify: ${problems} ${plural(problems, "problem", "problems")}`,
  },
  log: {
    cannotWrite: (file: string, why: string) =>
      `spojka cannot write its log ${file} (${why}); this run logs to the console only.`,
  },

  tally: {
    /** One count in the run summary: `imported 3`. */
    count: (outcome: string, n: number) => `${outcome} ${n}`,
  },

  status: {
    dataFolder: (dir: string) => `Data folder: ${dir}`,
    running: (pid: number, command: string, at: string) =>
      `Running now: PID ${pid}, spojka ${command}, started ${at}`,
    configuration: "Configuration:",
    noConfig: "  none yet: run spojka init",
    configUnreadable: (why: string) => `  cannot be read: ${why}`,
    cursors: "Cursors (the next sync fetches what changed since):",
    stateUnreadable: (why: string) => `  state cannot be read: ${why}`,
    noCursors: "  none: the next sync fetches everything",
    lastRuns: "Last runs:",
    noneYet: "  none yet",
    result: { ok: "ok", partial: "partial", failed: "failed" } as Record<string, string>,
    run: (connector: string, result: string, code: number, from: string, to: string) =>
      `  ${connector}: ${result} (exit ${code}), ${from} → ${to}`,
    itemsToLookAt: (n: number) => `    items to look at: ${n}`,
    more: (n: number) => `      … and ${n} more (spojka status --items lists all)`,
    withWarnings: (n: number, numbers: string) =>
      `    ${n} ${plural(n, "document", "documents")} imported with warnings: ${numbers}`,
    stock: (n: number, shop: string, latest: string | undefined) =>
      `Stock: spojka has set the stock of ${n} ${plural(n, "product", "products")} of ${shop}` +
      (latest ? `, the latest at ${latest}` : "") + " (status --json lists each).",
    oldShop: "the shop (as spojka 0.1 kept it)",
    outbox: (pending: number, failed: number, held: number) =>
      `Outbox: ${pending} pending, ${failed} failed` + (held > 0 ? `, ${held} held` : ""),
    failedItem: (agenda: string, label: string, attempts: number, reason: string) =>
      `  failed ${agenda} ${label} (${attempts} ${plural(attempts, "attempt", "attempts")}): ${reason}`,
    heldItem: (agenda: string, label: string, since: string, reason: string) =>
      `  held ${agenda} ${label} (since ${since}): ${reason}`,
    noReason: "no reason given",
    heldAdvice: "Held records are not sent to POHODA. Fix each as its reason says: a document FLOWii " +
      "exports again within the limits replaces its own note; any other note stays until you remove it " +
      "with spojka outbox drop <number or key>.",
    verboseHint: "spojka status --verbose also shows the configuration.",
  },

  reset: {
    toNeedsCursor: "--to goes with --cursor.",
    exactlyOne: "reset needs exactly one of --cursor or --all (or --new-state).",
    exactlyOneHint: "--cursor: the next sync fetches everything again. --all: remove config, key file and " +
      "state. --new-state: start with an empty state where state.db is missing.",
    stateThere: (path: string) => `${path} is there; nothing was changed.`,
    setAside: (files: string) => ` The lost state's ${files} were set aside.`,
    newState: (path: string, aside: string) =>
      `Started a new, empty state in ${path}.${aside} The next sync fetches everything again; POHODA ` +
      "recognises what it already has.",
    noCursors: "There were no cursors; the next sync fetches everything anyway.",
    clearedCursors: (streams: string) =>
      `Cleared the cursors of ${streams}: the next sync fetches everything again. Items already imported ` +
      "are recognised as already present.",
    badTo: (text: string, problem: string) => `--to ${JSON.stringify(text)} ${problem}.`,
    badToHint:
      "Give a date such as 2026-01-31 (midnight, local time), 2026-01-31 14:30, or a UNIX time in seconds.",
    cursorSet: (stream: string, now: string, was: string | undefined) =>
      `${stream}: ${now}, was ${was ?? "none"}`,
    nextSyncSince: (when: string) => `The next sync fetches what changed in FLOWii since ${when}.`,
    willRemove: (dir: string) => `spojka reset --all removes from ${dir}:`,
    unconfirmed: (n: number) => `  and with the state ${items(n)} not yet confirmed by their target`,
    kept: "Logs, downloads and responses are kept.",
    question: "Remove them? (y/n, a/n; Enter = n) ",
    noTerminal: "reset --all needs a confirmation, and there is no terminal to ask in.",
    addYes: "Add --yes to confirm.",
    nothingRemoved: "Nothing was removed.",
    removed: (paths: string) => `Removed ${paths}.`,
    nothingToRemove: "There was nothing to remove.",
    keptDone: "Logs, downloads and responses were kept.",
  },

  schedule: {
    installNotWindows:
      "spojka schedule --install creates a Windows Task Scheduler task; this is not Windows.",
    installNotWindowsHint:
      "Run spojka schedule without --install and add the crontab line or the systemd units it prints.",
    noConfigYet: (dir: string) =>
      `There is no config.toml in ${dir} yet: run spojka init before the task first runs.`,
    fromSource: "spojka runs from source here (deno run), so the commands below start deno with spojka's " +
      "permissions; the compiled spojka puts its own path there.\n",
    runInCmd: "In a Command Prompt (cmd.exe) started as an administrator, run:\n",
    runsAs: (what: string, name: string) =>
      `\nIt runs ${what} as SYSTEM, whether or not anyone is logged on; /F replaces an earlier task named ` +
      `${name}. spojka schedule --install does the same. To remove the task: schtasks /Delete /TN ${name} /F`,
    codePage: "\nDiacritics: spojka switches the console to UTF-8 (code page 65001) while it runs. If its " +
      "messages still show broken characters in cmd.exe, run chcp 65001 first. The log (log.txt) is UTF-8.",
    combine: (given: string) => `${given} cannot be combined: choose one.`,
    combineHint:
      "--every <minutes> (default 30), --at <HH:MM> once a day, or --serve to start spojka serve with the computer.",
    and: " and ",
    atBoot: "when the computer starts",
    daily: (at: string) => `every day at ${at}`,
    every: (n: number) => n === 1 ? "every minute" : `every ${n} minutes`,
    cannotStart: (why: string) => `schtasks could not be started: ${why}.`,
    cannotStartHint: (line: string) =>
      `Run the command that spojka schedule prints (without --install) yourself:\n${line}`,
    notCreated: (name: string, code: number) =>
      `schtasks did not create the task ${name} (exit code ${code}; its message is above).`,
    notCreatedHint:
      "Start the Command Prompt as an administrator (right-click → Run as administrator) and try again.",
    created: (name: string, what: string) =>
      `Created the task ${name}: ${what}, as SYSTEM. To remove it: schtasks /Delete /TN ${name} /F`,
    timeLimit: (name: string) =>
      "\nTask Scheduler stops a task after 72 hours unless told otherwise, and schtasks cannot change that. " +
      "For spojka serve, lift the limit once, in PowerShell started as an administrator:\n\n" +
      `Set-ScheduledTask -TaskName ${name} -Settings (New-ScheduledTaskSettingsSet -ExecutionTimeLimit 0)\n\n` +
      `or in Task Scheduler: ${name} → Properties → Settings → clear "Stop the task if it runs longer than".`,
    cron: "For cron (crontab -e), the line:\n",
    cronRuns: (what: string, dir: string) =>
      `\nIt runs ${what}. The output goes to log.txt in ${dir}; warnings and errors also reach cron's mail.`,
    noCron: (when: string) => `cron cannot run a task ${when} exactly; use the systemd timer below.`,
    systemd: (paths: string) => `\nOr for systemd, save ${paths}:`,
    systemdThen: (unit: string) =>
      `\nthen: sudo systemctl daemon-reload && sudo systemctl enable --now ${unit}`,
    dataFolder: (what: string, dir: string) => `${what} (data folder ${dir})`,
    badEvery: (text: string, max: number) =>
      `--every ${JSON.stringify(text)} is not a number of minutes from 1 to ${max}.`,
    badEveryHint: "For example --every 30; for once a day, use --at 06:30.",
    badAt: (text: string) => `--at ${JSON.stringify(text)} is not a time of day.`,
    badAtHint: "Give hours and minutes on the 24-hour clock, for example --at 06:30 or --at 18:00.",
    badName: (text: string) => `--name ${JSON.stringify(text)} is not a usable task name.`,
    badNameHint:
      "Use letters without diacritics, digits, dots, dashes and underscores, e.g. --name spojka-firma2.",
    tooLong: (length: number, max: number, run: string) =>
      `The task's command is ${length} characters long; Windows Task Scheduler (schtasks) takes at most ${max}: ${run}`,
    tooLongHint: "Move spojka and its data folder to a shorter path, such as C:\\spojka.",
  },

  state: {
    locked: (holder: string) => `Another spojka run is working in this data folder: ${holder}.`,
    lockedHint:
      "Wait until it finishes. The lock is released as soon as that process ends, even if it crashes.",
    holderUnknown: "its details are not written yet",
    /** A version 1 outbox item whose spool file was gone when the state was migrated. */
    payloadLost: (spool: string) =>
      `its payload was lost before the update (outbox/${spool}); spojka reset --cursor downloads it again`,
    holder: (pid: number, host: string | undefined, command: string, at: string) =>
      `PID ${pid}${host ? ` on ${host}` : ""}, "spojka ${command}" started ${at}`,
    newer: (path: string, version: number, known: number) =>
      `${path} was written by a newer spojka (state version ${version}; this program knows ${known}).`,
    newerHint: "Install the newer spojka again; an older one cannot continue its work.",
    unreadable: (path: string, why: string) => `${path} cannot be read as spojka's state (${why}).`,
    unreadableHint: (path: string) =>
      `If the disk or the file is damaged, move ${path} away and run spojka reset --new-state: spojka ` +
      "then starts afresh, fetches everything again and POHODA recognises what it already has. Items " +
      "that waited in the outbox come back with that download.",
    legacyDamaged: (path: string, why: string) =>
      `${path} (the state of an earlier spojka) is damaged: ${why}. It cannot be moved into the new state.`,
    legacyDamagedHint: (path: string) =>
      `Replace ${path} with a copy of ${path}.bak and run spojka again, or move ${path} away and run ` +
      "spojka reset --new-state to start afresh (the next sync fetches everything again; POHODA " +
      "recognises what it already has).",
    notJson: (why: string) => `it is not valid JSON (${why})`,
    missing: (path: string, found: string, dir: string) =>
      `The state database ${path} is missing, but an earlier state left ${found} in ${dir}. spojka does ` +
      "not start from an empty state without your word: it would forget the cursors, the items waiting " +
      "in the outbox, the ledger spojka verify checks against, and the past runs.",
    missingHint: (path: string) =>
      `If you have a copy of state.db (a backup), put it back as ${path} and run spojka again. To start ` +
      "with an empty state instead, run spojka reset --new-state: the next sync fetches everything again, " +
      "and POHODA recognises what it already has.",
  },

  storage: {
    full: (folder: string, detail: string) => `The disk holding ${folder} is full (${detail}).`,
    fullHint: "Free space on that disk, then run spojka again: the next run picks up where this one stopped.",
    unwritable: (folder: string, detail: string) => `spojka cannot write to ${folder} (${detail}).`,
    unwritableHint: "Check that the folder is not read-only and that the user spojka runs as may change " +
      "it: run spojka as the user that owns the folder (a scheduled task runs as the user it names), or " +
      "give that user the right to modify the folder.",
    failing: (folder: string, detail: string) => `The disk holding ${folder} reported an error (${detail}).`,
    failingHint: "Check the disk (on Windows: chkdsk) and the free space on it, then run spojka again.",
    damaged: (folder: string, detail: string) =>
      `spojka's state database in ${folder} is damaged (${detail}).`,
    damagedHint: "Check the disk (on Windows: chkdsk). Then move state.db aside and run spojka reset " +
      "--new-state, or restore state.db from a backup; POHODA's duplicity checks keep a fresh start from " +
      "doubling anything.",
  },

  lastrun: {
    hint: "Give the lastrun.txt from the folder of FLOWii's POHODA connector, or set the start by hand " +
      "after init: spojka reset --cursor --to <date, e.g. 2026-01-31>.",
    badTime: (problem: string) => `its time ${problem}`,
    holds: (shown: string) => `it holds ${JSON.stringify(shown)}`,
    notUnixTime: (file: string, reason: string) =>
      `${file} does not hold a UNIX time (seconds since 1970) as the vendor's connector writes it: ${reason}.`,
    cannotRead: (file: string, why: string) => `Cannot read ${file}: ${why}.`,
    notThere: "it does not exist",
  },
  /** Quotation marks around a quoted text (a note of POHODA's, a service's error). */
  quote: (text: string) => `“${text}”`,

  notices: {
    /** The line that sums up the warnings of one kind beyond those shown. */
    more: (n: number, kind: string, all: number, where: string) =>
      `… and ${n} more ${kind} (${all} in all): ${where}`,
    listed: "spojka status lists them all",
  },

  /** Hints for a pack POHODA refused as a whole (src/pohoda/refusal.ts). */
  refusal: {
    wait: "The items wait in the outbox and are sent again on the next run.",
    answerKept: "POHODA's answer is kept in the responses folder.",
    isolated: (note: string) => `POHODA refuses any pack that holds it: ${note}.`,
    hint: {
      rights: "Give the POHODA user the right to import XML (Přístupová práva → Práva → Soubor/Databáze).",
      login: "Check the POHODA user name and password (run spojka init to change them).",
      convert: "Open the accounting unit in POHODA and let it convert the unit to the current version.",
      database: "POHODA cannot open the accounting unit's database: open the unit in POHODA to see why.",
      config:
        "Check the mServer configuration in POHODA (Soubor → Účetní jednotky → Databáze → POHODA mServer).",
      processing:
        "POHODA failed while processing; if this repeats on later runs, contact STORMWARE's support.",
      activation: "Start POHODA and activate it: its activation period has run out.",
      ico: "Check [pohoda] ico, and that [pohoda] url points to the mServer of this company and year.",
    },
    advice: {
      badCharacter:
        "Its text holds a character POHODA cannot read (a control character, or one windows-1250 " +
        "does not define): correct it in FLOWii.",
      schema: "Its XML does not match POHODA's schema; POHODA's note names the element.",
    },
  },

  /** Posting to POHODA (src/pohoda/target.ts). */
  pohodaRun: {
    retried: (title: string, lines: string) => `${title}, retry: ${lines}`,
    wouldNotSendKind: "items that would not be sent",
    wouldNotSend: (reason: string) => `would not be sent: ${reason}`,
    packsHoldTheRest: "the packs hold everything else",
    dryRunDone: (packs: number, items: number, dir: string) =>
      `Dry run: ${packs} ${plural(packs, "pack", "packs")} with ${items} ${plural(items, "item", "items")} ` +
      `written to ${dir}. Nothing was posted; no cursor moved.`,
    answerToEarlier: (n: number) => `POHODA: the answer to ${items(n)} sent on an earlier run`,
    sending: (n: number, maxItems: number, kib: number) =>
      `POHODA: sending ${items(n)} in packs of at most ${maxItems} items and ${kib} KiB`,
    notAResponse: (service: string, problem: string) =>
      `${service} did not answer with a POHODA response: ${problem}.`,
    notAResponseHint:
      "The answer is kept in the responses folder. The items stay in the outbox and are sent again next time.",
    packRefused: (n: number, note: string) =>
      `POHODA refused a whole pack of ${items(n)}: ${note}. Nothing in it was imported.`,
    narrowing: (n: number, note: string) =>
      `POHODA refused a pack of ${items(n)} whole: ${note}. Sending it in smaller parts to find the items ` +
      "it cannot take.",
    handedOver: (n: number, service: string) =>
      `${items(n)} were handed to ${service} and wait for its answer, which a later run reads.`,
    as: (number: string) => `as ${number}`,
    withWarningsKind: "items imported with warnings",
    withWarning: (name: string, warning: string) => `${name}: imported with a warning: ${warning}`,
    deleted: "imported before and deleted in POHODA since; spojka does not import it again.",
    deletedKind: "documents deleted in POHODA",
    notImportedKind: "items not imported",
    notImported: (name: string, reason: string) => `${name}: not imported: ${reason}`,
    noAnswerKind: "items POHODA did not answer for",
    noAnswer: (name: string, detail: string) => `${name}: no answer from POHODA, will be checked: ${detail}`,
  },

  /** FLOWii → POHODA (src/connectors/flowii_pohoda). */
  flowiiRun: {
    stream: { partners: "partners", documents: "documents" } as Record<string, string>,
    everything: (stream: string) => `${stream}: everything (first run)`,
    changesSince: (stream: string, when: string) => `${stream}: changes since ${when}`,
    unusable: (stream: string, what: string, why: string) =>
      `The export of ${stream} (${what}) cannot be used: ${why}.`,
    unusableHint: (dir: string) => `It is kept in ${dir}. Nothing was lost: the next run downloads it again.`,
    notADataPack: (why: string) => `it is not a valid POHODA dataPack: ${why}`,
    twiceKind: "records exported twice",
    twiceIdentical: (agenda: string, label: string) =>
      `${agenda} ${label}: exported twice, identical; it is sent once.`,
    namedTwice: (by: string, first: string, second: string) =>
      `FLOWii exported two records that spojka tells apart only by ${by} (${first}; ${second}). Only the ` +
      "later is sent; give the others an external id or their own IČO or number in FLOWii.",
    tooLarge: (size: string, max: string) =>
      `it is ${size} MiB, more than [flowii] max_item_mb (${max} MiB); it was left out, the others go on. ` +
      "To take it, raise max_item_mb and run spojka reset --cursor.",
    tooLargeKind: "records too large",
    refusedKind: "records refused",
    transliteratedKind: "records transliterated",
    utf8Kind: "exports read as UTF-8",
    readAsUtf8: (zip: string, file: string, declared: string) =>
      `${zip}: ${file} says it is ${declared}, but its bytes are UTF-8; read as UTF-8.`,
    read: (stream: string, records: number, files: number) =>
      `${stream}: ${records} ${plural(records, "record", "records")} in ${files} ${
        plural(files, "file", "files")
      }`,
    toOutbox: (stream: string) => `${stream} → outbox`,
    streamFailed: (stream: string, why: string) => `${stream} failed: ${why}`,
    documentsWait: "The documents wait in the outbox until their download comes through whole.",
    nothingToSend: "Nothing to send to POHODA.",
    summary: (counts: string, failed: boolean) =>
      failed
        ? `FLOWii → POHODA failed (the error is below); so far: ${counts}`
        : `FLOWii → POHODA: ${counts}`,
    waiting: (n: number) => `${items(n)} wait in the outbox for the next run (spojka status lists them).`,
    held: (n: number) =>
      `${n} ${
        plural(n, "record", "records")
      } held, not sent to POHODA: spojka status lists them with what to do.`,
  },

  /** KROS → e-shop stock (src/connectors/kros_stock, src/kros/catalog.ts). */
  stockRun: {
    krosItems: (n: number) => `KROS: ${n} catalogue ${plural(n, "item", "items")}`,
    shopProducts: (shop: string, n: number) => `${shop}: ${n} ${plural(n, "product", "products")}`,
    dryNothing: "Dry run: nothing would be written.",
    dryDone: "Dry run: nothing was written.",
    columns: { code: "code", name: "name", shop: "shop", new: "new" },
    refused: (shop: string, code: string, reason: string) => `${shop} refused ${code}: ${reason}`,
    summary: (shop: string, written: number, unchanged: number, failed: number) =>
      `KROS → ${shop}: written ${written}, unchanged ${unchanged}, failed ${failed}`,
    noReadableStock: (problems: string) =>
      `No KROS item has stock spojka can read. ${problems} Nothing was written.`,
    fieldsHint: "spojka help config explains [kros.fields]: KROS does not publish its field names, so " +
      "they are settings.",
    noWarehouse: (warehouse: string, codes: string) =>
      `[stock] warehouse is "${warehouse}", but no KROS item has a warehouse with that code (codes seen: ` +
      `${codes}). Nothing was written.`,
    noWarehouseHint: "Correct [stock] warehouse (with spojka init), or leave it out for all warehouses.",
    shopUnreadable: (shop: string, why: string) =>
      `${shop} cannot be read (${why}); comparing with the quantities spojka last sent.`,
    onlyIn: (side: string) => `Only in ${side}`,
    unmatched: (title: string, n: number) => `${title}: ${n} (not errors: they have no counterpart)`,
    moreInLog: (n: number) => `  … and ${n} more, listed in log.txt`,
    toWrite: (n: number, unchanged: number) => `To write: ${n}; already right: ${unchanged}`,
    code: "code",
    theShop: "the shop",
    krosItemsCount: (n: number) => `${n} KROS ${plural(n, "item", "items")}`,
    shopProductsCount: (n: number) => `${n} shop ${plural(n, "product", "products")}`,
    skipped: (what: string) => `${what}; skipped.`,
    unreadableStock: (n: number) =>
      `${n} matched KROS ${plural(n, "item has", "items have")} no readable stock; the shop keeps what it ` +
      "shows for them.",
    keyless: (records: string, label: string) => `${records} without ${label}; skipped.`,
    duplicate: (label: string, key: string, n: number, side: string, names: string) =>
      `${label} ${key} appears ${n} times in ${side} (${names}); skipped.`,
    fieldProblem: (count: number, total: number, what: string, key: string) =>
      `${count} of ${total} KROS items ${what}; check [kros.fields] ${key}.`,
    noField: (field: string) => `have no "${field}"`,
    noList: (field: string) => `have no "${field}" list`,
    noQuantity: (field: string) => `have a warehouse without a number in "${field}"`,
    inKros: "\nIn KROS (Nastavenia → API prepojenia → this connection), enter:",
    publicUrl: "  KROS calls this URL from the internet: set [serve] public_url to an address that reaches " +
      "`spojka serve` (a port forward or tunnel), then run spojka init again to see the URL to enter.",
  },

  /** The KROS API's errors (src/kros/client.ts). */
  kros: {
    badToken: (said: string) => `KROS refused the token (HTTP 401)${said}.`,
    badTokenHint: "It is wrong, or was reset in KROS. Generate a new one (Nastavenia → API prepojenia → " +
      "Vygenerovať token) and enter it with spojka init.",
    noApiModule: (said: string) =>
      `This company's KROS plan does not include the API module (HTTP 402)${said}.`,
    noApiModuleHint:
      "Add the API module (API prepojenie) to the KROS plan, or move to a plan that includes it.",
    http: (status: number, said: string) => `KROS answered HTTP ${status}${said}.`,
    noList: (path: string) => `KROS answered ${path} without the expected {"data": [...]} list.`,
  },

  /** The e-shops' APIs (src/eshop): what their connection check finds, their errors and refusals. */
  eshop: {
    answered: (shop: string, status: number, path: string, said: string) =>
      `${shop} answered HTTP ${status} to ${path}${said}.`,
    shoptetCheck: (warehouses: number, target: number, isDefault: boolean) =>
      `${warehouses} ${
        plural(warehouses, "warehouse", "warehouses")
      }; stock is written to warehouse ${target}` +
      (isDefault ? ", the shop's default" : ""),
    shoptetNoWarehouses: "Shoptet answered /api/stocks without its list of warehouses.",
    shoptetDetails: (n: number) =>
      `Shoptet: reading the details of ${n} ${plural(n, "product", "products")} for their EANs`,
    shoptetProductSet: "a product set, whose stock follows its items",
    shoptetUnplaced: (said: string) => `Shoptet reported ${said} without naming the product`,
    shoptetToken: (status: number, said: string) => `Shoptet refused the API token (HTTP ${status})${said}.`,
    shoptetTokenHint:
      "Check the private API token (Premium shops: administration → Propojení → Přístup k API) and its " +
      "rights to stocks and products, and enter it with spojka init.",
    wooCheck: (n: number | undefined) =>
      n === undefined ? "some products" : `${n} ${plural(n, "product", "products")}`,
    wooProducts: (n: number) =>
      `WooCommerce: ${n} ${plural(n, "product or variation", "products and variations")}`,
    wooNotMentioned: "WooCommerce's answer did not mention it",
    wooNotJson: (path: string, said: string) =>
      `WooCommerce answered ${path} with something else than its JSON${said}.`,
    wooNotJsonHint: "A security plugin, a firewall or a maintenance page may stand in front of the REST API.",
    wooKeys: (status: number, said: string) =>
      `WooCommerce refused the consumer key or secret (HTTP ${status})${said}.`,
    wooKeysHint:
      "Create a REST API key with Read/Write rights (WooCommerce → Settings → Advanced → REST API) and enter " +
      "it with spojka init.",
  },

  /** Running the configured connectors one after another (src/connectors/run.ts). */
  connectorRun: {
    notSetUp: (id: string) => `The ${id} connector is not set up in config.toml.`,
  },

  /** The key file that encrypts the secrets of config.toml (src/config/keyfile.ts). */
  keyFile: {
    damaged: (path: string) => `The key file ${path} is damaged.`,
    damagedHint: "Restore it from a backup, or delete it and run spojka init to enter the passwords again.",
  },

  /** spojka serve (src/serve). */
  serveRun: {
    entities: (n: number) => `${n} ${plural(n, "entity", "entities")}`,
    notifiedStatus: (status: string) => `status ${status}`,
    notification: (source: string, summary: string, id: string, seconds: number) =>
      `${source} notification (${summary}): a ${id} sync follows in ${seconds} s`,
    cannotListen: (listen: string, why: string) => `spojka serve cannot listen on ${listen}: ${why}.`,
    cannotListenHint:
      "Another program (or another spojka serve) uses that port; set [serve] listen to another one.",
    every: (id: string, minutes: number) => `${id}: every ${minutes} ${plural(minutes, "minute", "minutes")}`,
    andNotifications: (source: string, path: string) => `, and on ${source} notifications at ${path}`,
    listening: (listen: string) => `Listening on http://${listen} (GET /healthz). Stop with Ctrl+C.`,
    stopping: "Stopping: waiting for the run in progress to finish (Ctrl+C again to stop at once).",
    stopped: "Stopped.",
    stateUnreadable: (why: string) => `spojka's state cannot be read: ${why}`,
    tryingAgain: (message: string, seconds: number) => `${message} Trying again in ${seconds} s.`,
    configGone: "config.toml has disappeared.",
    cannotStart: (why: string) => `The run could not start: ${why}`,
    refused: (n: number, seconds: number, kinds: string) =>
      `Refused ${n} ${plural(n, "request", "requests")} in the last ${seconds} s: ${kinds}.`,
    /** How many requests were refused for one reason (`refusal`). */
    refusalCount: (n: number, refusal: string) => `${n} ${refusal}`,
    refusal: {
      badSignature: (header: string) => `with a wrong or missing ${header}`,
      notANotification: "signed but not a JSON notification",
      notFound: "for another address or method",
      tooLarge: (headKiB: number, bodyKiB: number) =>
        `too large (over ${headKiB} KiB of header fields or ${bodyKiB} KiB of body)`,
      slow: (seconds: number) => `not sent whole within ${seconds} s`,
      busy: (connections: number) => `while ${connections} connections were open`,
      malformed: "not HTTP/1.1",
      unaccepted: "connections the system could not accept",
    },
    unsignedHint: "If KROS sent the unsigned ones, the authorisation key entered in KROS is not spojka's: " +
      "spojka init shows the one to enter.",
    replays: (n: number) =>
      `Ignored ${n} repeated KROS ${plural(n, "notification", "notifications")} (answered 200; each had ` +
      "already triggered its sync).",
  },
  /** Talking to services over HTTP (src/core/http.ts). */
  http: {
    retrying: (problem: string, attempt: number, of: number, wait: string) =>
      `${problem}; attempt ${attempt} of ${of}, trying again in ${wait}`,
    answered: (service: string, status: number) => `${service} answered HTTP ${status}`,
    redirects: (service: string, url: string, to: string) => `${service} redirects ${url} to ${to}.`,
    redirectsHint: "Enter that address with spojka init (http/https and www. matter), then run spojka again.",
    stalled: (service: string, origin: string, timeout: string) =>
      `${service} at ${origin} stopped sending its answer for ${timeout}`,
    timeout: (service: string, origin: string, timeout: string) =>
      `${service} at ${origin} did not answer within ${timeout}`,
    brokeOff: (service: string, origin: string, why: string) =>
      `the answer of ${service} at ${origin} broke off: ${why}`,
    refused: (service: string, origin: string) =>
      `cannot connect to ${service} at ${origin}: the connection was refused (is it running, on this port?)`,
    unknownHost: (service: string, host: string) =>
      `cannot find ${service}'s server ${host}: the name does not resolve (check the address)`,
    tls: (service: string, origin: string, why: string) =>
      `the secure connection to ${service} at ${origin} failed: ${why}`,
    unreachable: (service: string, origin: string, why: string) =>
      `cannot reach ${service} at ${origin}: ${why}`,
    webPage: (title: string) => `a web page titled ${title}`,
  },
  /** spojka outbox (src/cli/outbox.ts). */
  outboxRun: {
    empty: "The outbox is empty: every downloaded item has been confirmed by its target.",
    more: (n: number, failedOnly: boolean) =>
      `… and ${n} more: spojka outbox list --all lists them all` +
      (failedOnly ? "." : ", --failed only the failed ones."),
    commands: "spojka outbox show <number> shows an item with its XML; retry <number> sends it now; " +
      "drop <number> removes it.",
    payload: (itemId: string) =>
      `Payload (sent inside <dat:dataPackItem id="${itemId}">, encoded as windows-1250):`,
    retryNeeds: "outbox retry needs either an item or --failed.",
    retryNeedsHint: "spojka outbox retry <number> sends that item now; spojka outbox retry --failed sends " +
      "every failed item.",
    noFailed: "No failed items wait in the outbox.",
    heldConsequence: "spojka stops reporting it; nothing of it was sent, and none of it is kept.",
    consequence: (source: string | undefined) =>
      `It will not be imported unless ${source ?? "its source"} exports it again.`,
    noTerminal: "outbox drop needs a confirmation, and there is no terminal to ask in.",
    addYes: (name: string, consequence: string) => `Add --yes to drop ${name}. ${consequence}`,
    question: (name: string, consequence: string) => `Drop ${name} from the outbox? ${consequence}`,
    nothingDropped: "Nothing was dropped.",
    cancelled: "Cancelled; nothing was dropped.",
    by: (who: string | undefined) => who ? `user ${who}` : "an unknown user (USERNAME is not set)",
    dropDetail: (by: string, reason: string | undefined) =>
      `dropped from the outbox by ${by}` + (reason ? `; the last reason was: ${reason}` : ""),
    changed: (name: string) =>
      `${name} changed meanwhile: a sync confirmed it or downloaded it again. Nothing was dropped.`,
    changedHint: (query: string) => `spojka outbox show ${query} shows whether it still waits.`,
    dropped: (name: string, key: string, by: string, consequence: string) =>
      `Dropped ${name} (key ${key}) from the outbox at the request of ${by}. ${consequence}`,
    matches: (query: string, total: number, candidates: string) =>
      `"${query}" matches ${total} waiting items:\n${candidates}`,
    candidatesMore: (n: number) => `  … and ${n} more`,
    matchesHint: "Name one by its key (as listed above), or by more of its number.",
    heldNothing: (name: string, reason: string) =>
      `${name} is held, and nothing of it is kept to send: ${reason}`,
    gone: (query: string) => `No waiting item matches "${query}".`,
    goneHint: "spojka outbox list shows what waits. An item no longer there was confirmed by its target " +
      "or dropped: spojka status shows the last runs.",
    stays: (what: string) => `${what}. It stays in the outbox; every sync tries it again.`,
    left: (what: string) => `${what}. It has left the outbox.`,
    outcomesMore: "… and more: spojka status --items lists every item.",
    notSetUp: (id: string) => `The ${id} connector, which posts the outbox, is not set up in config.toml.`,
    headings: {
      failed: "Failed (the target refused them; every sync tries them again):",
      held: "Held (left out of the export, never sent; each stays until fixed or dropped):",
      pending: "Pending (not sent yet, or the answer was uncertain):",
    },
    counts: (pending: number, failed: number, held: number) =>
      `${pending} pending, ${failed} failed` + (held > 0 ? `, ${held} held` : ""),
    status: { failed: "failed", held: "held", pending: "pending" },
    held: "held",
    notSentYet: "not sent yet",
    attempts: (n: number, last: string) => `${n} ${plural(n, "attempt", "attempts")}, the last ${last}`,
    item: (name: string, tried: string, queued: string) => `  ${name}: ${tried}; queued ${queued}`,
    reason: (reason: string) => `    reason: ${reason}`,
    statusLong: {
      failed: "failed: the target refused it; every sync tries it again",
      held: "held: left out of the export, never sent",
      pending: "pending: not sent yet, or the answer was uncertain",
    },
    field: {
      status: "status",
      reason: "reason",
      attempts: "attempts",
      lastAttempt: "last attempt",
      firstQueued: "first queued",
      connector: "connector",
      key: "key",
      itemId: "item id",
    },
  },
  /** spojka verify (src/cli/verify.ts, src/pipeline/verify.ts, src/pohoda/facts.ts). */
  verifyRun: {
    noPohoda: "POHODA is not set up in config.toml, so there is nothing to verify.",
    noPohodaHint: "Run spojka init and choose FLOWii → POHODA.",
    badSince: (value: string) => `--since ${value} is not a date.`,
    badSinceHint: "Give a day as YYYY-MM-DD, e.g. --since 2026-03-01.",
    listing: (agenda: string, count: number) => `Listing ${agenda} in POHODA (checking ${count})`,
    headings: {
      missing: "Missing in POHODA",
      duplicated: "More than once in POHODA",
      mismatched: "Different in POHODA",
    },
    checked: (documents: number, since: string | undefined, partners: number) =>
      `Checked against POHODA: ${documents} ${plural(documents, "document", "documents")}` +
      (since ? ` confirmed since ${since}` : "") +
      `, ${partners} ${plural(partners, "partner", "partners")}.`,
    ledgerStarts: (at: string) =>
      `spojka keeps the record it checks since ${at}; what it confirmed before is not checked.`,
    notChecked: (count: number, agenda: string) =>
      `${count} ${plural(count, "item", "items")} of ${agenda} ${
        plural(count, "has", "have")
      } nothing POHODA ` +
      `can be searched by (a number, an id) and ${plural(count, "was", "were")} not checked.`,
    nothingYet: "spojka has not confirmed anything yet, so there is nothing to check.",
    allAgree: "Everything agrees: each is in POHODA once, with the same number, partner IČO and total.",
    more: (n: number) => `  … and ${n} more (spojka verify --json lists them all)`,
    problems: (n: number) =>
      `${n} ${plural(n, "problem", "problems")}. Look them up in POHODA: spojka does not import again a ` +
      "document POHODA had (a deleted one included), nor does it change or remove anything there.",
    confirmed: (imported: boolean, at: string) => `${imported ? "imported" : "found already present"} ${at}`,
    records: (n: number, records: string) => `${n} records: ${records}`,
    notFound: (confirmed: string) => `not found in POHODA (${confirmed})`,
    noIdentity: "no identity",
    byExtId: (system: string, ids: string) => `searched by ${system} id ${ids}`,
    byIco: (ico: string) => `searched by IČO ${ico}`,
    pohodaId: (id: string) => `POHODA id ${id}`,
    icoDiffers: (ours: string | undefined, theirs: string | undefined) =>
      `partner IČO ${ours ?? "none"} here, ${theirs ?? "none"} in POHODA`,
    currencyDiffers: (ours: string | undefined, theirs: string | undefined) =>
      `currency ${ours ?? "home"} here, ${theirs ?? "home"} in POHODA`,
    totalDiffers: (ours: string, theirs: string) => `total ${ours} here, ${theirs} in POHODA`,
    unknown: "unknown",
    total: (amount: string) => `total ${amount}`,
    noNumber: "(no number)",
  },
  /** The words of the progress lines (src/core/progress.ts); units and the thousands space are everywhere alike. */
  progress: {
    decimal: ".",
    /** What a stage counts unless it says otherwise. */
    unit: "items",
    eta: (time: string) => `ETA ${time}`,
    amountOf: (count: string, total: string) => `${count} of ${total}`,
    left: (time: string) => `about ${time} left`,
  },
  /** The alerts' e-mails, webhook texts and log lines (src/alerts). */
  alerts: {
    on: (host: string | undefined) => host ? ` on ${host}` : "",
    details: (dir: string, on: string, logFile: string) =>
      `Details: run "spojka status" in the data folder ${dir}${on}; the log is ${logFile}.`,
    recoverySubject: (title: string, on: string) => `[spojka] ${title} works again${on}`,
    recoveryIntro: (title: string, on: string, when: string) =>
      `The ${title} run${on} that ended ${when} went through:`,
    ended: {
      failed: (since: string) => `it no longer stops with an error (first reported ${since})`,
      rejected: (since: string) => `no item was rejected (rejected items were first reported ${since})`,
    },
    lasted: (since: string) => `This has lasted since ${since}.`,
    promise: (hours: number) =>
      `spojka tells again if it lasts another ${hours === 1 ? "hour" : `${hours} hours`}, and sends a ` +
      "notice when a run goes well.",
    failedSubject: (title: string, reminder: boolean, on: string) =>
      `[spojka] ${title} ${reminder ? "still fails" : "failed"}${on}`,
    failedIntro: (title: string, on: string, when: string, code: number) =>
      `The ${title} run${on} stopped with an error at ${when} (exit code ${code}):`,
    nothingLost: "Nothing is lost: the next run tries again.",
    rejectedSubject: (title: string, n: number, on: string) => `[spojka] ${title}: ${items(n)} rejected${on}`,
    rejectedIntro: (title: string, on: string, when: string, n: number) =>
      `The ${title} run${on} that ended ${when} could not deliver ${items(n)}:`,
    rejectedMore: (n: number) => `- and ${n} more ("spojka status --items" lists them all).`,
    eachReason: "Each reason says what to fix; once it is fixed, the next run takes the item.",
    sent: (channel: string, subject: string) => `Alert sent by ${channel}: ${subject}`,
    notSent: (channel: string, subject: string, why: string) =>
      `The alert "${subject}" could not be sent by ${channel}: ${why} It is tried again after the next run.`,
    broken: (why: string) => `Alerts could not be prepared: ${why} The run's result is not affected.`,
    webhookUnencrypted:
      "Warning: [alerts] webhook_url is stored unencrypted in config.toml, as an earlier spojka wrote it. " +
      "Run spojka init (changing nothing is enough) to store it encrypted.",
    webhook: "the alert webhook",
    webhookAnswered: (origin: string, status: number, body: string) =>
      `the alert webhook at ${origin} answered ${status}${body}.`,
    signedIn: (user: string) => `, signed in as ${user}`,
    smtpAuth: (server: string, said: string) =>
      `the SMTP server ${server} refused the sign-in (smtp_user, smtp_password): ${said}`,
    smtpTls: (server: string, said: string) =>
      `the SMTP server ${server} could not secure the connection (smtp_security): ${said}`,
    smtpEnvelope: (server: string, said: string) =>
      `the SMTP server ${server} refused the sender or a recipient (email_from, email_to): ${said}`,
    smtpUnreachable: (server: string, said: string) =>
      `cannot reach the SMTP server ${server} (smtp_host, smtp_port, smtp_security): ${said}`,
    smtpOther: (server: string, said: string) =>
      `the SMTP server ${server} did not take the message: ${said}`,
  },
  /** Reaching POHODA: mServer, the /XML file exchange, Pohoda.exe (src/pohoda). */
  pohodaLink: {
    year: (year: string) => `year ${year}`,
    answersFor: (unit: string | undefined) => unit ? `answers for ${unit}` : "answers",
    localhost:
      "localhost may resolve to the IPv6 address ::1, where mServer does not listen. Use 127.0.0.1 " +
      "in [pohoda] url.",
    badLogin: (said: string) => `POHODA refused the user name or password (HTTP 401)${said}.`,
    badLoginHint:
      "Check [pohoda] user and password with spojka init; the user must exist in this accounting unit.",
    noAccess: (said: string) => `POHODA refused access to the accounting unit (HTTP 403)${said}.`,
    noAccessHint: "Give the user the rights to open the accounting unit and to import XML.",
    noAddress: (url: string) => `mServer has no such address: ${url} (HTTP 404).`,
    noAddressHint: "The URL must end with /xml, e.g. http://127.0.0.1:444/xml.",
    http: (status: number, said: string) => `mServer answered HTTP ${status}${said}.`,
    lookupPurpose: "Looking a document up by its number",
    listsNeedMServer: (purpose: string) =>
      `${purpose} needs POHODA mServer: POHODA's /XML file exchange (transport = "xml-folder") is not ` +
      "known to answer list requests",
    listsNeedMServerHint: 'Set up an mServer configuration and [pohoda] transport = "mserver" for it, or ' +
      "check in POHODA by hand.",
    cannotStart: (exe: string, why: string) => `spojka cannot start POHODA: ${exe} (${why}).`,
    exeHint: "Set [pohoda] exe to Pohoda.exe in POHODA's program folder (run spojka init), or leave it out " +
      "and run POHODA yourself (spojka help config, [pohoda] transport).",
    otherUnit: (database: string, unitIco: string, ico: string) =>
      `[pohoda] database ${database} is the accounting unit of IČO ${unitIco}, but [pohoda] ico is ${ico}.`,
    otherUnitHint: (example: string) => `Name the unit of this company, e.g. database = "${example}".`,
    sameFolder: (dir: string) => `[pohoda] input_dir and response_dir are both ${dir}.`,
    sameFolderHint: "Give POHODA's answers a folder of their own, or leave both out for the defaults.",
    where: (input: string, response: string) =>
      `the packs go to ${input} and POHODA's answers to ${response}`,
    runYourself: (where: string, partners: string, documents: string) =>
      `${where}; run POHODA on them with ${partners}, then ${documents} (spojka help config, [pohoda] ` +
      "transport)",
    startsExe: (exe: string, database: string, where: string) =>
      `spojka starts ${exe} for accounting unit ${database}; ${where}. POHODA checks the user and password ` +
      "on the first import",
    notAProgram: (exe: string, exists: boolean) =>
      `[pohoda] exe ${exe} ${exists ? "is not a program" : "does not exist"}.`,
    quote: 'The POHODA user name or password holds a quote ("), which cannot be passed to Pohoda.exe.',
    quoteHint: "Give the POHODA user a password without quotes, then run spojka init.",
    exeEnded: (code: number | undefined, answer: string) =>
      `Pohoda.exe ended (exit code ${code}) without writing its answer ${answer}.`,
    exeEndedHint: (command: string) =>
      "The pack's items wait in the outbox, and the next run starts POHODA on the same pack again; " +
      "POHODA's duplicity check recognises what it imported. If this repeats, POHODA's log of XML " +
      `imports, or the command run by hand (${command}), tells why.`,
    exeRunning: (seconds: number) =>
      `Pohoda.exe has not finished within ${seconds} seconds ([pohoda] exe_timeout_seconds). spojka ` +
      "stopped waiting but leaves POHODA running: stopping it in the middle of an import could damage its data.",
    exeRunningHint: (minutes: number) =>
      "Look for a POHODA window waiting for an answer on this PC. The next run reads POHODA's answer if it " +
      `is written by then; otherwise POHODA is started on the pack again after ${minutes} ${
        plural(minutes, "minute", "minutes")
      }.`,
    sendAgain: (why: string, n: number) => `${why}; its ${items(n)} ${plural(n, "is", "are")} sent again.`,
    packGone: (pack: string) => `${pack} is gone without an answer`,
    notAnswer: (answer: string, problem: string) => ` (${answer} is not an answer: ${problem})`,
    notAnswered: (pack: string, minutes: number, unread: string) =>
      `POHODA has not answered ${pack} in ${minutes} ${plural(minutes, "minute", "minutes")}${unread}`,
    unreadable: (path: string, why: string) => `POHODA: ${path} cannot be read (${why}); removed.`,
  },
  /** POHODA's list requests (src/pohoda/list.ts). */
  pohodaList: {
    notSent: (reason: string) => `A list request could not be sent: ${reason}`,
    notXml: (why: string) => `not XML (${why})`,
    notResponsePack: (root: string) => `expected a rsp:responsePack, found <${root}>`,
    refused: (note: string) => `POHODA refused the list request: ${note}.`,
    notAResponse: (problem: string) =>
      `mServer did not answer the list request with a POHODA response: ${problem}.`,
    cannotList: (reason: string) => `POHODA could not list the records: ${reason}.`,
    parts: "POHODA split its list answer into parts (files), which spojka cannot read through mServer.",
    samePage: "POHODA answered the next page of a list with records it had sent already (it does not apply " +
      "ftr:idFrom), so the listing cannot be completed.",
    noIds: "POHODA's list answer names no record ids, so it cannot be read page by page.",
    notMentioned: "POHODA's answer to the list request did not mention it.",
  },
  /** What POHODA cannot take in an item, field by field (src/pohoda/field_check.ts). */
  fieldCheck: {
    agendaElement: "the agenda element",
    nul: "a NUL character (U+0000)",
    control: (codePoint: string) => `the control character ${codePoint}`,
    damaged: (codePoint: string, letter: string) =>
      `the control character ${codePoint} (often the letter "${letter}" damaged by a wrong code page)`,
    undefinedByte: (codePoint: string, byte: string) =>
      `the character ${codePoint} (the byte 0x${byte}, which windows-1250 does not define)`,
    outside: (char: string, codePoint: string) => `"${char}" (${codePoint}, not in windows-1250)`,
    tooLong: (field: string, length: number, limit: number, excerpt: string) =>
      `${field}: ${length} characters, and POHODA takes at most ${limit} here ("${excerpt}"). ` +
      "Shorten the text in FLOWii.",
    cannotTake: (field: string, what: string, excerpt: string, invisible: boolean) =>
      `${field}: POHODA cannot take ${what} in "${excerpt}". Correct the text in FLOWii` +
      (invisible ? " (the character is invisible: retype the text around it)." : "."),
    removed: (field: string, what: string, excerpt: string) => `${field}: removed ${what} from "${excerpt}"`,
    more: (n: number) => `(and ${n} more)`,
    transliterate: 'For the characters, you can instead set unsupported_characters = "transliterate" in ' +
      "[pohoda]: spojka then replaces letters windows-1250 lacks by their base letter and removes control " +
      "characters, with a note.",
    cutShort: (token: string) => `the item's XML is cut short (no ${token})`,
    cutShortTag: "the item's XML is cut short (in a start tag)",
    cutShortAttribute: "the item's XML is cut short (in an attribute)",
  },
  /** POHODA's answers to an import (src/pohoda/response.ts) and a number it already has (src/pohoda/taken.ts). */
  pohodaAnswer: {
    refusedWithoutWhy: "POHODA refused the pack without saying why",
    noDetails: "POHODA reported an error without details",
    noText: "(no text)",
    record: "record",
    importedBefore: (agenda: string, number: string | undefined, id: string) =>
      `imported before as ${[agenda, number].filter(Boolean).join(" ")} (id ${id})`,
    /** An item POHODA's answer left out: why it has no verdict, then what happens to it. */
    unanswered: (why: string) =>
      `POHODA's answer did not mention it; ${why}: it stays in the outbox and is sent again on the next ` +
      "run, where POHODA recognises it if it did arrive",
    unansweredNoNumber: "it cannot be looked up by a document number",
    unansweredLookupFailed: (why: string) => `looking it up failed (${why})`,
    unansweredNone: (agenda: string, number: string) => `POHODA has no ${number} in ${agenda}`,
    unansweredSeveral: (n: number, number: string) => `POHODA has ${n} documents ${number}`,
    unansweredOther: (theirs: string, differ: string) => `POHODA's ${theirs} is another document (${differ})`,
    deletedSince: "imported before, and deleted in POHODA since",
    numberExists: (detail: string) => `the number exists in POHODA: ${detail}`,
    cannotLookUp: (detail: string) =>
      `${detail}. spojka cannot look this record up in POHODA, so it does not count it as imported: ` +
      "check in POHODA whether it is there.",
    lookupFailed: (detail: string, why: string) =>
      `${detail}. Looking the number up in POHODA failed (${why}); it is checked again on the next run.`,
    notListed: (number: string, agenda: string) =>
      `POHODA says the number ${number} exists, but lists no document with it in ${agenda}; ` +
      "the document is sent again on the next run.",
    usedBy: (number: string, n: number, documents: string) =>
      `the number ${number} is used by ${n} documents in POHODA: ${documents}. This one was not ` +
      "imported; check them in POHODA.",
    takenByOther: (number: string, theirs: string, ours: string, differ: string) =>
      `the number ${number} is taken in POHODA by another document: POHODA has ${theirs}, this one is ` +
      `${ours} (${differ}). It was not imported: give it another number in FLOWii, or correct the one in POHODA.`,
    sameDocument: (withTotal: boolean, document: string) =>
      `its number already exists in POHODA as this same document (${
        withTotal ? "partner IČO and total" : "partner IČO"
      } agree): ${document}`,
  },
  /** Checking mServer before importing (src/pohoda/check.ts, src/pohoda/mserver.ts). */
  mserverCheck: {
    noStatusPage: "mServer has no status page (GET /status); the checks before importing were skipped.",
    busy: (state: string, processing: number | undefined) =>
      `mServer is ${state}${
        processing ? ` with ${processing} ${plural(processing, "request", "requests")} in its queue` : ""
      }; ` +
      "spojka's packs wait their turn.",
    otherUnit: (url: string, unitIco: string, unit: string, ico: string) =>
      `mServer at ${url} serves the accounting unit with IČO ${unitIco}${unit ? ` (${unit})` : ""}, ` +
      `but [pohoda] ico is ${ico}.`,
    otherUnitHint:
      "Point [pohoda] url at the mServer configuration of the right company and year, or correct the IČO.",
    noIco: "mServer did not say which IČO it serves; POHODA checks it on import.",
    statusNotXml: "mServer's status page is not XML; ignored",
  },
  /** The files of the /XML exchange with Pohoda.exe (src/pohoda/xml_ini.ts, src/pohoda/xml_folder.ts). */
  pohodaFiles: {
    lineBreak: (line: string) => `A setting of the POHODA INI file holds a line break: ${line}`,
    lacking: (chars: string) =>
      `A folder or database name for POHODA holds ${chars}, which POHODA's INI file (windows-1250) cannot hold.`,
    lackingHint: "Choose [pohoda] input_dir, response_dir and database without these characters.",
    wrote: (path: string) => `POHODA: wrote ${path}`,
    starting: (exe: string, ini: string) => `POHODA: starting ${exe} /XML on ${ini}`,
  },
  /** Reading an export (src/pohoda/transform.ts, src/pohoda/encoding.ts). */
  pohodaExport: {
    notDataPack: (root: string) => `expected a POHODA dataPack (version 2), found <${root}>`,
    unknownAgenda: (name: string) =>
      `spojka cannot keep POHODA from importing this kind of record (<${name}>) twice, so it was left ` +
      "out: spojka imports invoices, advances, orders and partners. Enter it in POHODA by hand if you need it.",
    noIdentity: "it has neither a number nor an external id, so POHODA could not tell a changed version of " +
      "it from a new document and would import it twice; it was left out. Give it a number in FLOWii: " +
      "once FLOWii exports it again, spojka imports it.",
    transliterated: (value: string, fixed: string, chars: string) =>
      `"${value}" was sent as "${fixed}" (windows-1250 has no ${chars})`,
    record: (n: number) => `record ${n}`,
    unknownEncoding: (label: string) =>
      `the XML declares the encoding "${label}", which spojka does not know`,
    notUtf8: "the XML declares UTF-8 but its bytes are not valid UTF-8 (is it windows-1250?)",
    badBom: (encoding: string) =>
      `the XML starts with a ${encoding} byte-order mark but its bytes are not valid ${encoding} ` +
      "(a byte missing at the end, or half a character pair)",
  },
  /** Why a file is not well-formed XML (src/pohoda/xmlstream.ts, src/pohoda/xmltree.ts). */
  xmlSyntax: {
    at: (message: string, line: number, column: number) => `${message} (line ${line}, column ${column})`,
    /** What the document can end inside; an element is named as it is (`<inv:invoice>`). */
    inside: {
      tag: "a tag",
      startTag: "a start tag",
      endTag: "an end tag",
      comment: "a comment",
      cdata: "a CDATA section",
      pi: "a processing instruction",
      declaration: "a declaration",
      attributeValue: "an attribute value",
    },
    endsInside: (what: string) => `the document ends inside ${what}`,
    noRoot: "the document has no root element",
    markupTooLong: (max: number) => `markup outside the records is longer than ${max} characters`,
    textOutside: (after: boolean) => `text ${after ? "after" : "before"} the root element`,
    bareAmpersand: "a & that starts no reference (write & as &amp;)",
    undefinedEntity: (name: string) =>
      `the entity &${name}; is not defined (spojka accepts no DTD; only &lt; &gt; &amp; &quot; &apos; and &#…;)`,
    illegalCharacter: (name: string) => `&${name}; refers to a character XML does not allow`,
    longName: (max: number) => `a name longer than ${max} characters`,
    bareLt: "a < that starts no element (write < as &lt;)",
    slashInside: (name: string) => `a / inside <${name}>`,
    badAttribute: (name: string) => `bad attribute syntax in <${name}>`,
    noValue: (attr: string, name: string) => `attribute ${attr} of <${name}> has no = value`,
    notQuoted: (attr: string, name: string) => `the value of attribute ${attr} of <${name}> is not quoted`,
    ltInValue: "a < inside an attribute value",
    ltInside: (name: string) => `a < inside <${name}>`,
    secondRoot: (name: string) => `<${name}>: a second element after the root element`,
    tooDeep: (max: number) => `elements nested deeper than ${max}`,
    undeclared: (attr: string) => `${attr}="" (a prefix cannot be undeclared)`,
    repeatsAttribute: (name: string, attr: string) => `<${name}> repeats attribute ${attr}`,
    badName: (name: string) => `<${name}> is not a valid qualified name`,
    undeclaredPrefix: (name: string) => `the namespace prefix of <${name}> is not declared`,
    twoNamespaces: (name: string, prefix: string) =>
      `<${name}> uses the prefix "${prefix}" for two namespaces at once`,
    closesNothing: (name: string) => `</${name}> closes no element`,
    endlessEndTag: "an end tag that does not end",
    wrongEndTag: (found: string, expected: string) => `</${found}> where </${expected}> was expected`,
    badComment: "<!- that starts no comment",
    badCdata: "<![ that starts no CDATA section",
    cdataOutside: "a CDATA section outside the root element",
    dtd: "a DOCTYPE or other DTD markup: spojka does not accept DTDs or entity declarations",
    malformed: "a DTD or malformed markup",
  },
  /** Why a downloaded zip cannot be unpacked (src/pipeline/unzip.ts). */
  zip: {
    outside: (name: string) => `it contains the entry name "${name}", which points outside its folder`,
    unreadable: (why: string) => `not a readable zip (${why})`,
    tooManyEntries: (count: number, max: number) =>
      `it holds ${count} entries, more than the limit of ${max}`,
    twoNamed: (name: string) => `it holds two files named "${name}"`,
    cannotUnpack: (file: string, why: string) => `${file} cannot be unpacked: ${why}`,
    notReadToEnd: (file: string) => `${file} was not read to its end`,
    wrongSize: "it does not inflate to the size its header declares",
    checksum: "its content does not match its checksum (the zip is damaged)",
    tooBig: (mib: number) => `it unpacks to more than ${mib} MiB (max_unzipped_mb)`,
  },
  /** The FLOWii API's errors (src/flowii/client.ts). */
  flowii: {
    badLogin: (said: string) => `FLOWii refused the user name or password${said}.`,
    badLoginHint: "Check [flowii] user and password with spojka init (the login e-mail and password of the " +
      "FLOWii account).",
    badKey: (said: string) => `FLOWii refused the API key${said}.`,
    badKeyHint:
      "Copy the API key again from FLOWii (Nastavenia → Rozšírenia → API) and enter it with spojka init.",
    noToken: (status: number, said: string) => `FLOWii did not issue a token (HTTP ${status})${said}.`,
    noAccess: (stream: string, status: number, said: string) =>
      `FLOWii refused access to the ${stream} export (HTTP ${status})${said}.`,
    noAccessHint:
      "The API user needs access to the company; check [flowii] company_id and the user's rights in FLOWii.",
    noExport: (stream: string, path: string, said: string) =>
      `FLOWii has no ${stream} export at ${path} (HTTP 404)${said}.`,
    noExportHint:
      "The export paths are not published by FLOWii; check [flowii.endpoints] (spojka help config).",
    exportFailed: (stream: string, status: number, said: string) =>
      `FLOWii's ${stream} export failed (HTTP ${status})${said}.`,
    noContentType: "something without a content type",
    notAZip: (type: string, stream: string, said: string) =>
      `FLOWii sent ${type} instead of the ${stream} zip${said}.`,
    notAZipHint: "FLOWii may be in maintenance; the next run tries again. Nothing was lost.",
    tokenObtained: (seconds: number) => `FLOWii token obtained, valid for ${seconds} s`,
  },
  /** What is wrong with a time given for a cursor (src/core/cursor_time.ts); it follows the time's name. */
  cursorTime: {
    neither: "is neither a date (2026-01-31, 31.1.2026, 2026-01-31 14:30) nor a UNIX time",
    before2000: (at: string) => `is ${at}, before the year 2000`,
    future: (at: string) => `is ${at}, in the future`,
  },
};

/** The shape every catalogue has. */
export type Catalogue = typeof en;
