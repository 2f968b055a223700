import PostgresNIO

/// A piece of SQL with its values, written as a string literal (`"e.actor = \(actor)"`) and spliced
/// into a query with `\(fragment)`: its values become that query's parameters where they stand.
/// One condition can so be written once and used in several queries.
struct SQLFragment: ExpressibleByStringInterpolation, Sendable {
    fileprivate enum Part: Sendable {
        case sql(String)
        case value(@Sendable (inout PostgresQuery.StringInterpolation) -> Void)
    }

    fileprivate var parts: [Part]

    init(stringLiteral value: String) { parts = [.sql(value)] }

    init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var parts: [Part] = []

        init(literalCapacity: Int, interpolationCount: Int) { parts.reserveCapacity(2 * interpolationCount + 1) }

        mutating func appendLiteral(_ literal: String) { parts.append(.sql(literal)) }

        mutating func appendInterpolation<Value: PostgresDynamicTypeEncodable & Sendable>(_ value: Value?) {
            parts.append(.value { $0.appendInterpolation(value) })
        }

        /// Another fragment, in place.
        mutating func appendInterpolation(_ fragment: SQLFragment) { parts += fragment.parts }
    }
}

extension PostgresQuery.StringInterpolation {
    mutating func appendInterpolation(_ fragment: SQLFragment) {
        for part in fragment.parts {
            switch part {
            case .sql(let text): appendLiteral(text)
            case .value(let append): append(&self)
            }
        }
    }
}
