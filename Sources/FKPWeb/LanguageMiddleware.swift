import HTTPTypes
import Hummingbird

/// Bahasa Indonesia unless the person chose English: `?lang=en` switches and is remembered in a
/// cookie, so the switch works without JavaScript on every page.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let chosen = Language(code: request.uri.queryParameters["lang"].map(String.init))
        context.language = chosen ?? Language(code: request.cookies[Self.cookieName]?.value) ?? .indonesian
        var response = try await next(request, context)
        if let chosen {
            response.setCookie(Cookie(name: Self.cookieName, value: chosen.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                                      secure: false, httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
