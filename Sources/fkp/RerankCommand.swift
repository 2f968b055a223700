import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Foundation
import Logging
import PostgresNIO

struct RerankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerank",
        abstract: "Rank a regency's families again into their final groups and ranks (docs/reranking.md; DATABASE_URL).")

    @Option(help: "BPS code of the regency or city (4 digits).") var regency: String
    @Flag(help: "Rank even though some forums are not closed; the run is marked provisional.") var allowOpen = false
    @Option(help: "Also write the final list (CSV) to this file.") var out: String?
    @OptionGroup var actor: ActorOptions

    func run() async throws {
        try await CommandSupport.reportingFailures {
            let code = try CommandSupport.regionCode(regency, option: "--regency", level: .regency)
            let config = try CommandSupport.configuration(folders: [])
            let logger = CommandSupport.bootstrapLogging(level: .warning)
            try await CommandSupport.withDatabase(config, logger: logger) { client in
                let database = Database(client: client, logger: logger)
                guard try await RegionRepository(database: database).region(code) != nil else {
                    throw ValidationError("--regency \(code.value): there is no such regency")
                }
                let principal = try await actor.principal(database: database)
                try actor.require(principal, may: { AccessPolicy.decide($0, .rerank, .region(code)) == .allow }, "re-rank regency \(code.value)")
                let context = actor.context(action: "rerank.run", region: code.value, principal: principal)
                switch try await Reranker(database: database).run(regency: code, allowOpen: allowOpen, context: context) {
                case .forumsStillOpen(let forums):
                    CommandSupport.printError("regency \(code.value) has forums that are not closed: "
                        + forums.map(String.init).joined(separator: ", ") + "; close them, or give --allow-open for a provisional run")
                    throw ExitCode(3)
                case let .ran(runID, provisional, inputs, output, result):
                    if let out { try Self.write(result.entries, to: out) }
                    CommandSupport.say("run \(runID)\(provisional ? " (provisional)" : ""): \(result.entries.count) families ranked, "
                        + "\(result.removed.count) left the list")
                    CommandSupport.say("inputs sha256 \(inputs)")
                    CommandSupport.say("output sha256 \(output)")
                case .sentAgain:
                    break  // only a form sent twice; the command names no run shown before it
                }
            }
        }
    }

    /// Writes the final list line by line, buffered, without building it in memory.
    static func write(_ entries: [Reranking.Entry], to path: String) throws {
        let output = BufferedOutput(try CommandSupport.output(to: path), writingTo: path)
        try output.write(FinalListCSV.header)
        for entry in entries { try output.write(FinalListCSV.line(entry)) }
        try output.flush()
    }
}
