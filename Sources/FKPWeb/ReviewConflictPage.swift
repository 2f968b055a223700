import FKPCore
import FKPStore

/// A save that came too late: the value saved meanwhile beside the person's own, and a choice.
struct ReviewConflictPage {
    /// Empty values are nil: a template section shows for any string, even an empty one.
    struct Side { let verdict: String; let group: String?; let reason: String?; let presence: String; let detail: String?; let note: String? }

    /// The person's own value as the form sends it again. Kept apart from the page's other names:
    /// a side's absent reason is looked up further out, and would show the person's own as the
    /// other one's.
    struct Resubmission {
        let version: Int
        let back: String
        let verdict: String
        let proposedGroup: String
        let reason: String
        let presence: String
        let movedTo: String
        let otherFamily: String
        let orderNote: String
    }

    let familyID: String
    let name: String
    let number: Int
    let theirs: Side
    let mine: Side
    /// Who saved the value that stands, and when: "ketua.rt, Kamis, 3 Desember 2026 10.14 WIB".
    let savedBy: String
    let backURL: String
    let action: String
    let resubmit: Resubmission
    let csrf: String

    /// `others` names the other family of a duplicate or merger on either side.
    init(forum: ForumSummary, unit: Region, current: ReviewRepository.Row, mine: Review, others: OtherFamilyShown, back: String,
         csrf: String, language: Language) {
        let t = Translations(language: language)
        func side(_ review: Review) -> Side {
            func present(_ text: String) -> String? { text.isEmpty ? nil : text }
            return Side(verdict: review.verdict.map { t["verdict_\($0.rawValue)"] } ?? t["verdict_none"],
                        group: review.proposedGroup.map { t.group($0) },
                        reason: present(review.reason),
                        presence: others.presence(t.presence(review.presence), of: review, unit: current.unit),
                        detail: present(review.movedTo), note: present(review.orderNote))
        }
        familyID = current.familyID
        name = current.headName
        number = current.number
        theirs = side(current.review)
        self.mine = side(mine)
        savedBy = [current.updatedBy, current.updatedAt.map { IndonesianTime.format($0, at: unit.code, languageCode: language.rawValue) }]
            .compactMap { $0 }.joined(separator: ", ")
        let path = "/forums/\(forum.id)/units/\(unit.code.value)"
        backURL = "\(path)\(back.isEmpty ? "" : "?\(back)")#f-\(current.familyID)"
        action = "\(path)/families/\(current.familyID)"
        resubmit = Resubmission(version: current.version, back: back, verdict: mine.verdict?.rawValue ?? "",
                                proposedGroup: mine.proposedGroup.map { "\($0.rawValue)" } ?? "", reason: mine.reason,
                                presence: mine.presence.rawValue, movedTo: mine.movedTo,
                                otherFamily: mine.otherFamily.map { others.field($0, unit: current.unit) } ?? "",
                                orderNote: mine.orderNote)
        self.csrf = csrf
    }
}
