import FKPCore
import FKPStore

/// What the page of a row of a forum's list shows below its values, alike for a listed family and
/// an added one: every earlier value struck through with who, when, why and by which decision (from
/// the audit trail), the row's challenges with their decision forms, and the form to raise one.
struct RowRecord {
    struct Change { let field: String; let old: String?; let new: String? }
    struct Event { let when: String; let actor: String; let role: String; let reason: String?; let decision: String?; let changes: [Change] }
    /// The challenge form's values. Kept apart from the page's other names: an event's absent
    /// reason is looked up further out, and would show the form's reason as the event's.
    struct RaiseForm {
        let action: String
        /// What the free text proposes: an added family names no other family.
        let valueLabel: String
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

    let history: [Event]
    let challenges: [ChallengeItem]
    let mayRaise: Bool
    let mayDecide: Bool
    let raise: RaiseForm
    /// Where a decision taken on this page comes back to.
    let back = "family"

    /// The history's fields holding another family's id.
    private static let otherFamilyFields: Set = ["duplicate_of", "merged_into"]

    /// The other families `history` names, before and after each change: what `others` must hold.
    static func otherFamilies(in history: [AuditRepository.RowChange]) -> [String] {
        history.flatMap { change in change.fields.filter { otherFamilyFields.contains($0.name) }.flatMap { [$0.old, $0.new] } }
            .compactMap { $0 }
    }

    /// `presences` are those a challenge on the row may propose; `others` names the families the
    /// history and the challenges name, as the list of the row's `unit` does (nil: an added family).
    init(forum: ForumSummary, unit: String?, history: [AuditRepository.RowChange], challenges: [ChallengeRepository.Listed],
         others: OtherFamilyShown, raiseAction: String, presences: [Presence], mayRaise: Bool, mayDecide: Bool, error: Refusal?,
         language: Language) {
        let t = Translations(language: language)
        func shown(_ field: String, _ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            if let unit, Self.otherFamilyFields.contains(field) { return others.label(value, unit: unit) }
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
        self.challenges = challenges.map { ChallengeItem($0, forum: forum, others: others, errors: [], t: t, language: language) }
        self.mayRaise = mayRaise
        self.mayDecide = mayDecide
        let raised = error?.raised
        raise = RaiseForm(
            action: raiseAction,
            valueLabel: t[presences.contains(where: \.namesAnotherFamily) ? "challenge_proposed_value" : "challenge_proposed_value_added"],
            kinds: Challenge.Kind.allCases.map { FormOption(value: $0.rawValue, label: t["challenge_kind_\($0.rawValue)"], selected: raised?.kind == $0) },
            groups: FormOption.groups(selected: raised?.proposedGroup, t),
            presences: FormOption.presences(presences, selected: raised?.proposedPresence, t),
            proposedValue: raised?.proposedValue ?? "", reason: raised?.reason ?? "", errors: error?.messages ?? [])
    }
}
