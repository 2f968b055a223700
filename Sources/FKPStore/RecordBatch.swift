import FKPCore
import NIOCore
import PostgresNIO

/// The rows of one FETCH, each one anonymous record of text columns (`SELECT ROW(a::text, ...)`),
/// which PostgreSQL sends in its binary form: a column count, then per column a type, a length (-1
/// for NULL) and the text's bytes. One cell per row instead of one per column, since the driver's
/// cost is per cell; the records are copied out of the driver's receive buffers as they arrive (a
/// row the driver hands over keeps the whole buffer it was read into alive). A `json` column's
/// binary form is its text, sent without a cast. A `timestamptz` column, sent as its eight bytes,
/// is given as the audit trail's text of it (`AuditTimestampText`), which costs PostgreSQL's
/// to_char as much as all the rest of an audit entry. A row may also hold an array of such records
/// (`SELECT ARRAY(SELECT ROW(...) ...)`), whose records then come in their order: the driver's cost
/// is per row too.
struct RecordBatch: Sendable {
    /// The records, in a buffer that goes back to the reading's `RecordBatchBuffers` with the batch.
    private let lease: RecordBatchBuffers.Lease
    private var bytes: ByteBuffer { lease.bytes }
    /// Where each record starts in `bytes`.
    private let starts: [Int]
    /// The rows PostgreSQL sent: one per record, or one per array of records.
    let rows: Int
    let width: Int
    var count: Int { starts.count }
    /// The size of the rows, as PostgreSQL sent them.
    var byteCount: Int { bytes.readableBytes }

    /// Runs `query`, whose rows are records of `width` text columns (or arrays of them), into a buffer of `buffers`.
    /// The rows are taken on the connection's event loop as they arrive, not one by one through an
    /// async sequence, which also means nothing holds the server back: `query` must return a
    /// bounded number of rows.
    static func fetch(_ query: PostgresQuery, width: Int, into buffers: RecordBatchBuffers, on connection: PostgresConnection,
                      logger: Logger) async throws -> RecordBatch {
        let filling = Filling(buffers.take())
        _ = try await connection.query(query, logger: logger) { row in
            guard let cell = row.first, let record = cell.bytes else { throw RecordBatchError.notARecord }
            filling.rows += 1
            let at = filling.bytes.writerIndex
            filling.bytes.writeImmutableBuffer(record)
            if cell.dataType == .recordArray {
                try filling.startsOfElements(at: at)
            } else {
                filling.starts.append(at)
            }
        }.get()
        return RecordBatch(lease: RecordBatchBuffers.Lease(filling.bytes, from: buffers), starts: filling.starts, rows: filling.rows, width: width)
    }

    /// The batch as its rows arrive. Written only on the connection's event loop, one row after
    /// another, and read only once the query's future has completed, which orders every write
    /// before the read; a lock per row cost about as much as copying the row.
    private final class Filling: @unchecked Sendable {
        var bytes: ByteBuffer
        var starts: [Int] = []
        var rows = 0
        init(_ bytes: ByteBuffer) { self.bytes = bytes }

        /// Notes where each record of the array just written at `at` starts (an array's binary form:
        /// dimensions, a null flag, the element type, each dimension's length and lower bound, then
        /// per element its length and bytes).
        func startsOfElements(at: Int) throws {
            guard let dimensions = bytes.getInteger(at: at, as: Int32.self) else { throw RecordBatchError.notARecord }
            guard dimensions == 1 else {
                guard dimensions == 0 else { throw RecordBatchError.notARecord }
                return  // empty
            }
            guard let elements = bytes.getInteger(at: at + 12, as: Int32.self), elements >= 0 else { throw RecordBatchError.notARecord }
            var offset = at + 20
            for _ in 0..<elements {
                guard let length = bytes.getInteger(at: offset, as: Int32.self), length >= 0 else { throw RecordBatchError.notARecord }
                starts.append(offset + 4)
                offset += 4 + Int(length)
            }
            guard offset == bytes.writerIndex else { throw RecordBatchError.notARecord }
        }
    }

    /// Whether the first column of row `row` holds exactly `text` (false for NULL).
    func firstColumn(of row: Int, is text: [UInt8]) -> Bool {
        bytes.withUnsafeReadableBytes { raw in
            let at = starts[row] - bytes.readerIndex
            guard at + 12 <= raw.count else { return false }
            let length = Int(Int32(bigEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: Int32.self)))
            guard length == text.count, at + 12 + length <= raw.count else { return false }
            return text.elementsEqual(UnsafeRawBufferPointer(rebasing: raw[(at + 12)..<(at + 12 + length)]))
        }
    }

    /// Calls `body` with each row's columns in order (nil for NULL), in a reused array whose
    /// pointers live until `body` returns.
    func forEach(_ body: ([UnsafeBufferPointer<UInt8>?]) throws -> Void) throws {
        try forEach(rows: 0..<count, body)
    }

    /// The same for the rows in `rows` only.
    func forEach(rows: Range<Int>, _ body: ([UnsafeBufferPointer<UInt8>?]) throws -> Void) throws {
        let timestampWidth = AuditTimestampText.maximumLength
        let timestamptz = Self.timestamptzOID  // once, not a global's look-up per column
        let bytes = bytes
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width * timestampWidth) { timestampTexts in
            try bytes.withUnsafeReadableBytes { raw in
                let all = raw.bindMemory(to: UInt8.self)
                func int32(at offset: Int) throws -> Int {
                    guard offset + 4 <= all.count else { throw RecordBatchError.notARecord }
                    return Int(Int32(bigEndian: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 4]).loadUnaligned(as: Int32.self)))
                }
                var row: [UnsafeBufferPointer<UInt8>?] = []
                row.reserveCapacity(width)
                for start in starts[rows] {
                    row.removeAll(keepingCapacity: true)
                    var at = start - bytes.readerIndex
                    guard try int32(at: at) == width else { throw RecordBatchError.notARecord }
                    at += 4
                    for column in 0..<width {
                        let type = try int32(at: at)
                        let length = try int32(at: at + 4)
                        at += 8
                        guard length >= 0 else { row.append(nil); continue }
                        guard at + length <= all.count else { throw RecordBatchError.notARecord }
                        if type == timestamptz {
                            guard length == 8 else { throw RecordBatchError.notARecord }
                            let microseconds = Int64(bigEndian: UnsafeRawBufferPointer(rebasing: raw[at..<at + 8]).loadUnaligned(as: Int64.self))
                            let text = timestampTexts.baseAddress! + column * timestampWidth
                            row.append(AuditTimestampText.write(microsecondsSince2000: microseconds, to: text)
                                .map { UnsafeBufferPointer(start: text, count: $0) })
                        } else {
                            row.append(UnsafeBufferPointer(rebasing: all[at..<at + length]))
                        }
                        at += length
                    }
                    try body(row)
                }
            }
        }
    }

    private static let timestamptzOID = Int(PostgresDataType.timestamptz.rawValue)
}

/// Rows that are not records of the expected width: a mistake in the query that asked for them.
enum RecordBatchError: Error {
    case notARecord
}
