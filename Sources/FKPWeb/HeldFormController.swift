import FKPCore
import FKPStore
import Hummingbird
import HummingbirdAuth

/// The page that offers a held form (`HeldForm`) to be sent again, once the person has signed in.
/// Shown once: the form on it carries every field, and the session lets the held form go.
struct HeldFormController {
    static let path = "/held-form"
    let renderer: PageRenderer
    let forums: ForumRepository
    let reviews: ReviewRepository

    struct Content {
        typealias Field = HeldForm.Field
        let csrf: String
        let path: String
        let page: String
        /// The family the form was about, as its list names it, for the person to know which.
        let family: String?
        /// Every field, for the form sent again.
        let fields: [Field]
        /// Those a person filled in or chose, for them to read first: named and read in words as the
        /// audit pages name a row's columns, which most fields are (others by their own name).
        let shown: [Field]
        let hasShown: Bool

        init(csrf: String, held: HeldForm, family: String? = nil, _ t: Translations) {
            (self.csrf, path, page, self.family) = (csrf, held.path, held.page, family)
            fields = held.fields
            shown = fields.filter { !$0.value.isEmpty && !HeldFormController.fieldsNotShown.contains($0.name) }.map { field in
                let column = HeldFormController.columnWritten[field.name] ?? field.name
                let yesOrNo = HeldFormController.yesOrNoFields.contains(field.name) ? ["yes": "value_true", "no": "value_false"][field.value] : nil
                return Field(name: t.name("field_\(column)", or: field.name),
                             value: yesOrNo.map { t[$0] } ?? t.words(forCode: field.value, in: column) ?? field.value)
            }
            hasShown = !shown.isEmpty || family != nil
        }
    }

    /// Fields every form of the forum carries for the server, which say nothing to the person (a
    /// signature's place is named by the signer's name beside it).
    static let fieldsNotShown: Set<String> = ["version", "back", "slot"]

    /// Fields named otherwise than the column they write, by that column: its name and words are
    /// the audit pages' own.
    static let columnWritten = ["stamp": "with_stamp", "note": "decision_note", "representative": "representative_name"]

    /// Fields whose form sends `yes` or `no`.
    static let yesOrNoFields: Set<String> = ["attended", "stamp"]

    /// The form held for `path`, taken from the session to fill its page again (`HeldForm.formPage`):
    /// nothing is written until the person sends it from there.
    static func take(sentTo path: String, _ context: AppRequestContext) -> HeldForm? {
        guard let held = context.sessions.session?.heldForm, held.path == path else { return nil }
        context.sessions.withLockedSession { $0?.heldForm = nil }
        return held
    }

    /// The family a held verdict or challenge was sent about (`/forums/ID/units/UNIT/families/FAMILY`,
    /// `/forums/ID/families/FAMILY/challenges`): its number and head on its unit's list, when the
    /// person signed in now may see the forum (someone else may have signed in on the device).
    func family(of held: HeldForm, for principal: Principal?) async throws -> String? {
        let parts = held.path.split(separator: "/").map(String.init)
        guard parts.count >= 4, parts[0] == "forums", let forumID = Int64(parts[1]),
              let at = parts.firstIndex(of: "families"), at + 1 < parts.count else { return nil }
        guard let forum = try await forums.summary(forumID), AccessPolicy.decide(principal, .viewForum, forum.resource) == .allow,
              let row = try await reviews.row(forumID: forumID, familyID: parts[at + 1]) else { return nil }
        let unit = forum.units.first { $0.code.value == row.unit }.map { " (\($0.name))" } ?? ""
        return "\(row.number). \(row.headName)\(unit)"
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.path), use: page)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.principal != nil else { throw LoginRequired() }
        guard let held = context.sessions.session?.heldForm else { return redirect("/") }
        // Offered in its own form's page, which takes it from the session (`take(sentTo:_:)`).
        if let formPage = held.formPage { return redirect(formPage) }
        context.sessions.withLockedSession { $0?.heldForm = nil }
        let content = Content(csrf: context.csrfToken(), held: held, family: try await family(of: held, for: context.principal),
                              Translations(language: context.language))
        return try renderer.render("held-form", title: "held_form_title", content: content, request: request, context: context)
    }
}
