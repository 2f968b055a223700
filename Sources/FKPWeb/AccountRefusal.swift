import FKPCore
import FKPStore

/// What a refused account write means, in the person's language: the same words on the users page
/// and from `fkp user add`, instead of the database's constraint names.
public enum AccountRefusal {
    public static func message(_ refusal: DatabaseRefusal, language: Language) -> String {
        Translations(language: language)[key(refusal)]
    }

    /// Why a new account's user name or full name is refused for holding a NIK or a family card
    /// number, nil when neither does: both are shown to others (the team lists, the minutes, the
    /// audit trail's actor), a personal number only to BPS staff.
    public static func personalNumber(username: String, displayName: String, language: Language) -> String? {
        let t = Translations(language: language)
        if PersonalNumber.isTypedInto(username) { return t.personalNumberIn("users_username") }
        if PersonalNumber.isTypedInto(displayName) { return t.personalNumberIn("users_display_name") }
        return nil
    }

    static func key(_ refusal: DatabaseRefusal) -> String {
        switch refusal.constraint ?? "" {
        case "users_username_format": "user_error_username"
        case "users_username_key": "user_error_username_taken"
        case "users_display_name_present": "user_error_display_name"
        case "role_assignments_place_level": "user_error_place_level"
        case "role_assignments_region_code_fkey": "user_error_region_unknown"
        case "role_assignments_figure_has_forum": "user_error_forum_required"
        case "role_assignments_forum_id_fkey": "user_error_forum_unknown"
        case "role_assignments_place_given": "user_error_place_required"
        case "role_assignments_supervisor_is_staff": "user_error_supervisor_staff"
        default: "user_error_other"
        }
    }
}
