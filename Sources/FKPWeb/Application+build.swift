import FKPStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import Mustache
import PostgresNIO

/// The one composition root: the database pool, templates, repositories and controllers are built
/// here and handed down. `fkp serve`, `fkp demo` and the tests all call it.
public func buildApplication(config: AppConfig, logger: Logger) async throws -> some ApplicationProtocol {
    var postgres = try config.database.clientConfiguration
    postgres.options.maximumConnections = config.databasePoolSize
    let client = PostgresClient(configuration: postgres, backgroundLogger: logger.forDatabaseDriver())
    let database = Database(client: client, logger: logger, leaseTimeout: .seconds(config.databaseWaitSeconds))
    let migrator = try Migrator(directory: config.migrationsDirectory)
    let renderer = PageRenderer(library: try await MustacheLibrary(directory: config.templatesDirectory))
    let hasher = PasswordHasher(cost: UInt8(config.bcryptCost))

    let accounts = AccountRepository(database: database)
    let sessions = SessionRepository(database: database)
    let securityLog = SecurityLog(database: database)
    let persist = PostgresPersistDriver(sessions: sessions)
    let throttle = LoginThrottle(database: database)
    let cookieName = "fkp_session"
    let keyPrefix = "fkp."
    let idle = Duration.seconds(config.sessionIdleMinutes * 60)

    let metrics = ServerMetrics()

    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    router.add(middleware: ForwardedForMiddleware(trustedProxies: Set(config.trustedProxies)))
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LanguageMiddleware())
    // Outside the session middleware, which itself reads the database.
    router.add(middleware: DatabaseUnavailableMiddleware(renderer: renderer))
    router.add(middleware: SessionCookieHardeningMiddleware(cookieName: cookieName))
    router.add(middleware: SessionMiddleware(storage: persist, configuration: .init(
        sessionCookieParameters: .init(name: cookieName, path: "/", secure: config.secureCookies, sameSite: .lax),
        keyPrefix: keyPrefix, defaultSessionExpiration: idle)))
    router.add(middleware: AuthenticationMiddleware(accounts: accounts, idleTimeout: TimeInterval(config.sessionIdleMinutes * 60),
                                                    absoluteLifetime: TimeInterval(config.sessionMaxHours * 3600)))
    router.add(middleware: ErrorPageMiddleware(renderer: renderer))
    router.add(middleware: NULCharacterMiddleware())
    router.add(middleware: CSRFMiddleware())
    // Inside the error pages: it serves a file only when the routes answered "not found".
    router.add(middleware: FileMiddleware(config.publicDirectory, cacheControl: .init([(.textCss, [.maxAge(3600)]), (.textJavascript, [.maxAge(3600)])]),
                                          searchForIndexHtml: false, logger: logger))

    router.get("/") { _, context in
        let home = context.principal.map { MyForumsPage.isHome(for: $0) ? "/forums/mine" : "/regions" } ?? "/login"
        return Response(status: .seeOther, headers: [.location: home])
    }
    HealthController(database: database, migrator: migrator).addRoutes(to: router)
    MetricsController(metrics: metrics, database: database, poolSize: config.databasePoolSize,
                      allowed: Set(config.metricsAllowed)).addRoutes(to: router)
    LoginController(renderer: renderer, accounts: accounts, sessions: sessions, throttle: throttle,
                    securityLog: securityLog, hasher: hasher, cookieName: cookieName, keyPrefix: keyPrefix, sessionIdle: idle,
                    decoyHash: try await hasher.hash(Token.random(bytes: 16))).addRoutes(to: router)
    PasswordController(renderer: renderer, accounts: accounts, sessions: sessions, securityLog: securityLog, hasher: hasher,
                       sessionIdle: idle).addRoutes(to: router)
    ActivationController(renderer: renderer, codes: ActivationCodeRepository(database: database), accounts: accounts,
                         securityLog: securityLog, hasher: hasher).addRoutes(to: router)
    UserAdminController(renderer: renderer, accounts: accounts, users: UserRepository(database: database), sessions: sessions,
                        hasher: hasher).addRoutes(to: router)
    ImportController(renderer: renderer, importer: ListImporter(database: database), runs: RerankRepository(database: database),
                     batches: ImportBatchRepository(database: database), uploadLimit: config.uploadLimitMegabytes << 20).addRoutes(to: router)
    let forums = ForumRepository(database: database)
    let reviews = ReviewRepository(database: database)
    let challenges = ChallengeRepository(database: database)
    HeldFormController(renderer: renderer, forums: forums, reviews: reviews).addRoutes(to: router)
    PlanningController(renderer: renderer, forums: forums, regions: RegionRepository(database: database), accounts: accounts).addRoutes(to: router)
    let minutes = MinutesRepository(database: database)
    let closings = ClosingRepository(database: database)
    let signatures = SignatureRepository(database: database)
    let forumPage = ForumController(renderer: renderer, forums: forums, reviews: reviews, challenges: challenges, minutes: minutes,
                                    closings: closings, signatures: signatures)
    forumPage.addRoutes(to: router)
    ClosingController(forumPage: forumPage, forums: forums, minutes: minutes, closings: closings).addRoutes(to: router)
    MinutesController(renderer: renderer, forums: forums, minutes: minutes, signatures: signatures,
                      closings: closings).addRoutes(to: router)
    RerankController(renderer: renderer, regions: RegionRepository(database: database), reranker: Reranker(database: database),
                     runs: RerankRepository(database: database), batches: ImportBatchRepository(database: database),
                     finalLists: FinalListExport(database: database)).addRoutes(to: router)
    AuditController(renderer: renderer, forums: forums, browser: AuditBrowser(database: database),
                    exporter: AuditExporter(database: database), key: try ExportSigningKey.loadOrCreate(at: config.exportKeyFile))
        .addRoutes(to: router)
    OverviewController(renderer: renderer, regions: RegionRepository(database: database),
                       overviews: OverviewRepository(database: database), challenges: challenges).addRoutes(to: router)
    let added = AddedFamilyRepository(database: database)
    let sharedNumbers = SharedNumbersCache()
    ReviewController(renderer: renderer, forums: forums, reviews: reviews, added: added,
                     cache: ReviewPageCache(capacity: config.reviewPageCacheMegabytes << 20, metrics: metrics), sharedNumbers: sharedNumbers,
                     verifyingCache: config.verifyReviewPageCache).addRoutes(to: router)
    PaperListController(renderer: renderer, forums: forums, reviews: reviews, sharedNumbers: sharedNumbers).addRoutes(to: router)
    ChallengeController(renderer: renderer, forums: forums, reviews: reviews, added: added, challenges: challenges,
                        audit: AuditRepository(database: database), sharedNumbers: sharedNumbers).addRoutes(to: router)
    let invitations = InvitationRepository(database: database)
    InvitationController(renderer: renderer, forums: forums, invitations: invitations, activationDays: config.activationDays,
                         site: SiteAddress(configured: config.publicURL, secure: config.secureCookies)).addRoutes(to: router)
    AttendanceController(renderer: renderer, forums: forums, invitations: invitations,
                         attendance: AttendanceRepository(database: database)).addRoutes(to: router)
    RegionController(renderer: renderer, regions: RegionRepository(database: database),
                     families: FamilyRepository(database: database), securityLog: securityLog).addRoutes(to: router)
    ListDownloadController(regions: RegionRepository(database: database), exporter: ListExporter(database: database)).addRoutes(to: router)

    var app = Application(
        responder: HeadAsGetResponder(router: router.buildResponder()),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "fkp"),
        logger: logger)
    app.addServices(client, persist, RuntimeHousekeeping(sessions: sessions, throttle: throttle))
    return app
}
