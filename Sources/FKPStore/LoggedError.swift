import PostgresNIO

/// An unexpected error as the log may hold it: what failed and where, without the values the
/// database or the driver quote. PostgreSQL's detail and context may repeat a row ("Failing row
/// contains (...)", a COPY line), a data exception's message quotes the input it could not take,
/// and a value that failed to decode travels with its bytes: a personal number among them would
/// reach the log, which must never hold one. The statement is kept: its values are binds.
public enum LoggedError {
    public static func text(_ error: any Error) -> String {
        switch error {
        case let error as PSQLError:
            var parts = ["code: \(error.code)"]
            if let info = error.serverInfo {
                let quotesInput = info[.sqlState]?.hasPrefix("22") == true  // invalid input syntax for type integer: "..."
                for (name, field) in [("sqlstate", PSQLError.ServerInfo.Field.sqlState), ("message", .message),
                                      ("schema", .schemaName), ("table", .tableName), ("column", .columnName),
                                      ("constraint", .constraintName), ("routine", .routine)] {
                    guard let value = info[field] else { continue }
                    parts.append(field == .message && quotesInput ? "message: (a data exception's, withheld)" : "\(name): \(value)")
                }
            }
            if let underlying = error.underlying { parts.append("underlying: \(text(underlying))") }
            if let query = error.query { parts.append("query: \(query.sql)") }  // the statement, not its values
            if let file = error.file, let line = error.line { parts.append("at: \(file):\(line)") }
            return "PSQLError(\(parts.joined(separator: ", ")))"
        case let error as PostgresDecodingError:
            return "PostgresDecodingError(code: \(error.code), column: \(error.columnName) (#\(error.columnIndex)), "
                + "as: \(error.targetType), from: \(error.postgresType), at: \(error.file):\(error.line))"
        default:
            return String(reflecting: error)
        }
    }
}
