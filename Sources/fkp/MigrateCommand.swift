import ArgumentParser
import FKPStore
import FKPWeb
import Logging

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations from sql/ (DATABASE_URL); a no-op when current.")

    func run() async throws {
        try await CommandSupport.reportingFailures {
            let config = try CommandSupport.configuration(folders: .migrations)
            let logger = CommandSupport.bootstrapLogging(level: .warning)
            do {
                let applied = try await CommandSupport.migrate(config, logger: logger)
                CommandSupport.say(applied.isEmpty ? "Database \(config.database) is up to date." : "Applied to \(config.database):")
                for name in applied { CommandSupport.say("  \(name)") }
            } catch let failure as Migrator.Failure {
                CommandSupport.printError("\(failure)")
                throw ExitCode(1)
            }
        }
    }
}
