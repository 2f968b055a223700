import FKPCore
import Foundation

extension ExportCheck {
    /// Feeds the whole file, reading each next block while this one is checked.
    mutating func feed(file: FileHandle) async throws {
        var next = Task { try file.read(upToCount: Self.blockSize) }
        while let block = try await next.value, !block.isEmpty {
            next = Task { try file.read(upToCount: Self.blockSize) }
            feed(block)
        }
    }
}
