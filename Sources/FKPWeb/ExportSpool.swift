import Hummingbird
import NIOCore

/// An export on its way to a browser, through an `UnnamedFile`: written as fast as the database
/// gives it and sent from the file as fast as the browser takes it. Streamed straight through, a
/// download to a phone held the export's database connection for as long as the download took
/// (minutes for a forum, hours for a regency), and a few of them left every other page waiting.
/// One writer appends while one reader follows it.
actor ExportSpool {
    private let file: UnnamedFile
    private var ended = false
    private var failure: (any Error)?
    private var reader: CheckedContinuation<Void, Never>?
    static let pieceSize = 1 << 16

    init() throws {
        file = try UnnamedFile()
    }

    func append(_ buffer: ByteBuffer) throws {
        try file.append(buffer)
        wakeReader()
    }

    /// No more will be written; with `error`, the reader gets it after what was written.
    func finish(throwing error: (any Error)? = nil) {
        ended = true
        failure = error
        wakeReader()
    }

    /// What was written from `offset` on (up to `pieceSize` bytes), once there is some; nil at the end.
    func piece(at offset: Int) async throws -> ByteBuffer? {
        while offset >= file.size {
            if ended {
                if let failure { throw failure }
                return nil
            }
            await withCheckedContinuation { reader = $0 }
        }
        let piece = try file.read(at: offset, atMost: min(file.size - offset, Self.pieceSize))
        guard piece.readableBytes > 0 else { throw UnnamedFile.failure() }  // the file is shorter than written
        return piece
    }

    private func wakeReader() {
        reader?.resume()
        reader = nil
    }

    /// A response body that runs `produce` into a spool and sends the spool as it fills. `produce`
    /// is handed the spool's `append`; it stops, cancelled, when the browser goes away.
    static func body(_ produce: @escaping @Sendable (_ append: @escaping @Sendable (ByteBuffer) async throws -> Void) async throws -> Void) -> ResponseBody {
        ResponseBody { writer in
            let spool = try ExportSpool()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await produce { piece in
                            try Task.checkCancellation()  // the browser went away: the rest is not read
                            try await spool.append(piece)
                        }
                        await spool.finish()
                    } catch {
                        await spool.finish(throwing: error)
                        throw error
                    }
                }
                try await spool.send(to: &writer)
                try await group.waitForAll()
            }
            try await writer.finish(nil)
        }
    }

    /// A spool written whole before anything is sent: for an export whose end decides whether it
    /// may be sent at all (a final list, checked against its run's SHA-256 once its last line is
    /// read). Nothing reaches the browser, and no error page is ruled out, until `produce` returns.
    static func filled(_ produce: (_ append: @escaping @Sendable (ByteBuffer) async throws -> Void) async throws -> Void) async throws -> ExportSpool {
        let spool = try ExportSpool()
        try await produce { try await spool.append($0) }
        await spool.finish()
        return spool
    }

    /// A response body sending a filled spool as fast as the browser takes it, its length told.
    func filledBody() -> ResponseBody {
        ResponseBody(contentLength: file.size) { writer in
            try await self.send(to: &writer)
            try await writer.finish(nil)
        }
    }

    private nonisolated func send(to writer: inout any ResponseBodyWriter) async throws {
        var offset = 0
        while let piece = try await piece(at: offset) {
            offset += piece.readableBytes
            try await writer.write(piece)
        }
    }
}
