import PostgresNIO

extension PostgresTransactionError {
    /// What went wrong inside the transaction (the work, its commit, or its start), so that callers
    /// see the same errors with or without a transaction around the work.
    var underlying: any Error {
        closureError ?? commitError ?? beginError ?? self
    }
}
