import AsyncAlgorithms
import FKPCore
import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// Streams the part named `file` of a multipart/form-data body as it arrives, so an upload of any
/// size passes through with flat memory; the part's file name becomes known with its headers.
/// The body is read no faster than `chunks` is: a client on the office network sends a regency's
/// list in a second or two, which an import takes many seconds to load, and a stream that took
/// everything as it came held the whole file in memory meanwhile (150 MB for a million families).
final class MultipartFileStream: @unchecked Sendable {
    /// Each piece of the file is handed over when the reader asks for it.
    let chunks = AsyncThrowingChannel<[UInt8], any Error>()
    private let lock = NSLock()
    private var name = "upload.csv"

    init() {}

    var fileName: String { lock.withLock { name } }

    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for part in contentType.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" { return String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// The reader of `chunks` reads no more (its import is done, or refused the file): the rest of
    /// the body is read and dropped, so that the answer follows the whole request, as browsers expect.
    func stopReading() {
        chunks.finish()
    }

    /// Reads the request body to its end, feeding the first part named `file` into `chunks`. A body
    /// that is not a well-formed form, or that ends inside the file (a client that stopped
    /// half-way), ends `chunks` with a bad-request error, so the import it feeds changes nothing.
    func pump(_ body: RequestBody, boundary: String) async {
        let parser = MultipartParser(boundary: boundary)
        var inFile = false, fileSeen = false, fileEnded = false
        // The parser's callbacks cannot wait: what one body chunk holds of the file is handed over
        // after it, before the next chunk is read.
        var pieces: [[UInt8]] = []
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
        parser.onBody = { buffer in
            if inFile { pieces.append(Array(buffer.readableBytesView)) }
        }
        parser.onPartComplete = {
            if inFile { fileEnded = true }
            inFile = false
        }
        do {
            for try await chunk in body {
                do { try parser.execute(chunk) } catch {
                    chunks.fail(HTTPError(.badRequest, message: "the upload is not a well-formed multipart form"))
                    return
                }
                for piece in pieces { await chunks.send(piece) }  // returns at once once reading stopped
                pieces.removeAll(keepingCapacity: true)
            }
        } catch {
            chunks.fail(error)
            return
        }
        if fileSeen && !fileEnded {
            chunks.fail(HTTPError(.badRequest, message: "the upload ended before the file did"))
        } else {
            chunks.finish()
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
