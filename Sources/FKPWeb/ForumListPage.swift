import FKPCore
import FKPStore

/// The forums of a region: state, date and progress of each.
struct ForumListPage {
    struct Row {
        let id: Int64; let title: String; let place: String; let when: String; let state: String; let stateClass: String
        let reviewed: Int; let families: Int; let percent: Int
        /// The lists of this forum that the person heads, straight to their review pages.
        let ownUnits: [UnitLink]
        /// Stored, not computed: the template engine sees stored properties only.
        let hasOwnUnits: Bool

        struct UnitLink { let href: String; let name: String }

        init(_ f: ForumRepository.Listed, t: Translations, language: Language) {
            id = f.id
            title = f.title
            place = f.placeName
            when = IndonesianTime.format(f.startsAt, at: f.place, languageCode: language.rawValue)
            state = t["forum_state_\(f.state.rawValue)"]
            stateClass = f.state.rawValue
            reviewed = f.reviewed
            families = f.families
            percent = f.families == 0 ? 0 : f.reviewed * 100 / f.families
            ownUnits = f.ownUnits.map { UnitLink(href: "/forums/\(f.id)/units/\($0.code)", name: $0.name) }
            hasOwnUnits = !ownUnits.isEmpty
        }
    }

    let code: String
    let name: String
    let rows: [Row]
    let mayPlan: Bool

    init(region: Region, forums: [ForumRepository.Listed], mayPlan: Bool, language: Language) {
        let t = Translations(language: language)
        code = region.code.value
        name = region.name
        rows = forums.map { Row($0, t: t, language: language) }
        self.mayPlan = mayPlan
    }
}
