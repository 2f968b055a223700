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

    init(listed: [AccountRepository.Listed], principal: Principal, csrf: String, t: Translations) {
        rows = listed.map { entry in
            Row(id: entry.account.id, username: entry.account.username, displayName: entry.account.displayName,
                roles: entry.assignments.map { Self.label($0, t) }.joined(separator: "; "),
                disabled: entry.account.isDisabled, mustChange: entry.account.mustChangePassword,
                manageable: entry.account.id != principal.userID && entry.assignments.allSatisfy { AccessPolicy.mayAssign(principal, $0) })
        }
        self.csrf = csrf
        canCreate = principal.managesAccounts
    }

    /// A role in its place, as the account pages show it.
    static func label(_ a: Assignment, _ t: Translations) -> String {
        t["role_\(a.role.rawValue)"] + (a.region.map { " " + $0.value } ?? "") + (a.forumID.map { " · forum \($0)" } ?? "")
            + (a.isSupervisor ? " · \(t["users_supervisor_short"])" : "")
    }
}
