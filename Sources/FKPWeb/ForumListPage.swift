import FKPCore
import FKPStore

/// The forums of a region: state, date and progress of each.
struct ForumListPage {
    struct Row { let id: Int64; let title: String; let place: String; let when: String; let state: String; let stateClass: String
                 let reviewed: Int; let families: Int; let percent: Int }

    let code: String
    let name: String
    let rows: [Row]
    let mayPlan: Bool

    init(region: Region, forums: [ForumRepository.Listed], mayPlan: Bool, language: Language) {
        let t = Translations(language: language)
        code = region.code.value
        name = region.name
        rows = forums.map { f in
            Row(id: f.id, title: f.title, place: f.placeName,
                when: IndonesianTime.format(f.startsAt, at: f.place, languageCode: language.rawValue),
                state: t["forum_state_\(f.state.rawValue)"], stateClass: f.state.rawValue, reviewed: f.reviewed, families: f.families,
                percent: f.families == 0 ? 0 : f.reviewed * 100 / f.families)
        }
        self.mayPlan = mayPlan
    }
}
