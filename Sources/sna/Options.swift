import ArgumentParser
import Foundation
import Network

extension CoOffendingWeight: ExpressibleByArgument {}
import Screening
import Spreadsheet
import Store

extension PathWeights: ExpressibleByArgument {}

/// `--columns FILE`: the unit's own headers mapped onto ours (README "Input").
struct ColumnOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Column mapping (YAML: per file, our column: your header, e.g. persons: {birth_date: fødselsdato}); the common Danish headers are recognised without it. With ingest it is kept with the pull.", valueName: "file"))
    var columns: String?

    /// The mapping --columns names, or none (the built-in Danish headers apply either way).
    func map() throws -> ColumnMap {
        guard let columns else { return .none }
        return try ColumnMap(yamlFile: URL(fileURLWithPath: columns), file: columns)
    }
}

/// The input and how to turn it into a graph: shared by every analysing command.
struct InputOptions: ParsableArguments {
    @Argument(help: "Dataset folder, nodes/edges folder, edge-list CSV file, or a store (sna.sqlite).")
    var input: String

    @Option(name: .long, help: ArgumentHelp("With a store as input: the pull to analyse (default: the latest; `sna log pulls` lists them).", valueName: "id"))
    var pull: Int64?

    @Flag(name: .long, help: "Treat every tie as directed (default: undirected unless links.csv has a 'directed' column set to true).")
    var directed = false

    @Flag(name: .long, help: "Treat every tie as undirected, whatever the data declares.")
    var undirected = false

    @Option(name: .long, help: ArgumentHelp(
        "Kinds of tie that form the graph, comma-separated: co-offending, location, affiliation, analyst (all links.csv types), a links.csv type such as family, or all.",
        valueName: "kinds"))
    var links: String?

    @Option(name: .long, help: ArgumentHelp("Only events on or after this day (YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Only events on or before this day (YYYY-MM-DD).", valueName: "date"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Only links whose links.csv `period` is one of these values (comma-separated: phase numbers, labels, or ISO dates 2009, 2009-03, 2009-03-05 — these also select cases and sightings by date). Persons without a tie in the period are left out unless --keep-inactive.", valueName: "values"))
    var period: String?

    @Flag(name: .customLong("keep-inactive"), help: "With --period: keep persons without a tie in the period (figures are then normalized over everyone).")
    var keepInactive = false

    @Flag(name: .long, help: "Let initiative cases (crime codes 61600-62230, e.g. stop-and-search) create co-offending ties.")
    var includeInitiative = false

    @Option(name: .long, help: ArgumentHelp("Weight of a co-offending tie: count (shared cases) or newman (1/(k−1) per case of k suspects).", valueName: "rule"))
    var coOffendingWeight: CoOffendingWeight = .count

    @Option(name: .long, help: ArgumentHelp("Persons seen at the same place at most this many days apart are tied (0 = same day).", valueName: "days"))
    var locationWindow: Int = 0

    @Option(name: .long, help: ArgumentHelp("Policy file (YAML; `sna policy` prints the defaults): its initiative_codes and initiative_tags decide which cases make no co-offending tie, and screening commands apply all of it.", valueName: "file"))
    var policy: String?

    @OptionGroup var columns: ColumnOptions

    /// The policy in force: --policy, else the built-in one.
    func loadPolicy() throws -> Policy { try loadPolicyFile(policy) }

    func validate() throws {
        if directed && undirected { throw ValidationError("Use either --directed or --undirected, not both.") }
        if let from, Day(iso: from) == nil { throw ValidationError("--from '\(from)' is not a date; write YYYY-MM-DD, e.g. --from 2014-01-01.") }
        if let to, Day(iso: to) == nil { throw ValidationError("--to '\(to)' is not a date; write YYYY-MM-DD, e.g. --to 2015-12-31.") }
        if let f = from.flatMap(Day.init(iso:)), let t = to.flatMap(Day.init(iso:)), t < f {
            throw ValidationError("--to \(t) is before --from \(f).")
        }
        if locationWindow < 0 { throw ValidationError("--location-window must be 0 or more days.") }
        if let p = periodValues, p.isEmpty { throw ValidationError("--period needs at least one value, e.g. --period 3 or --period 2009,2010.") }
        if keepInactive && period == nil { throw ValidationError("--keep-inactive goes with --period.") }
        if pull != nil && !Store.isStore(input) { throw ValidationError("--pull needs a store as input (\(input) is not one).") }
    }

    /// The store the input names, if it is one (its latest pull, or --pull, is the dataset).
    /// The store the input names, if it is one, opened for reading (or for writing, for a
    /// command that records in it).
    func openStore(write: Bool = false) throws -> Store? { Store.isStore(input) ? try Store(path: input, readOnly: !write) : nil }

    /// The dataset; what loading skipped (rows of only delimiters) goes to stderr as notes
    /// unless `notes` is false (validate lists them as warnings).
    func loadDataset(notes: Bool = true, collect: InputErrorCollector? = nil) throws -> Dataset {
        let ds: Dataset
        if let store = try openStore() { ds = try store.dataset(pull: pull).1 } else { ds = try DatasetLoader.load(input, columns: try columns.map(), collect: collect) }
        if notes { for n in ds.loadNotes { note("note: \(n)") } }
        return ds
    }

    func buildOptions(weights: PathWeights = .none) -> BuildOptions {
        var o = BuildOptions()
        if let links { o.links = LinkSelection(parsing: links) }
        o.from = from.flatMap(Day.init(iso:))
        o.to = to.flatMap(Day.init(iso:))
        o.directed = directed ? true : (undirected ? false : nil)
        o.includeInitiativeCases = includeInitiative
        if let p = try? loadPolicy() {
            o.initiative = p.initiativeRule
            o.locationMaxPersons = p.locationMaxPersons
        }
        o.locationWindowDays = locationWindow
        o.coOffendingWeight = coOffendingWeight
        o.periods = periodValues
        o.requirePositiveWeights = weights != .none
        return o
    }

    /// The --period values, trimmed, empty ones dropped.
    var periodValues: [String]? {
        period.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    /// The analysed network. `linkRows: false` says the caller needs the graph and the
    /// persons but not the link rows: a plain edge-list file is then read straight into the
    /// graph (``NetworkBuilder/edgeList(url:file:options:)``, a fraction of the memory).
    func loadNetwork(weights: PathWeights = .none, linkRows: Bool = true) throws -> PersonNetwork {
        _ = try loadPolicy()  // a bad policy file is an error naming its line, before any work
        if !linkRows, !Store.isStore(input), DatasetLoader.isEdgeListFile(input) {
            let display = input.hasSuffix("/") && input.count > 1 ? String(input.dropLast()) : input
            if let net = try NetworkBuilder.edgeList(url: URL(fileURLWithPath: input), file: display,
                                                     options: buildOptions(weights: weights)) {
                for n in net.dataset.loadNotes { note("note: \(n)") }
                return net
            }
        }
        let dataset = try loadDataset()
        let options = buildOptions(weights: weights)
        let net = try NetworkBuilder.build(dataset, options: options)
        if let cap = options.locationMaxPersons, let w = Validate.cappedWarning(net.summary, cap: cap) { note("note: \(w)") }
        // A period's network holds the persons active in it.
        return period != nil && !keepInactive ? try net.activeOnly() : net
    }
}

/// The policy in the file at `path` (errors name its line and key), or the built-in one.
func loadPolicyFile(_ path: String?) throws -> Policy {
    try path.map { try Policy(yamlFile: URL(fileURLWithPath: $0), file: $0) } ?? .default
}

/// The CSV a command writes: the contract, or what Danish Excel opens as it is.
enum CSVDialect: String, ExpressibleByArgument, CaseIterable {
    case standard, excel
}

/// Where results go: stdout, or a file written atomically with mode 0600.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Write the result to this file (atomically, mode 0600) instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("csv"), help: ArgumentHelp("CSV dialect: standard (the contract: comma, UTF-8, LF, decimal point) or excel (UTF-8 with BOM, ';', decimal comma, CRLF: what Danish Excel opens as it is).", valueName: "dialect"))
    var csvDialect: CSVDialect = .standard

    /// Tabular output: `csv` is the command's CSV; written as it is, in the Excel dialect
    /// (`--csv excel`), or as a workbook when the format is xlsx. `record`: written first (see
    /// ``emit(_:record:)-data``).
    func emitTable(_ csv: String, xlsx: Bool, record: Recorder? = nil) throws {
        if xlsx {
            if output == nil && isatty(STDOUT_FILENO) != 0 {
                throw CLIError("--format xlsx writes a workbook: give -o FILE.xlsx (or redirect stdout to a file)")
            }
            let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) ?? 946_684_800
            do {
                try emit(try Spreadsheet.xlsx(csv: csv, created: Date(timeIntervalSince1970: epoch)), record: record)
            } catch let e as Spreadsheet.Failure {
                throw CLIError(e.description)
            }
        } else {
            try emit(csvDialect == .excel ? Spreadsheet.excelCSV(csv) : Data(csv.utf8), record: record)
        }
    }

    /// Text out: on a terminal no control character or bidirectional override from the data
    /// reaches it (names and ids are data); files and pipes get the text as it is.
    func emit(_ text: String, record: Recorder? = nil) throws {
        try emit(Data((output == nil && isatty(STDOUT_FILENO) != 0 ? Escape.terminalText(text) : text).utf8), record: record)
    }

    /// Record, then show, in one step: with -o the bytes are staged beside the file, the
    /// record is written, and only then the file is put in place; on stdout the record comes
    /// first. A record that cannot be written (a locked or read-only store) stops the output:
    /// nothing goes out without it.
    func emit(_ data: Data, record: Recorder? = nil) throws {
        if let output {
            let staged = try AtomicFile.stage(data, to: output)
            do { try record?() } catch { staged.discard(); throw error }
            try staged.commit()
        } else {
            try record?()
            FileHandle.standardOutput.write(data)
        }
    }
}

/// A command's own error: printed as one `error:` line, exit code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Runs a command body, turning errors the user can act on (bad input, a measure that cannot
/// be computed, a file that cannot be written, a store refusal) into one `error:` line on
/// stderr and exit code 1. Commands throw; nothing calls `exit`.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as CustomStringConvertible & Error
        where e is InputError || e is MeasureError || e is AtomicFile.Error || e is StoreError || e is CLIError {
        var message = e.description
        // The library's errors speak of weights and link kinds; here they get the options' names.
        if case MeasureError.nonPositiveWeight = e { message += "; --weights none ignores weights" }
        if let ie = e as? InputError, ie.field == "weight", ie.message.contains("not positive") { message += "; --weights none ignores weights" }
        if let ie = e as? InputError, ie.field == "links" { message += " (--links)" }
        FileHandle.standardError.write(Data("error: \(Escape.terminal(message))\n".utf8))
        throw ExitCode.failure
    }
}

func note(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}

/// Who acts and why, for the audit trail (LED Art. 25): every ingest, proposal run, decision,
/// export, render and candidate list made through a store is recorded with these.
struct ActorOptions: ParsableArguments {
    @Option(name: .customLong("actor"), help: ArgumentHelp("Who does this, for the audit trail (default: the OS user; --by, the old spelling, still works).", valueName: "name"))
    var actorName: String?

    /// The old spelling of --actor (`--by` partitions in the analysis commands).
    @Option(name: .customLong("by"), help: .hidden)
    var by: String?

    @Option(name: .long, help: ArgumentHelp("Why, for the audit trail (required when names are exported).", valueName: "text"))
    var purpose: String?

    @Flag(name: .long, help: "On a store that is read-only here: show what needs a record without one (needs --purpose; said on stderr).")
    var unrecorded = false

    var actor: String { actorName ?? by ?? Store.osUser }

    func validate() throws {
        if let a = actorName, let b = by, a != b { throw ValidationError("--actor \(a) and --actor \(b) name two actors: give --actor once.") }
    }

    /// Names and birth dates leave the program only with a stated purpose (on a store it goes
    /// into the audit record).
    func requirePurpose(_ d: DisclosureOptions) throws {
        guard d.discloses else { return }
        if (purpose ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("\(d.flags) discloses personal data: say why with --purpose \"...\" (on a store it goes into the audit trail).")
        }
    }

    /// Records an action in the input's store (when the input is a store).
    func record(_ input: InputOptions, action: AuditAction, what: String, persons: [String] = []) throws {
        guard Store.isStore(input.input) else { return }
        try record(store: input.input, action: action, what: what + (input.pull.map { " (pull \($0))" } ?? ""), persons: persons)
    }

    /// Records an action in the store at `path`. A store that is read-only here records
    /// nothing: the output then needs --unrecorded (and a purpose), said on stderr; on a store
    /// that records, --unrecorded is refused.
    func record(store path: String, action: AuditAction, what: String, persons: [String] = []) throws {
        if !Store.isWritable(path) {
            guard unrecorded else {
                throw CLIError("\(path) is read-only here: what this shows must be recorded first, so nothing was shown; --unrecorded --purpose \"…\" shows it without a record")
            }
            guard let p = purpose, !p.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CLIError("--unrecorded shows personal data without a record: say why with --purpose \"…\"")
            }
            note("note: NOT RECORDED: \(path) is read-only here; \(action.rawValue) \(what) shown under --unrecorded by \(actor) for: \(p)")
            return
        }
        if unrecorded { throw CLIError("--unrecorded is for a store that is read-only here; \(path) records what it shows") }
        let store = try Store(path: path)
        try store.recordAction(by: actor, action: action, what: what, purpose: purpose, persons: persons)
    }

    /// The record an output of the input's store needs before it goes out (nil when the input
    /// is not a store, or `when` is false).
    func recorder(_ input: InputOptions, _ action: AuditAction, what: String, persons: [String] = [], when: Bool = true) -> Recorder? {
        guard when, Store.isStore(input.input) else { return nil }
        return { try record(input, action: action, what: what, persons: persons) }
    }

    /// The record of a disclosure (names or birth dates) from the input's store.
    func disclosureRecorder(_ input: InputOptions, _ d: DisclosureOptions, what: String, persons: [String] = []) -> Recorder? {
        recorder(input, .disclose, what: what + " (" + d.described + ")", persons: persons, when: d.discloses)
    }
}

/// A record that must be written before an output goes out.
typealias Recorder = () throws -> Void

/// The store file for store commands: --store, else $SNA_STORE, else ./sna.sqlite.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store (SQLite file; default $SNA_STORE or ./sna.sqlite).", valueName: "file"))
    var store: String?

    var path: String { store ?? Self.defaultPath }

    /// $SNA_STORE, else ./sna.sqlite.
    static var defaultPath: String { ProcessInfo.processInfo.environment["SNA_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? "sna.sqlite" }

    func open(create: Bool = false, readOnly: Bool = false) throws -> Store { try Store(path: path, create: create, readOnly: readOnly) }
}

/// The date printed on images and reports: `given`, else SOURCE_DATE_EPOCH (for reproducible
/// output), else today, as YYYY-MM-DD in UTC.
func snaGenerationDay(_ given: String?) -> String {
    if let given { return given }
    var seconds = Date().timeIntervalSince1970
    if let e = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let v = Double(e) { seconds = v }
    let f = DateFormatter()
    f.dateFormat = "yyyy-MM-dd"
    f.timeZone = TimeZone(identifier: "UTC")
    f.locale = Locale(identifier: "en_US_POSIX")
    return f.string(from: Date(timeIntervalSince1970: seconds))
}

/// The values of a partition attribute (`--by`) per node, or an error that lists the
/// attributes the data has. Areas follow the default policy.
/// A person attribute per node for `--by`: `area` by the policy in force (its
/// `focus_districts` decide area A and B).
func partitionValues(_ net: PersonNetwork, by: String, policy: Policy, option: String = "--by") throws -> [String?] {
    let values = NodeAttributes.values(net, by, area: policy.areaLabel)
    guard values.contains(where: { $0 != nil }) else {
        let options = NodeAttributes.available(net)
        throw CLIError("no person has a value for '\(by)'\(by == "group" ? " (no affiliations in the data)" : ""); "
                       + (options.isEmpty ? "the data has no person attributes to partition by" : "use \(option) with one of: \(options.joined(separator: ", "))")
                       + (option == "--by" ? " (--by partitions here; who acts is --actor)" : ""))
    }
    return values
}

/// The disclosure rule on the command line, the same for every command that can show persons:
/// pseudonymous ids by default; names with --names and --purpose; a minor's name also needs
/// --show-minors; exact birth dates only with --birth-dates (else the birth year).
struct DisclosureOptions: ParsableArguments {
    @Flag(name: .long, help: "Show names next to ids (needs --purpose; minors stay unnamed without --show-minors).")
    var names = false

    @Flag(name: .customLong("show-minors"), help: "Show the names of persons under the youth age too (with --names).")
    var showMinors = false

    @Flag(name: .customLong("birth-dates"), help: "Write exact birth dates (default: the birth year only; needs --purpose).")
    var birthDates = false

    func validate() throws {
        if showMinors && !names { throw ValidationError("--show-minors shows minors' names: it needs --names.") }
    }

    /// Whether anything beyond pseudonymous ids and birth years goes out.
    var discloses: Bool { names || birthDates }

    /// The flags given, for messages.
    var flags: String { [names ? "--names" : nil, showMinors ? "--show-minors" : nil, birthDates ? "--birth-dates" : nil].compactMap { $0 }.joined(separator: " ") }

    /// For the audit record: what went out.
    var described: String {
        [names ? (showMinors ? "with names, minors' too" : "with names (minors unnamed)") : nil, birthDates ? "with birth dates" : nil]
            .compactMap { $0 }.joined(separator: ", ")
    }

    /// The rule for writers, judging age on `asOf` under `policy`.
    func rule(asOf: Day?, policy: Policy = .default) -> Disclosure {
        Disclosure(names: names, minorNames: showMinors, birthDates: birthDates, asOf: asOf, youthAge: policy.youthAge)
    }

    /// The rule for a dataset: age judged on its last dated event, else its log's latest date,
    /// else today.
    func rule(for ds: Dataset, policy: Policy = .default) -> Disclosure {
        rule(asOf: ds.period?.last ?? ds.log.compactMap(\.since).max() ?? Day(iso: snaGenerationDay(nil)), policy: policy)
    }

    /// A person's name as a table shows it: the name, "(minor)" for a minor without
    /// --show-minors, "" when unknown or not asked for.
    func shown(_ p: Person?, _ rule: Disclosure) -> String {
        guard names, let p else { return "" }
        if let n = rule.name(p) { return n }
        return p.name == nil ? "" : "(minor)"
    }
}

/// `--for NAME`: the recipient profile (the policy's `recipients`) that decides which persons
/// an output may hold.
struct RecipientOptions: ParsableArguments {
    @Option(name: .customLong("for"), help: ArgumentHelp("Recipient profile from the policy's recipients: by default dks (persons under the youth age), ssp (free peripheral persons of 18 or more) or police (all). Recorded in the audit with the persons sent.", valueName: "name"))
    var name: String?

    /// The profile under `policy`, if --for was given.
    func resolve(_ policy: Policy) throws -> Recipient? { try name.map { try policy.recipient($0) } }
}
