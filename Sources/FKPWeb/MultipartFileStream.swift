import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// Streams the part named `file` of a multipart/form-data body as it arrives, so an upload of any
/// size passes through with flat memory; the part's file name becomes known with its headers.
final class MultipartFileStream: @unchecked Sendable {
    let chunks: AsyncThrowingStream<[UInt8], any Error>
    private let continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation
    private let lock = NSLock()
    private var name = "upload.csv"

    init() {
        (chunks, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
    }

    var fileName: String { lock.withLock { name } }

    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for part in contentType.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" { return String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// Reads the request body to its end, feeding the file part into `chunks`.
    func pump(_ body: RequestBody, boundary: String) async {
        let parser = MultipartParser(boundary: boundary)
        var inFile = false
        parser.onHeader = { [self] field, value in
            guard field.lowercased() == "content-disposition" else { return }
            inFile = value.contains("name=\"file\"")
            if inFile, let range = value.range(of: "filename=\"") {
                let found = String(value[range.upperBound...].prefix { $0 != "\"" })
                if !found.isEmpty { lock.withLock { name = (found as NSString).lastPathComponent } }
            }
        }
        parser.onBody = { [continuation] buffer in
            if inFile { continuation.yield(Array(buffer.readableBytesView)) }
        }
        parser.onPartComplete = { inFile = false }
        do {
            for try await chunk in body { try parser.execute(chunk) }
            continuation.finish()
        } catch {
            continuation.finish(throwing: error)
        }
    }
}
