import FKPCore
import FKPStore

/// The forums a person takes part in, where they land after signing in when forums are all their
/// work (facilitators, SLS heads, community figures): with their own units' lists one tap away, and
/// the minutes when they wait for the person's signature.
struct MyForumsPage {
    let rows: [ForumListPage.Row]

    /// `awaitingSignature`: the forums whose minutes have a place the person signs on screen, not signed yet.
    init(forums: [ForumRepository.Listed], awaitingSignature: Set<Int64> = [], language: Language) {
        let t = Translations(language: language)
        rows = forums.map {
            ForumListPage.Row($0, t: t, language: language,
                              signHref: awaitingSignature.contains($0.id) ? "/forums/\($0.id)/minutes#signatures" : nil)
        }
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
