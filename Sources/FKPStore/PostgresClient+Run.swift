import Logging
import PostgresNIO

extension PostgresClient {
    /// Runs a client for the duration of `body` and shuts it down afterwards, even on error.
    /// A database that cannot be reached is reported at once (`DatabaseURL.checkConnection`).
    public static func with<Result: Sendable>(
        _ url: DatabaseURL, logger: Logger, maximumConnections: Int = 4,
        _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        try await url.checkConnection(logger: logger)
        var configuration = try url.clientConfiguration
        configuration.options.maximumConnections = maximumConnections
        // The body may lease before run() has started; the pool waits correctly but warns each
        // time. For these short-lived clients (commands, tests) only errors are worth printing.
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger.forDatabaseDriver(floor: .error))
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
