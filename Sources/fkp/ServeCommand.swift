import ArgumentParser
import FKPStore
import FKPWeb
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application (configured by DATABASE_URL, HOST, PORT and the variables in the README).")

    @Flag(help: "Apply pending migrations before serving.")
    var migrate = false

    func run() async throws {
        try await CommandSupport.reportingFailures {
            let config = try CommandSupport.configuration()
            let logger = CommandSupport.bootstrapLogging(level: config.logLevel)
            if migrate {
                for name in try await CommandSupport.migrate(config, logger: logger) {
                    logger.notice("applied migration", metadata: ["file": "\(name)"])
                }
            }
            let app = try await buildApplication(config: config, logger: logger)
            try await ServerLifecycle.run(app, logger: logger)
        }
    }
}
