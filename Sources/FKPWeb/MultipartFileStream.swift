import FKPCore
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

    /// Reads the request body to its end, feeding the first part named `file` into `chunks`. A body
    /// that is not a well-formed form, or that ends inside the file (a client that stopped
    /// half-way), ends `chunks` with a bad-request error, so the import it feeds changes nothing.
    func pump(_ body: RequestBody, boundary: String) async {
        let parser = MultipartParser(boundary: boundary)
        var inFile = false, fileSeen = false, fileEnded = false
        parser.onHeader = { [self] field, value in
            guard field.lowercased() == "content-disposition" else { return }
            let parameters = Self.parameters(of: value)
            inFile = parameters["name"] == "file" && !fileSeen
            guard inFile else { return }
            fileSeen = true
            if let found = parameters["filename"], !found.isEmpty {
                // Shown on pages and kept with the batch: one readable line, a name's length.
                // Some browsers send the whole path, with either kind of slash.
                let base = found.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? found
                let shown = String(base.removingInvisibleCharacters.linesJoined.prefix(200))
                lock.withLock { name = shown }
            }
        }
        parser.onBody = { [continuation] buffer in
            if inFile { continuation.yield(Array(buffer.readableBytesView)) }
        }
        parser.onPartComplete = {
            if inFile { fileEnded = true }
            inFile = false
        }
        do {
            for try await chunk in body {
                do { try parser.execute(chunk) } catch {
                    continuation.finish(throwing: HTTPError(.badRequest, message: "the upload is not a well-formed multipart form"))
                    return
                }
            }
        } catch {
            continuation.finish(throwing: error)
            return
        }
        if fileSeen && !fileEnded {
            continuation.finish(throwing: HTTPError(.badRequest, message: "the upload ended before the file did"))
        } else {
            continuation.finish()
        }
    }

    /// `form-data; name="file"; filename="x.csv"` as its named parameters, quotes removed (a `;`
    /// inside quotes belongs to the value: `filename="a;b.csv"`).
    static func parameters(of disposition: String) -> [String: String] {
        var parts: [Substring] = [], start = disposition.startIndex, quoted = false
        for index in disposition.indices {
            if disposition[index] == "\"" { quoted.toggle() }
            if disposition[index] == ";" && !quoted {
                parts.append(disposition[start..<index])
                start = disposition.index(after: index)
            }
        }
        parts.append(disposition[start...])
        var found: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            found[key] = value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
        }
        return found
    }
}
