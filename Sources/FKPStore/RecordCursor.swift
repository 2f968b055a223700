import PostgresNIO

/// Reads a query's rows through a cursor, batch by batch, while PostgreSQL sends the next batch.
/// Memory stays bounded whatever the size of the result and however slowly it is consumed (an
/// export downloaded to a phone): a single query's rows pile up in the driver whenever PostgreSQL
/// sends faster than they are used. The cursor reads one snapshot, as a single query would.
enum RecordCursor {
    /// Rows per FETCH at most: a few megabytes of audit entries, few enough round trips to cost nothing.
    static let defaultBatchSize = 4000
    /// Bytes per FETCH, about: the row count follows the size of the rows read so far, so that
    /// a batch of large rows takes no more memory than one of small rows (and fits a 4 MiB buffer).
    static let batchBytes = 3 << 20
    /// Rows of the first FETCH, before any row's size is known.
    static let firstBatchSize = 10

    /// `query` is a SELECT whose rows are records of `width` text columns (see `RecordBatch`);
    /// `body` gets them in order, in batches of at most `batchSize` rows and about `batchBytes`. With `snapshot` (`DatabaseSnapshot`),
    /// the rows are read as another transaction, still open, sees the database. The batches are
    /// filled into `buffers`, each of which is filled again once its batch is gone.
    static func read(_ query: PostgresQuery, width: Int, batchSize: Int = defaultBatchSize, snapshot: DatabaseSnapshot? = nil,
                     buffers: RecordBatchBuffers = RecordBatchBuffers(), on connection: PostgresConnection, logger: Logger,
                     _ body: (RecordBatch) async throws -> Void) async throws {
        try await connection.transaction(logger: logger) { connection in
            if let snapshot {
                try await snapshot.adopt(on: connection, logger: logger)
            } else {
                try await connection.query("SET TRANSACTION READ ONLY", logger: logger)
            }
            try await readInTransaction(query, width: width, batchSize: batchSize, buffers: buffers, on: connection, logger: logger, body)
        }
    }

    /// The same within the transaction `connection` is in, which stays open.
    static func readInTransaction(_ query: PostgresQuery, width: Int, batchSize: Int = defaultBatchSize,
                                  buffers: RecordBatchBuffers = RecordBatchBuffers(), on connection: PostgresConnection,
                                  logger: Logger, _ body: (RecordBatch) async throws -> Void) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: "DECLARE records NO SCROLL CURSOR FOR " + query.sql, binds: query.binds),
                                   logger: logger)
        // Each FETCH is answered even when its connection closes under it (ConnectionCloseWatch):
        // an export streams in its caller's task, and a lost FETCH would hold its download.
        func nextBatch(_ rows: Int) async throws -> RecordBatch {
            try await ConnectionCloseWatch.shared.run(on: connection) {
                try await RecordBatch.fetch("FETCH FORWARD \(unescaped: String(rows)) FROM records", width: width,
                                            into: buffers, on: connection, logger: logger)
            }
        }
        var batch = try await nextBatch(min(batchSize, firstBatchSize))
        while batch.count > 0 {
            let rows = max(1, min(batchSize, batch.rows * batchBytes / max(1, batch.byteCount)))
            async let following = nextBatch(rows)
            try await body(batch)
            batch = try await following
        }
    }
}
