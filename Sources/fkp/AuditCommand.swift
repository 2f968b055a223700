import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Foundation
import Logging
import PostgresNIO

/// `fkp audit`: export the change history with a signed manifest, and verify it, in the database
/// or in an export file with no database at all (docs/audit.md).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Export and verify the audit trail (docs/audit.md).",
        subcommands: [AuditExportCommand.self, AuditVerifyCommand.self, AuditVerifyExportCommand.self, AuditVerifyImportCommand.self,
                      AuditPublicKeyCommand.self])

    static func signingKey() throws -> ExportSigningKey {
        try ExportSigningKey.loadOrCreate(at: AppConfig.exportKeyFile(ProcessInfo.processInfo.environment))
    }

    static func time(_ text: String?, option: String) throws -> AuditInstant? {
        guard let text else { return nil }
        guard let instant = AuditInstant(iso8601: text) else {
            throw ValidationError("\(option) '\(text)' is not a time such as 2026-12-01T09:00:00+07:00 or 2026-12-01T02:00:00.123456Z")
        }
        return instant
    }
}

struct AuditExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the entries of a forum or region, and a signed manifest beside them (DATABASE_URL).")

    @Option(help: "The forum whose chain to export.") var forum: Int64?
    @Option(help: "BPS code of a region: the chains of its forums and of its regency.") var region: String?
    @Option(help: "Only entries at or after this time (ISO 8601).") var from: String?
    @Option(help: "Only entries before this time (ISO 8601).") var to: String?
    @Option(help: "jsonl or csv.") var format: String = "jsonl"
    @Option(help: "Write the entries to this file (default: standard output).") var out: String?
    @Option(help: "Write the manifest here (default: the output file's name + .manifest.json).") var manifest: String?

    func run() async throws {
        try await CommandSupport.reportingFailures {
            guard (forum == nil) != (region == nil) else { throw ValidationError("give --forum ID or --region CODE") }
            guard let format = AuditExportLine.Format(rawValue: format) else { throw ValidationError("--format is jsonl or csv") }
            let scope: AuditExporter.Scope
            if let forum { scope = .forum(forum) } else {
                scope = .region(try CommandSupport.regionCode(region ?? "", option: "--region"))
            }
            guard let manifestPath = manifest ?? out.map({ $0 + ".manifest.json" }) else {
                throw ValidationError("writing to standard output: say where the manifest goes with --manifest FILE")
            }
            let (since, until) = (try AuditCommand.time(from, option: "--from"), try AuditCommand.time(to, option: "--to"))
            if let since, let until, since >= until {
                throw ValidationError("--from \(since.text) is not before --to \(until.text): no entry lies between them")
            }
            let key = try AuditCommand.signingKey()
            let config = try CommandSupport.configuration(folders: [])
            let logger = CommandSupport.bootstrapLogging(level: .warning)
            let written = try await CommandSupport.withDatabase(config, logger: logger) { client in
                let exporter = AuditExporter(database: Database(client: client, logger: logger))
                guard try await exporter.exists(scope) else {
                    throw ValidationError(forum.map { "there is no forum \($0)" } ?? "there is no region \(region ?? "")")
                }
                // Opened before the export runs: a manifest that cannot be written is said at once, not after it.
                let manifestFile = try CommandSupport.output(to: manifestPath)
                let output = try CommandSupport.output(to: out)
                let buffered = BufferedOutput(output, writingTo: out)
                // Two connections of the command's own pool of four: PostgreSQL reads on two cores.
                let manifest = try await exporter.export(scope, from: since, to: until, format: format,
                                                         untilEntry: try await exporter.latestEntryID(), key: key,
                                                         connections: 2) { try buffered.write(bytes: $0) }
                try buffered.flush()
                if out != nil { try output.close() }
                do {
                    try manifestFile.write(contentsOf: try manifest.encoded())
                    try manifestFile.close()
                } catch {
                    throw OutputFailure(error, writingTo: manifestPath)
                }
                return manifest
            }
            CommandSupport.printError("\(CommandSupport.counted(written.entries, "entry", "entries")) in \(CommandSupport.counted(written.chains.count, "chain", "chains")); manifest \(manifestPath)")
        }
    }
}

struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Re-check the audit chains in the database (DATABASE_URL).")

    @Option(help: "Only this forum's chain.") var forum: Int64?

    func run() async throws {
        try await CommandSupport.reportingFailures {
            let config = try CommandSupport.configuration(folders: [])
            let logger = CommandSupport.bootstrapLogging(level: .warning)
            let result = try await CommandSupport.withDatabase(config, logger: logger) { client in
                let database = Database(client: client, logger: logger)
                if let forum, try await !AuditExporter(database: database).exists(.forum(forum)) {
                    throw ValidationError("there is no forum \(forum)")
                }
                return try await AuditRepository(database: database).verify(chain: forum.map { "forum:\($0)" })
            }
            for problem in result.problems { CommandSupport.printError(problem) }
            CommandSupport.say("\(CommandSupport.counted(result.entries, "entry", "entries")) in \(CommandSupport.counted(result.chains, "chain", "chains")): \(result.isValid ? "intact" : "BROKEN")")
            if !result.isValid { throw ExitCode(1) }
        }
    }
}

struct AuditVerifyExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-export", abstract: "Check an export file and its manifest, with no database.")

    @Argument(help: "The export file.") var file: String
    @Option(help: "The manifest (default: FILE.manifest.json).") var manifest: String?
    @Option(help: "The server's public key (base64, from /audit/public-key) to trust instead of the manifest's own.") var publicKey: String?
    @Option(help: ArgumentHelp("A chain head printed on a forum's minutes, as \"CHAIN ENTRY HASH\" (\"forum:12 57 3f2a 9c01 ...\"): the export must hold that entry with that hash. Repeatable.",
                               valueName: "head"))
    var head: [String] = []
    @Option(help: ArgumentHelp("The manifest of an earlier export: the first and last entry of each of its chains must be in this export with the same hashes, and it must be signed by the same key. Repeatable.",
                               valueName: "manifest"))
    var earlier: [String] = []

    func run() async throws {
        try await CommandSupport.reportingFailures {
            let manifestPath = manifest ?? file + ".manifest.json"
            let parsed = try Self.readManifest(manifestPath)
            let trustedKey = publicKey ?? parsed.publicKey
            var anchors: [ChainAnchor] = []
            var problems: [String] = []
            for typed in head {
                switch ChainAnchor.typed(typed) {
                case .success(let anchor): anchors.append(anchor)
                case .failure(let problem): throw ValidationError("--head \(problem)")
                }
            }
            for path in earlier {
                let earlierManifest = try Self.readManifest(path)
                if !earlierManifest.isSigned(by: trustedKey) {
                    problems.append("the earlier manifest \(path) is not signed by the key that signs this export: it cannot vouch for it")
                }
                anchors += ChainAnchor.anchors(of: earlierManifest, source: "the earlier manifest \(path)")
            }
            guard let format = AuditExportLine.Format(rawValue: parsed.request.format), let input = FileHandle(forReadingAtPath: file) else {
                throw ValidationError("cannot read \(file) as \(parsed.request.format)")
            }
            var check = ExportCheck(format: format, anchors: anchors)
            try await check.feed(file: input)
            problems = check.finish(manifest: parsed, trustedKey: publicKey) + problems
            for problem in problems { CommandSupport.printError(problem) }
            let compared = anchors.isEmpty ? "" : ", \(CommandSupport.counted(anchors.count, "entry", "entries")) held elsewhere compared"
            CommandSupport.say("\(CommandSupport.counted(check.entries, "entry", "entries")) in \(CommandSupport.counted(parsed.chains.count, "chain", "chains")), signed by \(trustedKey)\(compared): "
                + (problems.isEmpty ? "intact" : "BROKEN"))
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }

    private static func readManifest(_ path: String) throws -> ExportManifest {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        do { return try ExportManifest.decode(data) } catch { throw ValidationError("\(path) is not an export manifest") }
    }
}

struct AuditPublicKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-key", abstract: "Print the public key that signs export manifests (FKP_EXPORT_KEY_FILE).")

    func run() async throws {
        try await CommandSupport.reportingFailures {
            CommandSupport.say(try AuditCommand.signingKey().publicKey)
        }
    }
}
