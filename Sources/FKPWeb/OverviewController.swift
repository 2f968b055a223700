import FKPCore
import FKPStore
import Hummingbird

/// The regency overview for BPS staff: forums by state, those ready to close, those past their
/// time and never opened, families reviewed, changes by kind, and a chart of families per group
/// before and after the forums, per district; and the accepted data corrections as a file.
struct OverviewController {
    let renderer: PageRenderer
    let regions: RegionRepository
    let overviews: OverviewRepository
    let challenges: ChallengeRepository

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/regions/{code}/overview", use: show)
        router.get("/regions/{code}/data-corrections.csv", use: dataCorrections)
    }

    /// The data errors the regency's forums accepted, for BPS to apply to the register.
    @Sendable func dataCorrections(_ request: Request, context: AppRequestContext) async throws -> Response {
        let regency = try await regions.requestedRegency(by: context, for: .exportLists)
        let csv = DataCorrectionsCSV.document(try await challenges.acceptedDataCorrections(regency: regency.code))
        return .csvDownload(csv, fileName: "data-corrections-\(regency.code.value).csv")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let regency = try await regions.requestedRegency(by: context, for: .exportLists)
        let page = OverviewPage(regency: regency, districts: try await regions.descendants(of: regency.code, level: .district),
                                overview: try await overviews.overview(regency: regency.code), language: context.language)
        return try renderer.render("overview", title: "overview_title", content: page, request: request, context: context)
    }
}

/// What the overview template shows.
struct OverviewPage {
    /// Counts are written as the reader's language writes numbers (1.234 or 1,234).
    struct Count { let label: String; let count: String }
    struct Forum { let id: Int64; let title: String; let place: String; let when: String? }
    /// A list of forums: the first ones named (with their planned time, for those overdue), then
    /// "and N more" leading to the forum list of their `state`, or `empty` when there are none.
    struct Forums {
        let forums: [Forum]
        let has: Bool
        let more: String?
        let state: String
        let empty: String

        init(_ first: OverviewRepository.FirstForums, state: ForumState, timed: Bool, more: String, empty: String, t: Translations,
             language: Language) {
            forums = first.forums.map {
                Forum(id: $0.id, title: $0.title, place: $0.placeName,
                      when: timed ? IndonesianTime.format($0.startsAt, at: $0.place, languageCode: language.rawValue) : nil)
            }
            has = !forums.isEmpty
            self.more = first.count > forums.count ? t.filling(more, ["count": t.number(first.count - forums.count)]) : nil
            self.state = state.rawValue
            self.empty = empty
        }
    }
    struct Place { let code: String; let name: String }
    struct District { let name: String; let code: String; let families: String; let reviewed: String; let before: [String]; let after: [String] }

    let code: String
    let name: String
    let states: [Count]
    let readyToClose: Forums
    /// Planned forums whose time has passed, each with its planned time.
    let overdue: Forums
    let villagesWithoutForum: [Place]
    let hasVillagesWithoutForum: Bool
    let families: String
    let reviewed: String
    let changes: [Count]
    let districts: [District]
    /// Built by GroupChartSVG, which escapes every text it places.
    let chart: String

    init(regency: Region, districts: [Region], overview: OverviewRepository.Overview, language: Language) {
        let t = Translations(language: language)
        code = regency.code.value
        name = regency.name
        states = ForumState.allCases.map { Count(label: t["forum_state_\($0.rawValue)"], count: t.number(overview.forumsByState[$0] ?? 0)) }
        readyToClose = Forums(overview.readyToClose, state: .readyToClose, timed: false, more: "overview_ready_more", empty: "–",
                              t: t, language: language)
        overdue = Forums(overview.overdue, state: .planned, timed: true, more: "overview_overdue_more",
                         empty: t["overview_overdue_none"], t: t, language: language)
        villagesWithoutForum = overview.villagesWithoutForum.map { Place(code: $0.code, name: $0.name) }
        hasVillagesWithoutForum = !villagesWithoutForum.isEmpty
        let total = overview.districts.values.reduce(ReviewTally()) { $0 + $1 }
        families = t.number(total.total)
        reviewed = t.number(total.reviewed)
        changes = [Count(label: t["overview_group_corrected"], count: t.number(overview.groupCorrections))]
            + Presence.allCases.filter(\.leavesTheUnit).map { Count(label: t.presence($0), count: t.number(total.leaving[$0] ?? 0)) }
            + [Count(label: t["overview_added"], count: t.number(total.added.values.reduce(0, +)))]
            + ["accepted", "rejected", "withdrawn", "open"].map {
                Count(label: "\(t["minutes_challenges"]): \(t["overview_challenges_\($0)"])", count: t.number(overview.challenges[$0] ?? 0))
            }
        let named = Dictionary(uniqueKeysWithValues: districts.map { ($0.code.value, $0.name) })
        let rows = overview.districts.keys.sorted().map { key -> (String, String, ReviewTally) in
            (key, named[key] ?? key, overview.districts[key] ?? ReviewTally())
        }
        self.districts = rows.map { key, name, tally in
            District(name: name, code: key, families: t.number(tally.total), reviewed: t.number(tally.reviewed),
                     before: WelfareGroup.allCases.map { t.number(tally.before[$0]) }, after: WelfareGroup.allCases.map { t.number(tally.after[$0]) })
        }
        chart = GroupChartSVG.render(rows.map { GroupChartSVG.Row(label: $0.1, before: $0.2.before, after: $0.2.after) },
                                     title: t["overview_chart"], beforeLabel: t["summary_before"], afterLabel: t["summary_after"],
                                     groupLabel: { t.group($0) })
    }
}
