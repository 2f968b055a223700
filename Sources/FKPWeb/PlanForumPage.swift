import FKPCore
import FKPStore

/// The planning form: the place's units (those already in an open forum cannot be chosen), by
/// village for a district's forum, the date, times and venue, and the team chosen from the people
/// of the place.
struct PlanForumPage {
    struct Unit { let code: String; let name: String; let checked: Bool; let bookedIn: Int64? }
    /// A village's units; a district's villages fold, those holding a chosen unit open.
    struct Village { let code: String; let name: String; let open: Bool; let units: [Unit] }
    struct Person { let id: Int64; let label: String; let selected: Bool }
    struct Seat { let name: String; let label: String; let people: [Person] }

    let placeCode: String
    let placeName: String
    /// Where the form goes: a new forum of the place, or the plan of forum `forumID`.
    let heading: String
    let action: String
    let version: Int?
    let submit: String
    /// Where a planned forum is called off, when changing its plan.
    let cancelAction: String?
    /// A reason for calling it off that was refused, shown again to be mended, its form open (told
    /// apart by a flag: a reason refused as empty opens it too).
    let cancelReason: String?
    let cancelRefused: Bool
    let zone: String
    let title: String
    let date: String
    let starts: String
    let ends: String
    let venue: String
    let villages: [Village]
    /// The units are listed by village (a district's forum).
    let grouped: Bool
    let seats: [Seat]
    /// Said when no one may sit in the facilitator's seat yet, with where to create their account
    /// (for someone who manages accounts).
    let facilitatorMissing: String?
    let facilitatorAccountLink: String?
    let errors: [String]
    /// The form is filled with what the person sent after their session had ended (`HeldForm`).
    let held: Bool
    let csrf: String

    init(place: Region, units: [Region], villages: [Region], booked: [String: Int64],
         candidates: [(userID: Int64, name: String, username: String, role: Role, places: String)],
         form: PlanningController.Form?, forumID: Int64? = nil, cancelReason: String? = nil, errors: [String], held: Bool = false,
         mayCreateAccounts: Bool, csrf: String, language: Language) {
        let t = Translations(language: language)
        placeCode = place.code.value
        placeName = place.name
        heading = forumID.map { t.filling("plan_edit_title", ["forum": "\($0)"]) } ?? t["plan_title"]
        action = forumID.map { "/forums/\($0)/plan" } ?? "/regions/\(place.code.value)/forums"
        version = forumID == nil ? nil : form?.version ?? 0
        submit = t[forumID == nil ? "plan_submit" : "plan_edit_submit"]
        cancelAction = forumID.map { "/forums/\($0)/cancel" }
        self.cancelReason = cancelReason
        cancelRefused = cancelReason != nil
        zone = IndonesianTime.zone(for: place.code).abbreviation
        title = form?.title ?? ""
        date = form?.date ?? ""
        starts = form?.starts ?? "09:00"
        ends = form?.ends ?? "12:00"
        venue = form?.venue ?? ""
        let chosen = Set(form?.units ?? [])
        let listed = units.map { Unit(code: $0.code.value, name: $0.name, checked: chosen.contains($0.code.value), bookedIn: booked[$0.code.value]) }
        self.villages = villages.compactMap { village in
            let own = listed.filter { $0.code.hasPrefix(village.code.value) }
            return own.isEmpty ? nil : Village(code: village.code.value, name: village.name, open: own.contains(where: \.checked), units: own)
        }
        grouped = place.level != .village
        func seat(_ name: String, _ label: String, _ roles: [Role], _ selected: String?) -> Seat {
            Seat(name: name, label: t[label], people: candidates.filter { roles.contains($0.role) }.map {
                Person(id: $0.userID, label: "\($0.name) (\($0.username), \(t["role_\($0.role.rawValue)"]) \($0.places))",
                       selected: selected == "\($0.userID)")
            })
        }
        // The facilitator is a village official who runs the forum (../shared/domain.md); assistants
        // may also be BPS staff.
        let assistants: [Role] = [.facilitator, .bpsStaff]
        seats = [seat("facilitator", "team_role_facilitator", [.facilitator], form?.facilitator),
                 seat("assistant1", "team_role_assistant_facilitator", assistants, form?.assistant1),
                 seat("assistant2", "team_role_assistant_facilitator", assistants, form?.assistant2),
                 seat("administrator", "team_role_administrator", [.bpsStaff], form?.administrator)]
        let noFacilitator = !candidates.contains { $0.role == .facilitator }
        facilitatorMissing = noFacilitator ? t.filling("plan_no_facilitator", ["place": place.name]) : nil
        facilitatorAccountLink = noFacilitator && mayCreateAccounts ? "/users/new?role=facilitator&region_code=\(place.code.value)" : nil
        self.errors = errors
        self.held = held
        self.csrf = csrf
    }
}
