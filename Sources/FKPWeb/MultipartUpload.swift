import FKPCore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The part named `file` of a multipart/form-data body, written into an `UnnamedFile` as it
/// arrives (an upload of any size passes through with flat memory), and the file's name. The
/// session's CSRF token must come first, in the part named `csrf_token`, as the form's hidden field
/// before its file input sends it: no byte of a file is kept before its token is checked.
enum MultipartUpload {
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for part in contentType.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" { return String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// Reads the request body to its end, writing the first part named `file` into `spool`, at most
    /// `limit` bytes of it; returns the file's name as it may be shown, and whether the file was
    /// within the limit (beyond it, the rest is read and dropped, so that the answer, a page that
    /// says so, follows the whole request as browsers expect). A body that is not a well-formed
    /// form, that ends inside the file (a client that stopped half-way), or that holds no file, is
    /// refused as a bad request; one whose file comes without the session's token first, as forbidden.
    static func read(_ body: RequestBody, boundary: String, csrfToken expected: String?, into spool: UnnamedFile, atMost limit: Int,
                     logger: Logger) async throws -> (name: String, whole: Bool) {
        guard var parser = MultipartFormParser(boundary: boundary) else {
            throw HTTPError(.badRequest, message: "the upload's boundary is not one a form may have")
        }
        var inFile = false, fileSeen = false, fileEnded = false
        var inToken = false, tokenSeen = false, token: [UInt8] = [], tokenValid = false
        var name = "upload.csv"
        var whole = true
        func refuseWithoutToken() throws -> Never {
            logger.notice("request refused: missing or stale CSRF token")
            throw HTTPError(.forbidden, message: "csrf")
        }
        for try await chunk in body {
            do {
                try chunk.withUnsafeReadableBytes { bytes in
                    try parser.feed(bytes) { event in
                        switch event {
                        case .partBegins(let headers):
                            let parameters = headers.first { $0.name == "content-disposition" }.map { Self.parameters(of: $0.value) } ?? [:]
                            inToken = parameters["name"] == CSRFMiddleware.fieldName && !tokenSeen && !fileSeen
                            tokenSeen = tokenSeen || inToken
                            guard parameters["name"] == "file", !fileSeen else { return }
                            fileSeen = true
                            // No byte of a file is kept before the session's token is checked.
                            guard tokenValid else { try refuseWithoutToken() }
                            inFile = true
                            if let found = parameters["filename"], !found.isEmpty {
                                // Shown on pages and kept with the batch: one readable line, a name's length.
                                // Some browsers send the whole path, with either kind of slash.
                                let base = found.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? found
                                name = String(base.removingInvisibleCharacters.linesJoined.prefix(200))
                            }
                        case .content(let bytes):
                            if inToken {
                                token += bytes.prefix(256 - token.count)
                            } else if inFile, whole {
                                guard spool.size + bytes.count <= limit else {
                                    whole = false
                                    return
                                }
                                try spool.append(bytes)
                            }
                        case .partEnds:
                            if inToken, let expected { tokenValid = Token.equal(expected, String(decoding: token, as: UTF8.self)) }
                            if inFile { fileEnded = true }
                            inToken = false
                            inFile = false
                        }
                    }
                }
            } catch let malformed as MultipartFormParser.Malformed {
                logger.notice("upload refused: not a well-formed form", metadata: ["reason": "\(malformed)"])
                throw HTTPError(.badRequest, message: "the upload is not a well-formed multipart form")
            }
        }
        if !tokenValid { try refuseWithoutToken() }
        guard fileSeen else { throw HTTPError(.badRequest, message: "the form holds no file") }
        if !fileEnded {
            throw HTTPError(.badRequest, message: "the upload ended before the file did")
        }
        return (name, whole)
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
