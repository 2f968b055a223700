import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Foundation
import Logging
import PostgresNIO

/// What every sub-command shares: logging set up once, configuration errors printed plainly.
enum CommandSupport {
    static func bootstrapLogging(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in StandardErrorLogHandler(label: label, level: level) }
        return Logger(label: "fkp")
    }

    static func configuration(database fallback: DatabaseURL? = nil, folders: AppConfig.Folders = .all) throws -> AppConfig {
        do {
            return try AppConfig.fromEnvironment(ProcessInfo.processInfo.environment, database: fallback, folders: folders)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }

    /// Runs a command body; a database refusal or other failure is printed in plain words and the
    /// process exits non-zero instead of dumping a generic driver description.
    static func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch OutputFailure.closed {
            throw ExitCode(OutputFailure.closedStatus)
        } catch OutputFailure.failed(let message) {
            printError(message)
            throw ExitCode(1)
        } catch let validation as ValidationError {
            printError(validation.message)
            throw ExitCode(2)
        } catch let refusal as DatabaseRefusal {
            printError(refusal.message)
            throw ExitCode(1)
        } catch {
            printError(DatabaseRefusal(error)?.message ?? "\(error)")
            throw ExitCode(1)
        }
    }

    /// Writes a line to standard output at once (print() is block-buffered when output is a file).
    /// Not Foundation's `write(_:)`, which stops the process when the output is a closed pipe:
    /// a line nobody can read any more is dropped.
    static func say(_ line: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The file a command writes to, created or emptied, or standard output when no path is given.
    /// Opened where it is, not replaced: a file there keeps its owner, mode and links, and a pipe
    /// or a device is written to (Foundation's createFile would swap a new file in for either).
    static func output(to path: String?) throws -> FileHandle {
        guard let path else { return FileHandle.standardOutput }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))") }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// The place an option names, or a message saying what is wrong with its code (a number no
    /// province or regency has, a length no level has), or that it is another level's where `level`
    /// is asked: said as an import says it of a code in a file.
    static func regionCode(_ text: String, option: String, level: RegionLevel? = nil) throws -> RegionCode {
        let code: RegionCode
        do { code = try RegionCode(text) } catch {
            throw ValidationError("\(option) '\(text)': \(ImportProblem.Kind.regionCode(error).english)")
        }
        if let level, code.level != level {
            throw ValidationError("\(option) \(text) is a \(code.level.rawValue) code; a \(level.rawValue) code has \(level.codeLength) digits")
        }
        return code
    }

    /// "1 chain", "2 chains": a count and its noun, in the number it takes.
    static func counted(_ count: some BinaryInteger, _ one: String, _ many: String) -> String {
        "\(count) \(count == 1 ? one : many)"
    }

    static func printError(_ message: String) {
        try? FileHandle.standardError.write(contentsOf: Data("fkp: \(message)\n".utf8))
    }

    static func migrate(_ config: AppConfig, logger: Logger) async throws -> [String] {
        let migrator = try Migrator(directory: config.migrationsDirectory)
        return try await PostgresClient.with(config.database, logger: logger, maximumConnections: 1) { client in
            let applied = try await migrator.migrate(client, logger: logger)
            await warnOfCollation(client, logger: logger)
            return applied
        }
    }

    /// Said where an operator looks when a database is set up or served: too late to be an error
    /// (the server works under any collation), early enough to create the database again. A
    /// question that fails here is left unasked: it must not fail the migration or the start.
    static func warnOfCollation(_ client: PostgresClient, logger: Logger) async {
        if let warning = try? await DatabaseCollation.read(client, logger: logger).warning { logger.warning("\(warning)") }
    }
}
