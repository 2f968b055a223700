import FKPCore

/// The checks a newly chosen password passes on every form that sets one: typed the same twice,
/// and acceptable by the password rules. Returns the message to show, or nil.
func newPasswordProblem(_ password: String, confirmation: String, username: String, t: Translations) -> String? {
    guard password == confirmation else { return t["password_mismatch"] }
    guard let problem = PasswordRules.check(password, username: username) else { return nil }
    switch problem {
    case .tooShort: return t["password_too_short"]
    case .tooCommon: return t["password_too_common"]
    case .sameAsUsername: return t["password_like_username"]
    }
}
