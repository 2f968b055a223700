import FKPCore

/// The words for a code a column stores (a verdict, a forum's state, a role, a welfare group), for
/// the pages that show stored values as they were: the audit entries and a family's history. The
/// codes' words are the catalogue keys the forms already use, tried in turn, so that a code reads
/// the same on every page.
extension Translations {
    /// Catalogue prefixes that name the codes of a column. A column name shared by several tables
    /// (`kind`, `status`) lists each table's prefix: their codes differ.
    static let storedCodePrefixes: [String: [String]] = [
        "verdict": ["verdict_"],
        "presence": ["presence_"],
        "proposed_presence": ["presence_"],
        "state": ["forum_state_"],
        "level": ["level_"],
        "held_at_level": ["value_held_at_level_"],
        "role": ["role_"],
        "team_role": ["team_role_"],
        "signatory_role": ["signatory_", "team_role_"],
        "kind": ["challenge_kind_", "role_", "imports_"],
        "status": ["challenge_status_", "value_status_"],
        "decision_method": ["challenge_method_"],
        "method": ["value_method_", "challenge_method_"],
    ]

    static let groupColumns: Set<String> = ["welfare_group", "proposed_group", "preliminary_group", "final_group"]

    /// The words for `code` stored in `column`, or nil when the column holds no code the catalogue names.
    func words(forCode code: String, in column: String) -> String? {
        if Self.groupColumns.contains(column) { return Int(code).flatMap(WelfareGroup.init).map(group) }
        let catalogue = Messages.catalogue(language)
        return Self.storedCodePrefixes[column]?.lazy.compactMap { catalogue[$0 + code] }.first
    }
}
