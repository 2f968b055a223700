import Hummingbird

/// No text may hold a NUL character (PostgreSQL's cannot), and no person types one: a request
/// whose address carries one (`%00`) is refused here as a bad request, rather than failing as a
/// server error when a filter reaches the database. Form bodies are checked as they are decoded.
struct NULCharacterMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.holdsNUL(request.uri.description) {
            throw HTTPError(.badRequest, message: "the address holds a NUL character")
        }
        return try await next(request, context)
    }

    /// Whether percent-encoded text decodes to one: "%00" among its bytes (a plain byte scan; the
    /// standard library's substring search cost a percent of a kept review page).
    static func holdsNUL(_ encoded: String) -> Bool {
        var zerosAfterPercent = -1  // -1: not just after a "%"
        for byte in encoded.utf8 {
            switch (byte, zerosAfterPercent) {
            case (UInt8(ascii: "%"), _): zerosAfterPercent = 0
            case (UInt8(ascii: "0"), 0): zerosAfterPercent = 1
            case (UInt8(ascii: "0"), 1): return true
            default: zerosAfterPercent = -1
            }
        }
        return false
    }
}
