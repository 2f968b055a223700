import FKPCore
import FKPStore

/// The view-model of one account's page: its roles and places, each with a way to take it away
/// (while more than one is left), and the form that gives one more.
struct AccountPage {
    /// `assignment` is the assignment's id; `id` is left to the account, which the template names too.
    struct Held { let assignment: Int64; let label: String }

    let id: Int64
    let username: String
    let displayName: String
    let disabled: Bool
    let mustChange: Bool
    /// Disabling or enabling from here comes back here (`UserAdminController.BackForm`).
    let back = "account"
    let held: [Held]
    /// Taking a role away needs another left: an account stops by being disabled.
    let mayRevoke: Bool
    let roles: [FormOption]
    let regionCode: String
    let forumID: String
    let error: String?
    let csrf: String

    init(account: AccountRepository.Account, held: [AccountRepository.Held], principal: Principal, form: UserAdminController.GrantForm?,
         error: String?, csrf: String, t: Translations) {
        id = account.id
        username = account.username
        displayName = account.displayName
        disabled = account.isDisabled
        mustChange = account.mustChangePassword
        self.held = held.map { Held(assignment: $0.id, label: UsersPage.label($0.assignment, placeName: $0.placeName, t)) }
        mayRevoke = held.count > 1
        roles = FormOption.roles(grantableBy: principal, selected: form?.role, t)
        regionCode = form?.region_code ?? ""
        forumID = form?.forum_id ?? ""
        self.error = error
        self.csrf = csrf
    }
}
