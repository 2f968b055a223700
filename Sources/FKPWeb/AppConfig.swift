import FKPStore
import Foundation
import Logging

/// Everything the server reads from its environment, read once at start-up. Each variable is
/// documented in the README; a malformed value stops start-up with a message that names it.
public struct AppConfig: Sendable {
    public var database: DatabaseURL
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    public var templatesDirectory: String
    public var publicDirectory: String
    public var migrationsDirectory: String
    public var databasePoolSize: Int
    /// A session ends after this long without a request.
    public var sessionIdleMinutes: Int = 30
    /// ... and this long after login, whatever happens.
    public var sessionMaxHours: Int = 12
    /// Mark cookies Secure (set when the site is served over HTTPS, as behind the nginx of deploy/).
    public var secureCookies: Bool = false
    /// bcrypt cost for new password hashes.
    public var bcryptCost: Int = 12
    /// How long an invitation's activation code works.
    public var activationDays: Int = 14
    /// The site's address as people type it (`https://fkp.example.go.id`), printed on invitations;
    /// nil: the host each request named.
    public var publicURL: String?
    /// Proxies (their addresses as the server sees them) whose X-Forwarded-For is believed.
    public var trustedProxies: [String] = []
    /// Client addresses (as the server sees them, after X-Forwarded-For from a trusted proxy) that may read /metrics.
    public var metricsAllowed: [String] = ["127.0.0.1", "::1"]
    /// How long a request waits for a database connection before it is answered 503.
    public var databaseWaitSeconds: Int = 3
    /// Memory for review pages kept between requests (ReviewPageCache), in megabytes; 0 keeps none.
    public var reviewPageCacheMegabytes: Int = 64
    /// The largest list file taken in a browser upload, in megabytes (nginx's limit in deploy/).
    public var uploadLimitMegabytes: Int = 200
    /// For tests only (no variable sets it): every kept review page served is first checked
    /// against the page rendered anew.
    public var verifyReviewPageCache = false
    /// The Ed25519 key that signs audit export manifests; created there on first use.
    public var exportKeyFile: String = AppConfig.exportKeyFile([:])

    public struct Invalid: Error, CustomStringConvertible {
        public let variable: String
        public let problem: String
        public var description: String { "configuration: \(variable) \(problem)" }
    }

    public init(database: DatabaseURL, host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info,
                templatesDirectory: String = "templates", publicDirectory: String = "public",
                migrationsDirectory: String = "sql", databasePoolSize: Int = 10) {
        self.database = database
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.templatesDirectory = templatesDirectory
        self.publicDirectory = publicDirectory
        self.migrationsDirectory = migrationsDirectory
        self.databasePoolSize = databasePoolSize
    }

    /// Reads the environment. `database` stands in for DATABASE_URL when the caller provides one
    /// (the demo's private cluster); otherwise DATABASE_URL is required.
    /// `folders` names the folders the caller reads (each is checked): a command that only talks to
    /// the database needs none, `fkp migrate` only sql/.
    public static func fromEnvironment(_ env: [String: String], database fallback: DatabaseURL? = nil,
                                       folders: Folders = .all) throws -> AppConfig {
        let database: DatabaseURL
        if let text = env["DATABASE_URL"], !text.isEmpty {
            do { database = try DatabaseURL(parsing: text) } catch let malformed as DatabaseURL.Invalid {
                throw Invalid(variable: "DATABASE_URL", problem: "is malformed: \(malformed.reason)")
            }
        } else if let fallback {
            database = fallback
        } else {
            throw Invalid(variable: "DATABASE_URL", problem: "is not set (example: postgres://fkp:secret@127.0.0.1:5432/fkp)")
        }
        var config = AppConfig(database: database)
        config.host = env["HOST"] ?? config.host
        if config.host.isEmpty { throw Invalid(variable: "HOST", problem: "is empty") }
        config.port = try integer(env, "PORT", default: config.port, in: 1...65535)
        config.databasePoolSize = try integer(env, "FKP_DB_POOL_SIZE", default: config.databasePoolSize, in: 1...500)
        if let level = env["LOG_LEVEL"] {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw Invalid(variable: "LOG_LEVEL", problem: "must be one of trace, debug, info, notice, warning, error, critical (got '\(level)')")
            }
            config.logLevel = parsed
        }
        config.sessionIdleMinutes = try integer(env, "FKP_SESSION_IDLE_MINUTES", default: config.sessionIdleMinutes, in: 1...1440)
        config.sessionMaxHours = try integer(env, "FKP_SESSION_MAX_HOURS", default: config.sessionMaxHours, in: 1...168)
        config.bcryptCost = try integer(env, "FKP_BCRYPT_COST", default: config.bcryptCost, in: 10...16)
        config.activationDays = try integer(env, "FKP_ACTIVATION_DAYS", default: config.activationDays, in: 1...90)
        if let secure = env["FKP_SECURE_COOKIES"] {
            guard ["true", "false"].contains(secure) else {
                throw Invalid(variable: "FKP_SECURE_COOKIES", problem: "must be true or false (got '\(secure)')")
            }
            config.secureCookies = secure == "true"
        }
        if let url = env["FKP_PUBLIC_URL"], !url.isEmpty { config.publicURL = try publicURL(url) }
        config.exportKeyFile = exportKeyFile(env)
        config.databaseWaitSeconds = try integer(env, "FKP_DB_WAIT_SECONDS", default: config.databaseWaitSeconds, in: 1...60)
        config.reviewPageCacheMegabytes = try integer(env, "FKP_PAGE_CACHE_MB", default: config.reviewPageCacheMegabytes, in: 0...65536)
        config.uploadLimitMegabytes = try integer(env, "FKP_UPLOAD_MAX_MB", default: config.uploadLimitMegabytes, in: 1...65536)
        config.trustedProxies = addresses(env["FKP_TRUSTED_PROXIES"] ?? "")
        if let allowed = env["FKP_METRICS_ALLOW"] { config.metricsAllowed = addresses(allowed) }
        if folders.contains(.pages) {
            config.templatesDirectory = try directory(env, "FKP_TEMPLATES_DIR", default: config.templatesDirectory)
            config.publicDirectory = try directory(env, "FKP_PUBLIC_DIR", default: config.publicDirectory)
        }
        if folders.contains(.migrations) {
            config.migrationsDirectory = try directory(env, "FKP_SQL_DIR", default: config.migrationsDirectory)
        }
        return config
    }

    /// The folders of the checkout a command reads besides the database.
    public struct Folders: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// templates/ and public/: what the server renders and serves.
        public static let pages = Folders(rawValue: 1)
        /// sql/: the migrations.
        public static let migrations = Folders(rawValue: 2)
        public static let all: Folders = [.pages, .migrations]
    }

    /// FKP_PUBLIC_URL: a scheme, http or https, and a host, nothing after them but one slash.
    static func publicURL(_ text: String) throws -> String {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), ["http", "https"].contains(url.scheme), let host = url.host, !host.isEmpty,
              url.path.isEmpty, url.query == nil, url.fragment == nil, url.user == nil else {
            throw Invalid(variable: "FKP_PUBLIC_URL", problem: "must be the site's address, such as https://fkp.example.go.id (got '\(text)')")
        }
        return trimmed
    }

    /// FKP_EXPORT_KEY_FILE, also read alone by the commands that need no database.
    public static func exportKeyFile(_ env: [String: String]) -> String {
        env["FKP_EXPORT_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? ".fkp/export-signing.key"
    }

    /// A comma-separated list of addresses.
    private static func addresses(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func integer(_ env: [String: String], _ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = env[name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw Invalid(variable: name, problem: "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(text)')")
        }
        return number
    }

    private static func directory(_ env: [String: String], _ name: String, default value: String) throws -> String {
        let path = env[name] ?? value
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Invalid(variable: name, problem: "names '\(path)', which is not a folder (run from the checkout, or set \(name))")
        }
        return path
    }
}
