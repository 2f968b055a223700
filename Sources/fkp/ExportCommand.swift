import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Foundation
import Logging
import PostgresNIO

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the regions or families of a region in the import format, sorted, or a regency's final list (DATABASE_URL).")

    @Argument(help: "regions, families, or final (the list of a re-ranking run)") var kind: String
    @Option(help: "BPS code of the region to export (regions, families).") var region: String?
    @Option(help: "BPS code of the regency whose final list to export (final).") var regency: String?
    @Option(help: "The re-ranking run to export (final; default: the regency's latest).") var run: Int64?
    @Option(help: "Write to this file instead of standard output.") var out: String?
    @OptionGroup var actor: ActorOptions

    func run() async throws {
        try await CommandSupport.reportingFailures {
            guard ["regions", "families", "final"].contains(kind) else { throw ValidationError("export regions, families or final") }
            let place = kind == "final" ? regency : region
            let option = kind == "final" ? "--regency" : "--region"
            guard let place else { throw ValidationError("export \(kind) needs \(option) CODE") }
            let code = try CommandSupport.regionCode(place, option: option, level: kind == "final" ? .regency : nil)
            let config = try CommandSupport.configuration(folders: [])
            let logger = CommandSupport.bootstrapLogging(level: .warning)
            try await CommandSupport.withDatabase(config, logger: logger) { client in
                let database = Database(client: client, logger: logger)
                guard try await RegionRepository(database: database).region(code) != nil else {
                    throw ValidationError("\(option) \(code.value): there is no such \(kind == "final" ? "regency" : "region")")
                }
                let principal = try await actor.principal(database: database)
                try actor.require(principal, may: { AccessPolicy.decide($0, .exportLists, .region(code)) == .allow }, "export \(kind) of \(code.value)")
                let output = try CommandSupport.output(to: out)
                let buffered = BufferedOutput(output, writingTo: out)
                let write: @Sendable (String) async throws -> Void = { try buffered.write($0) }
                let exporter = ListExporter(database: database)
                do {
                    if kind == "final" {
                        // Checked against the run's output SHA-256 once the last line is written.
                        try await FinalListExport(database: database).write(regency: code, runID: run, write: write)
                    } else if kind == "regions" {
                        try await exporter.regions(under: code, write: write)
                    } else {
                        // Whole numbers for the operator and BPS accounts; masked for anyone else named with --as.
                        let whole = principal?.seesPersonalNumbers ?? true
                        try await exporter.families(under: code, wholeNumbersFor: whole ? actor.actor ?? "system:\(NSUserName())" : nil,
                                                    how: "export", requestID: nil, write: write)
                    }
                    try buffered.flush()
                } catch {
                    // A file cut short, or a final list that no longer verifies, is not left under the name
                    // asked for; a device or a pipe named as the output (/dev/full, a FIFO) is left alone.
                    var written = stat()
                    if let out, fstat(output.fileDescriptor, &written) == 0, written.st_mode & S_IFMT == S_IFREG { unlink(out) }
                    throw error
                }
                if out != nil { try output.close() }
            }
        }
    }
}
