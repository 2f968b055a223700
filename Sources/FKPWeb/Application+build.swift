import FKPStore
import HTTPTypes
import Hummingbird
import Logging
import Mustache
import PostgresNIO

/// The one composition root: the database pool, templates, repositories and controllers are built
/// here and handed down. `fkp serve`, `fkp demo` and the tests all call it.
public func buildApplication(config: AppConfig, logger: Logger) async throws -> some ApplicationProtocol {
    var postgres = try config.database.clientConfiguration
    postgres.options.maximumConnections = config.databasePoolSize
    let client = PostgresClient(configuration: postgres, backgroundLogger: logger)
    let database = Database(client: client, logger: logger)
    let migrator = try Migrator(directory: config.migrationsDirectory)
    let renderer = PageRenderer(library: try await MustacheLibrary(directory: config.templatesDirectory))

    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: ErrorPageMiddleware(renderer: renderer))
    // Inside the error pages: it serves a file only when the routes answered "not found".
    router.add(middleware: FileMiddleware(config.publicDirectory, cacheControl: .init([(.textCss, [.maxAge(3600)])]),
                                          searchForIndexHtml: false, logger: logger))

    router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/regions"]) }
    HealthController(database: database, migrator: migrator).addRoutes(to: router)
    LoginController(renderer: renderer).addRoutes(to: router)
    RegionController(renderer: renderer, regions: RegionRepository(database: database)).addRoutes(to: router)

    var app = Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "fkp"),
        logger: logger)
    app.addServices(client)
    return app
}
