import FKPCore
import FKPStore

/// The forum's challenges: open ones with the facilitator's decision form, then decided ones.
struct ChallengesPage {
    struct Refusal { let challengeID: Int64; let messages: [String] }

    let forumID: Int64
    let forumTitle: String
    let open: [ChallengeItem]
    let decided: [ChallengeItem]
    let mayDecide: Bool
    /// Stored, not computed: templates see stored properties only.
    let hasDecided: Bool
    let back = "list"
    let error: String?
    let csrf: String

    init(forum: ForumSummary, challenges: [ChallengeRepository.Listed], others: OtherFamilyShown, mayDecide: Bool, error: Refusal?,
         csrf: String, language: Language) {
        let t = Translations(language: language)
        let items = challenges.map {
            ChallengeItem($0, forum: forum, others: others, errors: $0.id == error?.challengeID ? error?.messages ?? [] : [], t: t,
                          language: language)
        }
        forumID = forum.id
        forumTitle = forum.title
        open = items.filter(\.isOpen)
        decided = items.filter { !$0.isOpen }
        hasDecided = !decided.isEmpty
        self.mayDecide = mayDecide
        self.error = error?.messages.joined(separator: " ")
        self.csrf = csrf
    }
}
