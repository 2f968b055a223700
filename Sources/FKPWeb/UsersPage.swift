import Foundation
import FKPCore
import FKPStore

/// The view-model of the account list.
struct UsersPage {
    struct Row {
        let id: Int64
        let username: String
        let displayName: String
        let roles: String
        let disabled: Bool
        let mustChange: Bool
        let manageable: Bool
    }

    let rows: [Row]
    let csrf: String
    let canCreate: Bool
    /// The search as typed, to fill the field again.
    let search: String
    /// The next page, after the last account shown, with the same search; nil on the last page.
    let nextHref: String?

    init(listed: [AccountRepository.Listed], hasMore: Bool, search: String?, principal: Principal, csrf: String, t: Translations) {
        rows = listed.map { entry in
            Row(id: entry.account.id, username: entry.account.username, displayName: entry.account.displayName,
                roles: entry.assignments.map { Self.label($0, placeName: $0.region.flatMap { entry.placeNames[$0.value] }, t) }
                    .joined(separator: "; "),
                disabled: entry.account.isDisabled, mustChange: entry.account.mustChangePassword,
                manageable: entry.account.id != principal.userID && entry.assignments.allSatisfy { AccessPolicy.mayAssign(principal, $0) })
        }
        self.csrf = csrf
        canCreate = principal.managesAccounts
        self.search = search ?? ""
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "" }
        nextHref = hasMore ? listed.last.map { last in
            "/users?" + (search.map { "q=\(encode($0))&" } ?? "") + "after=\(encode(last.account.username))"
        } : nil
    }

    /// A role in its place, as the account pages show it: the place by its name, so that a code
    /// typed one digit wrong shows as the wrong village, and by its code.
    static func label(_ a: Assignment, placeName: String?, _ t: Translations) -> String {
        let place = a.region.map { code in " · " + (placeName.map { "\($0) (\(code.value))" } ?? code.value) } ?? ""
        return t["role_\(a.role.rawValue)"] + place + (a.forumID.map { " · forum \($0)" } ?? "")
            + (a.isSupervisor ? " · \(t["users_supervisor_short"])" : "")
    }
}
