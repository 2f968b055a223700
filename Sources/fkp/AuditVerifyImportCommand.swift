import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Logging
import PostgresNIO

/// `fkp audit verify-import`: a batch's rows kept beside the chain, checked against the file it
/// loaded and against the batch's chained entry, whose chain is verified too (docs/audit.md).
struct AuditVerifyImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-import",
        abstract: "Check the rows an import batch kept against the file it loaded (DATABASE_URL).")

    @Option(help: "The import batch, by its number.") var batch: Int64
    @Argument(help: "The file the batch loaded (a file, not standard input: it is read twice).") var file: String

    func run() async throws {
        try await CommandSupport.reportingFailures {
            guard file != "-" else { throw ValidationError("give the file itself: it is read twice, once for its SHA-256") }
            // A compressed file's is its list's: what the batch recorded.
            let fileSHA256 = try await ImportBatchVerifier.sha256(of: UnpackedChunks(try FileChunks(path: file)))
            let config = try CommandSupport.configuration(folders: [])
            let logger = CommandSupport.bootstrapLogging(level: .warning)
            let intact = try await CommandSupport.withDatabase(config, logger: logger) { client in
                try await verify(fileSHA256: fileSHA256, database: Database(client: client, logger: logger))
            }
            if !intact { throw ExitCode(1) }
        }
    }

    private func verify(fileSHA256: String, database: Database) async throws -> Bool {
        let verifier = ImportBatchVerifier(database: database)
        guard let entry = try await verifier.entry(of: batch) else {
            guard try await verifier.batchExists(batch) else { throw ValidationError("there is no import batch \(batch)") }
            CommandSupport.printError("import batch \(batch) has no entry in the audit trail: what it loaded cannot be vouched for")
            CommandSupport.say("batch \(batch): BROKEN")
            return false
        }
        let chain = try await AuditRepository(database: database).verify(chain: entry.chain)
        for problem in chain.problems { CommandSupport.printError(problem) }
        CommandSupport.say("batch \(batch): \(entry.kind.rawValue) from \(entry.fileName), \(CommandSupport.counted(entry.rows, "row", "rows")), "
                           + "entry \(entry.seq) of chain \(entry.chain) (\(CommandSupport.counted(chain.entries, "entry", "entries")): "
                           + "\(chain.isValid ? "intact" : "BROKEN"))")
        guard fileSHA256 == entry.sha256 else {
            CommandSupport.printError("\(file) is not the file batch \(batch) loaded: its SHA-256 is \(fileSHA256), "
                                      + "the batch's entry says \(entry.sha256)")
            return false
        }
        let verification: ImportBatchVerifier.Verification
        // On a terminal, as an import: a million rows take a few seconds to read, and as many to compare.
        let fileChunks = try FileChunks(path: file)
        let progress = ImportProgress(reading: file, from: fileChunks)
        do {
            defer { progress.finish() }
            verification = try await verifier.verify(entry, chunks: UnpackedChunks(fileChunks), progress: progress.onTerminal)
        } catch let problems as ImportProblems {
            let count = CommandSupport.counted(problems.total, "problem", "problems")
            CommandSupport.printError("\(file) is the file batch \(batch) loaded (its SHA-256 is the entry's), but this version of fkp "
                                      + "refuses it, so the kept rows were not compared (\(count)):\n\(problems)")
            return false
        }
        for problem in verification.problems { CommandSupport.printError(problem) }
        if verification.unlisted > 0 {
            CommandSupport.printError("and \(verification.unlisted) more kept \(verification.unlisted == 1 ? "row" : "rows") unlike the file")
        }
        let intact = chain.isValid && verification.isIntact
        CommandSupport.say("the file's SHA-256 is the entry's; kept \(verification.kept), "
                           + (verification.isIntact ? "each as its line of the file" : "not as the file and the entry say")
                           + ": \(intact ? "intact" : "BROKEN")")
        return intact
    }
}
