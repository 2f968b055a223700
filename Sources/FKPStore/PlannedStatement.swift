import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// SQL that PostgreSQL parses and plans once per connection (a named prepared statement) instead
/// of on every request. For the reads every page makes (the session, the person, the forum) and the
/// review page's rows, parsing and planning cost PostgreSQL more than running the query: the rows
/// of a 150-family unit took 0.9 ms to plan and 0.5 ms to run. Each query is a type naming its SQL,
/// whose parameters are `$1`, `$2`, ... in the order `PostgresConnection.query(_:_:logger:)` binds them.
protocol PlannedSQL: Sendable {
    static var sql: String { get }
}

/// One execution of a planned query; its rows are decoded by the caller.
struct PlannedStatement<Query: PlannedSQL>: PostgresPreparedStatement {
    static var sql: String { Query.sql }
    /// The query type's own name: PostgreSQL keeps a statement's name to 63 bytes, and the
    /// driver's default (the full generic type name) made every private query of one repository
    /// the same name. So each `PlannedSQL` type's name must be unique in the module.
    /// Spelt once per type: the driver asks for it at every execution, and spelling a type's name
    /// was half a percent of a kept review page's cost.
    static var name: String {
        plannedStatementNames.withLockedValue { names in
            let key = ObjectIdentifier(Query.self)
            if let name = names[key] { return name }
            let name = "fkp." + String(describing: Query.self)
            names[key] = name
            return name
        }
    }

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}

private let plannedStatementNames = NIOLockedValueBox<[ObjectIdentifier: String]>([:])

extension PostgresConnection {
    /// Runs `query` with `value`s bound to its parameters, preparing it first on this connection
    /// when it has not been yet.
    func query<Query: PlannedSQL, each Value: PlannedBinding>(
        _ query: Query.Type, _ value: repeat each Value, logger: Logger
    ) async throws -> AsyncThrowingMapSequence<PostgresRowSequence, PostgresRow> {
        var bindings = PostgresBindings()
        repeat (each value).bind(into: &bindings)
        return try await execute(PlannedStatement<Query>(bindings: bindings), logger: logger)
    }
}

/// A value for a parameter of a planned query: one the driver encodes, or an optional one (NULL
/// when nil). The driver prepares a statement without naming its parameters' types, so PostgreSQL
/// infers them from the SQL: a planned query casts each parameter to the type of the Swift value
/// bound to it (`$3::integer` for an `Int32`), or the value's bytes would be read as another type.
protocol PlannedBinding {
    func bind(into bindings: inout PostgresBindings)
}

extension PlannedBinding where Self: PostgresDynamicTypeEncodable {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self, context: .default) }
}

extension String: PlannedBinding {}
extension Int64: PlannedBinding {}
extension Int32: PlannedBinding {}
extension Int16: PlannedBinding {}
extension Array: PlannedBinding where Element: PostgresArrayEncodable & PostgresNonThrowingEncodable {}

extension Optional: PlannedBinding where Wrapped: PlannedBinding {
    func bind(into bindings: inout PostgresBindings) {
        if let value = self { value.bind(into: &bindings) } else { bindings.appendNull() }
    }
}
