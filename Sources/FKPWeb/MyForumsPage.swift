import FKPCore
import FKPStore

/// The forums a person takes part in, where they land after signing in when forums are all their
/// work (facilitators, SLS heads, community figures): with their own units' lists one tap away.
struct MyForumsPage {
    let rows: [ForumListPage.Row]

    init(forums: [ForumRepository.Listed], language: Language) {
        let t = Translations(language: language)
        rows = forums.map { ForumListPage.Row($0, t: t, language: language) }
    }

    /// Whether forums are all of the person's work: then the start page is their forums.
    static func isHome(for principal: Principal) -> Bool {
        !principal.assignments.isEmpty && principal.assignments.allSatisfy { Self.roles.contains($0.role) }
    }

    /// Whether the header offers the page.
    static func isOffered(to principal: Principal) -> Bool {
        principal.assignments.contains { Self.roles.contains($0.role) }
    }

    private static let roles: Set<Role> = [.facilitator, .slsHead, .communityFigure]
}
