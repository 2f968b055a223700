import PostgresNIO

/// A write the database refused (a constraint, a trigger, the audit guard), with its own words.
public struct DatabaseRefusal: Error, Sendable, CustomStringConvertible {
    public let sqlState: String
    public let constraint: String?
    public let message: String

    public init?(_ error: any Error) {
        guard let error = error as? PSQLError, let info = error.serverInfo, let state = info[.sqlState] else { return nil }
        self.sqlState = state
        self.constraint = info[.constraintName]
        self.message = info[.message] ?? "refused"
    }

    public var isConstraintViolation: Bool { sqlState.hasPrefix("23") }

    /// Refused by a rule of the data (a constraint, or a trigger that says the state does not
    /// allow it), not by a fault: the transaction wrote nothing.
    public var isRuleRefusal: Bool { isConstraintViolation || sqlState == "55000" }
    public var description: String { message }
}
