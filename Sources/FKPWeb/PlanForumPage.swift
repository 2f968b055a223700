import FKPCore
import FKPStore

/// The planning form: the village's units (those already in an open forum cannot be chosen),
/// the date, times and venue, and the team chosen from the people of the place.
struct PlanForumPage {
    struct Unit { let code: String; let name: String; let checked: Bool; let bookedIn: Int64? }
    struct Person { let id: Int64; let label: String; let selected: Bool }
    struct Seat { let name: String; let label: String; let people: [Person] }

    let villageCode: String
    let villageName: String
    /// Where the form goes: a new forum of the village, or the plan of forum `forumID`.
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
    let units: [Unit]
    let seats: [Seat]
    let errors: [String]
    /// The form is filled with what the person sent after their session had ended (`HeldForm`).
    let held: Bool
    let csrf: String

    init(village: Region, units: [Region], booked: [String: Int64], candidates: [(userID: Int64, name: String, username: String, role: Role)],
         form: PlanningController.Form?, forumID: Int64? = nil, cancelReason: String? = nil, errors: [String], held: Bool = false, csrf: String,
         language: Language) {
        let t = Translations(language: language)
        villageCode = village.code.value
        villageName = village.name
        heading = forumID.map { t.filling("plan_edit_title", ["forum": "\($0)"]) } ?? t["plan_title"]
        action = forumID.map { "/forums/\($0)/plan" } ?? "/regions/\(village.code.value)/forums"
        version = forumID == nil ? nil : form?.version ?? 0
        submit = t[forumID == nil ? "plan_submit" : "plan_edit_submit"]
        cancelAction = forumID.map { "/forums/\($0)/cancel" }
        self.cancelReason = cancelReason
        cancelRefused = cancelReason != nil
        zone = IndonesianTime.zone(for: village.code).abbreviation
        title = form?.title ?? ""
        date = form?.date ?? ""
        starts = form?.starts ?? "09:00"
        ends = form?.ends ?? "12:00"
        venue = form?.venue ?? ""
        let chosen = Set(form?.units ?? [])
        self.units = units.map { Unit(code: $0.code.value, name: $0.name, checked: chosen.contains($0.code.value), bookedIn: booked[$0.code.value]) }
        func seat(_ name: String, _ label: String, _ roles: [Role], _ selected: String?) -> Seat {
            Seat(name: name, label: t[label], people: candidates.filter { roles.contains($0.role) }.map {
                Person(id: $0.userID, label: "\($0.name) (\($0.username), \(t["role_\($0.role.rawValue)"]))", selected: selected == "\($0.userID)")
            })
        }
        let runners: [Role] = [.facilitator, .bpsStaff]
        seats = [seat("facilitator", "plan_facilitator", runners, form?.facilitator),
                 seat("assistant1", "plan_assistant", runners, form?.assistant1),
                 seat("assistant2", "plan_assistant", runners, form?.assistant2),
                 seat("administrator", "plan_administrator", [.bpsStaff], form?.administrator)]
        self.errors = errors
        self.held = held
        self.csrf = csrf
    }
}
