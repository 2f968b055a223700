import Crypto
import FKPCore
import NIOCore
import PostgresNIO

extension ListImporter {
    /// Reads the file into the staging table (COPY), checking each row as it streams in: every
    /// problem of the file's own, line by line, before anything is asked of the database.
    func stage<Chunks: AsyncSequence & Sendable>(_ kind: ListKind, chunks: Chunks, on connection: PostgresConnection,
                                                         progress: (@Sendable (Stage) -> Void)?) async throws -> StagedFile
    where Chunks.Element == [UInt8] {
        let logger = database.logger
        switch kind {
        case .families:
            try await connection.query("""
                CREATE TEMP TABLE import_staging (line int NOT NULL, id text NOT NULL, sls_code text NOT NULL, head_name text NOT NULL,
                    address text NOT NULL, members int NOT NULL, welfare_group smallint NOT NULL, welfare_score numeric NOT NULL,
                    kk_number text NOT NULL, head_nik text NOT NULL, latitude numeric, longitude numeric) ON COMMIT DROP
                """, logger: logger)
        case .regions:
            try await connection.query("""
                CREATE TEMP TABLE import_staging (line int NOT NULL, code text NOT NULL, name text NOT NULL, level text NOT NULL,
                    non_sls boolean NOT NULL) ON COMMIT DROP
                """, logger: logger)
        }
        var check = ListFileCheck(kind)
        var hasher = SHA256()
        let flushAt = 1 << 16
        var buffer = ByteBufferAllocator().buffer(capacity: flushAt + 4096)
        try await connection.copyFrom(table: "import_staging", logger: logger) { writer in
            var chunks = chunks.makeAsyncIterator()
            while let chunk = try await chunks.next() {
                hasher.update(data: chunk)
                check.feed(chunk) { $0.appendForCopy(to: &buffer) }
                if check.stoppedReading {
                    // A compressed file's damage garbles what it unpacks to, which the reading stops at as
                    // broken CSV: read on, so that its checksum says the file is damaged rather than the
                    // garbled line that it is broken there.
                    if (chunks as? any UnpackingIterator)?.isUnpacking == true {
                        while try await chunks.next() != nil {}
                    }
                    break
                }
                if buffer.readableBytes > flushAt {
                    try await writer.write(buffer)
                    buffer = ByteBufferAllocator().buffer(capacity: flushAt + 4096)
                }
                progress?(.reading(rows: check.rows))
            }
            let problems = check.finish { $0.appendForCopy(to: &buffer) }
            if !problems.isEmpty { throw problems }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
        return StagedFile(rows: check.rows, sha256: AuditHashing.hex(hasher.finalize()), regencies: check.regencies,
                          units: check.familyUnits, possiblyRepeated: check.possiblyRepeatedNumbers)
    }
}

private extension ListFileCheck.Row {
    /// The row as a line of the staging table's COPY text, its line number first.
    func appendForCopy(to buffer: inout ByteBuffer) {
        switch self {
        case .family(let line, let f):
            CopyText.append([String(line), f.id, f.slsCode.value, f.headName, f.address, String(f.members),
                             String(f.welfareGroup.rawValue), f.welfareScore, f.kkNumber, f.headNIK, f.latitude, f.longitude],
                            to: &buffer)
        case .region(let line, let r):
            CopyText.append([String(line), r.code.value, r.name, r.level.rawValue, r.isNonSLS ? "t" : "f"], to: &buffer)
        }
    }
}
