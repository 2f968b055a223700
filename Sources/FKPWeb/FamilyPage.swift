import FKPCore
import FKPStore
import Foundation

/// A family of a forum: what is recorded now, every earlier value struck through with who, when,
/// why and by which decision (from the audit trail), its challenges, and the form to raise one.
struct FamilyPage {
    /// The review's fields shown in the history, in this order.
    static let reviewFields = ["verdict", "proposed_group", "reason", "presence", "moved_to", "duplicate_of", "merged_into", "order_note"]

    struct Change { let field: String; let old: String?; let new: String? }
    struct Event { let when: String; let actor: String; let role: String; let reason: String?; let decision: String?; let changes: [Change] }
    /// The challenge form's values. Kept apart from the page's other names: an event's absent
    /// reason is looked up further out, and would show the form's reason as the event's.
    struct RaiseForm {
        let kinds: [FormOption]
        let groups: [FormOption]
        let presences: [FormOption]
        let proposedValue: String
        let reason: String
        let errors: [String]
    }
    struct Refusal {
        let messages: [String]
        var raised: Challenge?
    }

    let forumID: Int64
    let forumTitle: String
    let unitCode: String
    let familyID: String
    let number: Int
    let name: String
    let address: String
    let members: Int
    let preliminary: String
    let verdict: String
    let after: String
    let presence: String
    let history: [Event]
    let challenges: [ChallengeItem]
    let mayRaise: Bool
    let mayDecide: Bool
    let raise: RaiseForm
    let back = "family"
    /// Set when the page shows the family as it stood at a past moment.
    let historyNotice: String?
    let csrf: String

    init(forum: ForumSummary, row: ReviewRepository.Row, history: [AuditRepository.RowChange], challenges: [ChallengeRepository.Listed],
         mayRaise: Bool, mayDecide: Bool, moment: HistoricalMoment? = nil, error: Refusal?, csrf: String, language: Language) {
        let t = Translations(language: language)
        historyNotice = moment?.notice
        forumID = forum.id
        forumTitle = forum.title
        unitCode = row.unit
        familyID = row.familyID
        number = row.number
        name = row.headName
        address = row.address
        members = row.members
        preliminary = t.group(row.group)
        verdict = row.review.verdict.map { t["verdict_\($0.rawValue)"] } ?? t["verdict_none"]
        after = t.group(row.review.groupAfter(preliminary: row.group))
        let detail = row.review.otherFamily ?? row.review.movedTo
        presence = t.presence(row.review.presence) + (detail.isEmpty ? "" : " (\(detail))")
        func shown(_ field: String, _ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            return t.words(forCode: value, in: field) ?? value
        }
        self.history = history.map { change in
            Event(when: IndonesianTime.format(change.occurredAt, at: forum.place, languageCode: language.rawValue),
                  actor: change.actor, role: t["role_\(change.role)"], reason: change.reason.flatMap { $0.isEmpty ? nil : $0 },
                  decision: change.decisionRef.map { ref in
                      ref.hasPrefix("challenge:") ? "\(t["challenge_title"]) #\(ref.dropFirst("challenge:".count))" : ref
                  },
                  changes: change.fields.map { Change(field: t["history_field_\($0.name)"], old: shown($0.name, $0.old), new: shown($0.name, $0.new)) })
        }
        self.challenges = challenges.map { ChallengeItem($0, forum: forum, errors: [], t: t, language: language) }
        self.mayRaise = mayRaise
        self.mayDecide = mayDecide
        let raised = error?.raised
        raise = RaiseForm(
            kinds: Challenge.Kind.allCases.map { FormOption(value: $0.rawValue, label: t["challenge_kind_\($0.rawValue)"], selected: raised?.kind == $0) },
            groups: FormOption.groups(selected: raised?.proposedGroup, t), presences: FormOption.presences(selected: raised?.proposedPresence, t),
            proposedValue: raised?.proposedValue ?? "", reason: raised?.reason ?? "", errors: error?.messages ?? [])
        self.csrf = csrf
    }
}
