import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Foundation
import Logging
import PostgresNIO

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a regions or families CSV file (docs/formats.md), all or nothing (DATABASE_URL).")

    @Argument(help: "regions or families") var kind: String
    @Argument(help: "The CSV file, or - for standard input.") var file: String
    @Flag(help: "Check the file and say what loading it would change; change nothing.") var check = false
    @OptionGroup var actor: ActorOptions

    func run() async throws {
        try await CommandSupport.reportingFailures { try await importFile() }
    }

    private func importFile() async throws {
        guard let listKind = ListKind(rawValue: kind) else { throw ValidationError("import regions FILE or import families FILE") }
        let fileChunks = try FileChunks(path: file)
        if file == "-", isatty(0) == 1 {
            // `-` typed without a file piped in: say why nothing happens rather than wait in silence.
            CommandSupport.printError("reading the \(kind) list from the terminal: paste it, then end it with Ctrl-D (or give a file)")
        }
        let config = try CommandSupport.configuration(folders: [])
        let logger = CommandSupport.bootstrapLogging(level: .warning)
        let progress = ImportProgress(reading: file, from: fileChunks)
        let onProgress = progress.onTerminal
        let fileName = file == "-" ? "(standard input)" : URL(fileURLWithPath: file).lastPathComponent
        let actor = self.actor
        let report: ImportReport
        var earlierRuns: [(run: RerankRepository.Run, regencyName: String)] = []
        do {
            (report, earlierRuns) = try await CommandSupport.withDatabase(config, logger: logger) { client in
                let database = Database(client: client, logger: logger)
                // A named account loads only inside the places its roles let it, as on the import page.
                let principal = try await actor.principal(database: database)
                let roots = principal.flatMap { AccessPolicy.roots($0, for: .importLists) }
                try actor.require(principal, may: { _ in roots?.isEmpty != true }, "load lists")
                let context = actor.context(action: "import.\(listKind.rawValue)", region: roots?.count == 1 ? roots?.first?.value : nil,
                                            principal: principal)
                let report = try await ListImporter(database: database).run(listKind, chunks: UnpackedChunks(fileChunks), fileName: fileName,
                                                                             context: context, scope: roots, checkOnly: check,
                                                                             progress: onProgress)
                guard let batch = report.batchID else { return (report, []) }
                return (report, try await RerankRepository(database: database).latestRunsBefore(batch: batch))
            }
        } catch let problems as ImportProblems {
            progress.finish()
            CommandSupport.printError("\(file): nothing was imported (\(problems.total) problem\(problems.total == 1 ? "" : "s")):\n\(problems)")
            throw ExitCode(1)
        }
        progress.finish()
        if check, !report.isNoOp {
            CommandSupport.say("Checked, no problem: \(CommandSupport.counted(report.rows, "row", "rows")); loading \(report.rows == 1 ? "it" : "them") would add \(report.added), "
                               + "change \(report.changed) and remove \(report.removed) (sha256 \(report.sha256)). Nothing was changed.")
        } else if report.isNoOp {
            // Said as the import page says it; a check says it was one.
            CommandSupport.say((check ? "Checked, no problem: " : "") + "\(CommandSupport.counted(report.rows, "row", "rows")), "
                               + "the same as already loaded; nothing changed (sha256 \(report.sha256)).")
        } else {
            CommandSupport.say("Import batch \(report.batchID ?? 0): \(CommandSupport.counted(report.rows, "row", "rows")), \(report.added) added, "
                               + "\(report.changed) changed, \(report.removed) removed (sha256 \(report.sha256)).")
        }
        say(report.places, loaded: !check)
        say(report.sharedNumbers)
        for (run, name) in earlierRuns {
            CommandSupport.say("Re-ranking run \(run.id) of \(name) (\(run.regency), \(run.provisional ? "provisional" : "final")) was made before "
                               + "this list and does not hold it: run fkp rerank --regency \(run.regency) again before its list is used.")
        }
    }

    /// The personal numbers held by two families or more, by the families' ids and lines (never the
    /// number): not refused, but a person should look before the forums do.
    private func say(_ shared: SharedNumbers) {
        for (column, what) in [(shared.familyCards, ("family card number", "family card numbers")), (shared.headNIKs, ("head's NIK", "heads' NIKs"))]
        where column.numbers > 0 {
            CommandSupport.say("  \(CommandSupport.counted(column.numbers, what.0, what.1)) held by more than one family of the regency "
                               + "(not refused; a forum can mark a duplicate):")
            for group in column.groups {
                let families = group.shown.map { "\($0.familyID) (\($0.line.map { "line \($0)" } ?? "not in the file"))" }
                let more = group.families - group.shown.count
                CommandSupport.say("    " + families.joined(separator: ", ") + (more > 0 ? " and \(more) more" : ""))
            }
            if column.numbers > column.groups.count { CommandSupport.say("    and \(column.numbers - column.groups.count) more numbers") }
        }
    }

    /// The units that lose families and the places changed, one a line under the counts (at most
    /// ten of each, as the importer finds them).
    private func say(_ places: ChangedPlaces, loaded: Bool) {
        for unit in places.removals {
            CommandSupport.say("  \(unit.code) \(unit.name): \(CommandSupport.counted(unit.families, "family", "families")) removed")
        }
        for place in places.placeChanges {
            let changes = [place.newName.map { "renamed \($0)" }, place.nonSLS.map { $0 ? "marked Non-SLS" : "no longer Non-SLS" }]
            CommandSupport.say("  \(place.code) \(place.name): \(changes.compactMap { $0 }.joined(separator: ", "))")
        }
        for unit in places.takenFromUnitsNotListed {
            CommandSupport.say("  \(unit.code) \(unit.name), not in the file: \(CommandSupport.counted(unit.families, "family", "families")) "
                               + "\(loaded ? "moved" : "would move") from it to the file's units "
                               + "(\(unit.families == 1 ? "its family id is" : "their family ids are") in the file)")
        }
    }
}

/// Rows, rows per second and the share of the file read, then what the database is doing, on a
/// terminal; silent otherwise. Each line replaces the one before (`ESC [K` clears what is left of it).
final class ImportProgress: @unchecked Sendable {
    let isTerminal = isatty(2) == 1
    let started = Date()
    let totalBytes: Int?
    /// The file as it is read: how far it has been, in its own bytes (a compressed file's, not the list's).
    let file: FileChunks
    private let lock = NSLock()
    private var readSeconds: Double?

    /// For the file at `path` (its size gives the share read), or standard input (`-`), read by `file`.
    init(reading path: String, from file: FileChunks) {
        totalBytes = path == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        self.file = file
    }

    /// What a command hands on to be told of its stages: shown on a terminal, nil elsewhere.
    var onTerminal: (@Sendable (ListImporter.Stage) -> Void)? {
        guard isTerminal else { return nil }
        return { @Sendable [self] stage in show(stage) }
    }

    func show(_ stage: ListImporter.Stage) {
        lock.lock()
        defer { lock.unlock() }
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let line: String
        switch stage {
        case .reading(let rows):
            var text = "\(CommandSupport.counted(rows, "row", "rows")), \(Int(Double(rows) / seconds)) rows/s"
            if let totalBytes, totalBytes > 0, let read = file.offset { text += ", \(min(100, read * 100 / totalBytes))% of the file read" }
            line = text
        case .checking(let rows):
            readSeconds = seconds
            line = "\(CommandSupport.counted(rows, "row", "rows")) read in \(String(format: "%.1f", seconds)) s; checking \(rows == 1 ? "it" : "them") against the database"
        case .loading(let rows):
            line = "\(CommandSupport.counted(rows, "row", "rows")) checked in \(String(format: "%.1f", seconds - (readSeconds ?? 0))) s; loading \(rows == 1 ? "it" : "them")"
        }
        try? FileHandle.standardError.write(contentsOf: Data(("\r" + line + "\u{1B}[K").utf8))
    }

    func finish() {
        if isTerminal { try? FileHandle.standardError.write(contentsOf: Data("\n".utf8)) }
    }
}
