import FKPCore
import FKPStore

/// One challenge as a row's page and the forum's list show it, with its decision form.
struct ChallengeItem {
    let id: Int64
    let version: Int
    /// The challenged row's page.
    let link: String
    /// The family's id, or the words that say it was added by the forum.
    let code: String
    let headName: String
    let kind: String
    /// nil when empty: a template section shows for any string, even an empty one.
    let proposed: String?
    let reason: String
    let raisedBy: String
    let raisedAt: String
    let status: String
    let statusClass: String
    let isOpen: Bool
    let decision: String?
    let decidedBy: String?
    let errors: [String]
    let statuses: [FormOption]
    let methods: [FormOption]

    /// `others` names the family a presence challenge proposes as the other one.
    init(_ listed: ChallengeRepository.Listed, forum: ForumSummary, others: OtherFamilyShown, errors: [String], t: Translations,
         language: Language) {
        let c = listed.challenge
        id = listed.id
        version = listed.version
        link = ChallengedRow.path(of: listed.subject, forumID: forum.id)
        switch listed.subject {
        case .listed(let familyID): code = familyID
        case .added: code = t["added_family_code"]
        }
        headName = listed.headName
        kind = t["challenge_kind_\(c.kind.rawValue)"]
        let proposed: String
        switch c.kind {
        case .group: proposed = c.proposedGroup.map { t.group($0) } ?? ""
        case .presence:
            // "Ganda dengan keluarga lain (4. Ohim Maryani)", the other family as its list names it;
            // "Pindah (Bandung)". (The page already puts an arrow before what is proposed.)
            let value = c.otherFamily.map { others.label($0, unit: listed.unit) } ?? c.proposedValue
            proposed = (c.proposedPresence.map { t.presence($0) } ?? "") + (value.isEmpty ? "" : " (\(value))")
        case .data: proposed = c.proposedValue
        }
        self.proposed = proposed.isEmpty ? nil : proposed
        reason = c.reason
        raisedBy = listed.raisedBy
        raisedAt = IndonesianTime.format(listed.raisedAt, at: forum.place, languageCode: language.rawValue)
        status = t["challenge_status_\(listed.status.rawValue)"]
        statusClass = listed.status.rawValue
        isOpen = listed.status == .open
        decision = listed.decision.flatMap { d -> String? in
            var parts: [String] = []
            if let method = d.method { parts.append(t["challenge_method_\(method.rawValue)"]) }
            if let yes = d.votesFor, let no = d.votesAgainst {
                parts.append("\(t["challenge_votes_for"]) \(yes), \(t["challenge_votes_against"]) \(no)"
                    + (d.votesAbstain.map { ", \(t["challenge_votes_abstain"]) \($0)" } ?? ""))
            }
            if !d.note.isEmpty { parts.append(d.note) }
            return parts.isEmpty ? nil : parts.joined(separator: " · ")
        }
        decidedBy = listed.decidedBy
        self.errors = errors
        statuses = [Challenge.Status.accepted, .rejected, .withdrawn].map { FormOption(value: $0.rawValue, label: t["challenge_status_\($0.rawValue)"]) }
        methods = Challenge.Method.allCases.map { FormOption(value: $0.rawValue, label: t["challenge_method_\($0.rawValue)"]) }
    }
}
