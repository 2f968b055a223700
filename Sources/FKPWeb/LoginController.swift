import Hummingbird

/// The login page.
struct LoginController {
    let renderer: PageRenderer

    struct Content {
        let username: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/login", use: page)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) throws -> Response {
        try renderer.render("login", title: "login_title", content: Content(username: ""), request: request, context: context)
    }
}
