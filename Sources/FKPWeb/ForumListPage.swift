import FKPCore
import FKPStore
import Foundation
import HTTPTypes

/// The forums of a region: state, date and progress of each.
struct ForumListPage {
    struct Row {
        let id: Int64; let title: String; let place: String; let when: String; let state: String; let stateClass: String
        let reviewed: Int; let families: Int; let percent: Int
        /// The lists of this forum that the person heads, straight to their review pages.
        let ownUnits: [UnitLink]
        /// Stored, not computed: the template engine sees stored properties only.
        let hasOwnUnits: Bool
        /// The minutes, when they wait for the person's own signature (their forums' page only).
        let signHref: String?

        struct UnitLink { let href: String; let name: String }

        init(_ f: ForumRepository.Listed, t: Translations, language: Language, signHref: String? = nil) {
            id = f.id
            title = f.title
            place = f.placeName
            when = IndonesianTime.format(f.startsAt, at: f.place, languageCode: language.rawValue)
            // Still planned when its time has passed: held and not recorded, or not held.
            state = t["forum_state_\(f.state.rawValue)"] + (f.state == .planned && f.endsAt < Date() ? " · " + t["forum_overdue"] : "")
            stateClass = f.state.rawValue
            reviewed = f.reviewed
            families = f.families
            percent = f.families == 0 ? 0 : f.reviewed * 100 / f.families
            ownUnits = f.ownUnits.map { UnitLink(href: "/forums/\(f.id)/units/\($0.code)", name: $0.name) }
            hasOwnUnits = !ownUnits.isEmpty
            self.signHref = signHref
        }
    }

    /// A stage or a page in the address that cannot be read: the page names the field and what it
    /// holds, and leads back to the whole list.
    struct Unreadable: ExplainedRefusal {
        enum Field: String { case state, after }
        let field: Field
        let typed: String
        let back: String?
        var status: HTTPResponse.Status { .badRequest }
        func message(_ t: Translations) -> String { t.filling("forums_unreadable_\(field.rawValue)", ["typed": typed]) }
    }

    /// A choice of the forums listed: all of them, or those in one state, with how many there are.
    struct StateLink {
        let href: String; let label: String; let count: Int
        /// The choice the page shows.
        let current: Bool
    }

    let code: String
    let name: String
    let rows: [Row]
    let mayPlan: Bool
    /// All, then each state that any forum of the place is in, in the order forums go through them;
    /// none for a place without forums.
    let states: [StateLink]
    /// Stored, not computed: the template engine sees stored properties only.
    let hasStates: Bool
    /// The next page, after the last forum shown, in the same state; nil on the last page.
    let nextHref: String?

    init(region: Region, forums: [ForumRepository.Listed], hasMore: Bool, state: ForumState?, counts: [ForumState: Int],
         mayPlan: Bool, language: Language) {
        let t = Translations(language: language)
        code = region.code.value
        name = region.name
        rows = forums.map { Row($0, t: t, language: language) }
        self.mayPlan = mayPlan
        let base = "/regions/\(region.code.value)/forums"
        let total = counts.values.reduce(0, +)
        states = total == 0 ? [] : [StateLink(href: base, label: t["forums_all"], count: total, current: state == nil)]
            + ForumState.allCases.compactMap { s in
                counts[s].map { StateLink(href: base + "?state=\(s.rawValue)", label: t["forum_state_\(s.rawValue)"], count: $0, current: s == state) }
            }
        hasStates = !states.isEmpty
        nextHref = hasMore ? forums.last.map { last in base + "?" + (state.map { "state=\($0.rawValue)&" } ?? "") + "after=\(last.id)" } : nil
    }
}
