import Logging

extension Logger {
    /// This logger as handed to PostgresNIO's connections. They trace every message they receive,
    /// rows as their bytes (personal numbers and password hashes among them), so not even
    /// LOG_LEVEL=trace lets them log below debug; `floor` may raise that further.
    public func forDatabaseDriver(floor: Logger.Level = .debug) -> Logger {
        var driver = self
        driver.logLevel = Swift.max(logLevel, floor, .debug)
        return driver
    }
}
