import AsyncAlgorithms
import PostgresNIO

/// Reads whole audit chains in the order of their names, as one cursor would give them, on one
/// connection or on two at once: the chains are then dealt to them in turn (first, third, ... to
/// one; second, fourth, ... to the other), and while the caller works through a chain of one, the
/// other already reads its next chain. PostgreSQL reading in chain order is most of an export's
/// work, and one connection uses one core. Both read one snapshot. Each connection holds at most
/// two batches besides the one it hands over, so memory stays bounded whatever the size.
enum ChainOrderedReader {
    /// `chains`, sorted by name as PostgreSQL sorts them (`ORDER BY chain`); `query(names)` selects
    /// the entries of those chains in chain and sequence order, as records of `width` columns, the
    /// chain's name first. `body` gets the rows in runs: a batch and the range of its rows to take.
    /// `connection` is in the transaction that exported `snapshot`, which a second connection, taken
    /// from `database` when `connections` is 2, adopts.
    static func read(chains: [String], query: @escaping @Sendable ([String]) -> PostgresQuery, width: Int,
                     batchSize: Int = RecordCursor.defaultBatchSize, connections: Int, snapshot: DatabaseSnapshot,
                     on connection: PostgresConnection, database: Database,
                     _ body: (RecordBatch, Range<Int>) async throws -> Void) async throws {
        let streamCount = connections >= 2 ? 2 : 1
        let shares = streamCount == 2
            ? [stride(from: 0, to: chains.count, by: 2).map { chains[$0] }, stride(from: 1, to: chains.count, by: 2).map { chains[$0] }]
            : [chains, []]
        let streams = [AsyncThrowingChannel<RecordBatch, any Error>(), AsyncThrowingChannel<RecordBatch, any Error>()]
        try await withThrowingTaskGroup(of: Void.self) { group in
            // A reader's failure reaches the caller where it waits for that reader's next batch.
            func reading(into stream: AsyncThrowingChannel<RecordBatch, any Error>, _ read: () async throws -> Void) async throws {
                do {
                    try await read()
                    stream.finish()
                } catch {
                    stream.fail(error)
                    throw error
                }
            }
            group.addTask {
                try await reading(into: streams[0]) {
                    try await RecordCursor.readInTransaction(query(shares[0]), width: width, batchSize: batchSize, on: connection,
                                                             logger: database.logger) { try await hand($0, to: streams[0]) }
                }
            }
            if !shares[1].isEmpty {
                group.addTask {
                    try await reading(into: streams[1]) {
                        try await database.read { [logger = database.logger] other in
                            try await RecordCursor.read(query(shares[1]), width: width, batchSize: batchSize, snapshot: snapshot,
                                                        on: other, logger: logger) { try await hand($0, to: streams[1]) }
                        }
                    }
                }
            } else {
                streams[1].finish()
            }
            var readers = streams.map { Reader(batches: $0.makeAsyncIterator()) }
            for (index, chain) in chains.enumerated() {
                try await readers[index % streamCount].take(Array(chain.utf8), body)
            }
            for index in readers.indices where try await readers[index].hasMore() { throw ChainOrderError.unexpectedRows }
            try await group.waitForAll()
        }
    }

    /// Hands a batch over, waiting until it is taken; a reader whose caller went away stops.
    private static func hand(_ batch: RecordBatch, to stream: AsyncThrowingChannel<RecordBatch, any Error>) async throws {
        await stream.send(batch)
        try Task.checkCancellation()
    }

    /// One connection's batches and where its caller stands in the current one.
    private struct Reader {
        var batches: AsyncThrowingChannel<RecordBatch, any Error>.Iterator
        var current: RecordBatch?
        var next = 0

        /// Hands `body` every row of `chain`, which are the next rows of this reader, if it has any.
        mutating func take(_ chain: [UInt8], _ body: (RecordBatch, Range<Int>) async throws -> Void) async throws {
            while true {
                if current == nil || next == current!.count {
                    guard let batch = try await batches.next() else { return }
                    (current, next) = (batch, 0)
                }
                let batch = current!
                var end = next
                while end < batch.count, batch.firstColumn(of: end, is: chain) { end += 1 }
                if end > next { try await body(batch, next..<end) }
                let chainEnded = end < batch.count
                next = end
                if chainEnded { return }
            }
        }

        mutating func hasMore() async throws -> Bool {
            if let current, next < current.count { return true }
            return try await batches.next() != nil
        }
    }
}

/// A reader gave rows of a chain it was not asked for, or after its chains: a mistake in the query.
enum ChainOrderError: Error {
    case unexpectedRows
}
