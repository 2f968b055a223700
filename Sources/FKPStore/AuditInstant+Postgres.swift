import FKPCore
import NIOCore
import PostgresNIO

/// Sent as PostgreSQL's own binary timestamptz, microseconds after 2000-01-01 UTC: exact, where
/// PostgresNIO's `Date` goes through a Double and is cut, not rounded, to the microsecond.
extension AuditInstant: PostgresNonThrowingEncodable {
    public static var psqlType: PostgresDataType { .timestamptz }
    public static var psqlFormat: PostgresFormat { .binary }

    public func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer,
                                                         context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(microsecondsSince2000)
    }
}
