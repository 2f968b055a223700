import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Foundation
import Hummingbird
import Logging
import PostgresNIO

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the server on demo data, in a private PostgreSQL cluster under .fkp/ unless DATABASE_URL is set.")

    @Option(help: "Folder of the private demo cluster.")
    var clusterDirectory = ".fkp/demo-cluster"

    func run() async throws {
        try await CommandSupport.reportingFailures {
            let usePrivateCluster = (ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty
            var cluster: LocalPostgres?
            var fallback: DatabaseURL?
            var served: DatabaseURL?
            let bootLogger = Logger(label: "fkp.demo")
            if usePrivateCluster {
                do {
                    let local = try LocalPostgres(directory: clusterDirectory, durability: .durable)
                    CommandSupport.say("Starting the private PostgreSQL cluster in \(local.directory) ...")
                    let server = try local.start()
                    cluster = local
                    try await DatabaseAdmin.createDatabase("fkp", on: server, logger: bootLogger)
                    fallback = server.with(database: "fkp")
                    served = try await Self.serverSignIn(on: server.with(database: "fkp"), logger: bootLogger)
                } catch let missing as LocalPostgres.MissingBinaries {
                    CommandSupport.printError("\(missing)")
                    throw ExitCode(3)
                }
            }
            defer {
                if let cluster {
                    CommandSupport.say("Stopping the private PostgreSQL cluster ...")
                    try? cluster.stop()
                }
            }
            let config = try CommandSupport.configuration(database: fallback)
            let logger = CommandSupport.bootstrapLogging(level: config.logLevel)
            _ = try await CommandSupport.migrate(config, logger: logger)
            let accounts = try await PostgresClient.with(config.database, logger: logger) { client in
                try await DemoSeeder(database: Database(client: client, logger: logger)).seed(logger: logger)
            }
            printBanner(config: config, accounts: accounts, cluster: cluster)
            // Migrated and seeded as the owner; served as production is (docs/operations.md, "The server's own role").
            var serving = config
            if let served { serving.database = served }
            let app = try await buildApplication(config: serving, logger: logger)
            try await ServerLifecycle.run(app, logger: logger)
        }
    }

    /// The private cluster's sign-in for the server, in the server's own role (`ServerRole`), with
    /// a new password each run: only this process needs it.
    private static func serverSignIn(on owner: DatabaseURL, logger: Logger) async throws -> DatabaseURL {
        let password = LocalPostgres.randomHex(bytes: 18)
        try await PostgresClient.with(owner, logger: logger, maximumConnections: 1) { client in
            try await client.withConnection { connection in
                try await ServerRole.createSignIn("fkp_demo", password: password, on: connection, logger: logger)
            }
        }
        var signIn = owner
        signIn.username = "fkp_demo"
        signIn.password = password
        return signIn
    }

    private func printBanner(config: AppConfig, accounts: [DemoSeeder.Account], cluster: LocalPostgres?) {
        CommandSupport.say("")
        CommandSupport.say("FKP demo: http://\(config.host):\(config.port)   (Ctrl-C stops it)")
        CommandSupport.say("Database: \(config.database)")
        if let cluster {
            // The other `fkp` commands (import, export, audit) need the address with its password,
            // which stays in its file rather than on the screen.
            let db = config.database
            CommandSupport.say("Other fkp commands (import, export, audit) on this data, from another terminal:")
            CommandSupport.say("  export DATABASE_URL=\"postgres://\(db.username):$(cat \(cluster.passwordFile.shellQuoted))@\(db.host):\(db.port)/\(db.database)\"")
        }
        CommandSupport.say("Demo accounts (role, place):")
        for line in DemoSeeder.Account.table(accounts) {
            CommandSupport.say("  \(line)")
        }
        CommandSupport.say("")
    }
}
