import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// Decodes an `application/x-www-form-urlencoded` body (already collected by the CSRF check).
    mutating func decodeForm<Form: Decodable>(_ type: Form.Type) async throws -> Form {
        try Self.decodeForm(Form.self, from: String(buffer: try await collectFormBody()))
    }

    /// Decodes a form's encoded fields, as they came in a body or were held (`HeldForm`).
    static func decodeForm<Form: Decodable>(_ type: Form.Type, from body: String) throws -> Form {
        if NULCharacterMiddleware.holdsNUL(body) { throw HTTPError(.badRequest, message: "a field holds a NUL character") }
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: FormBody.removingInvisibleCharacters(body))
        } catch {
            throw HTTPError(.badRequest, message: "the form is incomplete")
        }
    }

    /// A form's body, up to `CSRFMiddleware.maximumFormBytes`; a larger one is refused as too
    /// large (413), not taken for a failure of the server.
    mutating func collectFormBody() async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: CSRFMiddleware.maximumFormBytes)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
    }
}

/// Where to go after logging in: only a path of this site, never another site. Visible ASCII
/// only: browsers drop tabs and line breaks from an address and read a backslash as a slash, so
/// `/<tab>/evil.example` and `/\evil.example` would both lead to evil.example.
func safeLocalPath(_ candidate: String?) -> String {
    guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
          !candidate.contains("://"), candidate.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else { return "/" }
    return candidate
}

/// The login page, coming back to `next` (a path of this site) afterwards; `expired` says why.
func loginPath(next: String?, expired: Bool = false) -> String {
    let back = safeLocalPath(next)
    var query = expired ? ["expired=1"] : []
    if back != "/" { query.append("next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
    return "/login" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
}

func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}
