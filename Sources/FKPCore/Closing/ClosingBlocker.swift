/// One thing that still keeps a forum from closing, as the database reports it
/// (fkp.closing_blockers): the page lists them and the database refuses to close while any remain.
public enum ClosingBlocker: Sendable, Equatable {
    case withoutVerdict(count: Int)
    case openChallenges(count: Int)
    /// A signatory has neither signed nor refused.
    case unsigned(role: Signatory.Role, name: String?)
    /// Someone refused; the signature of `role` is awaited in their place.
    case escalation(role: Signatory.Role, refusedBy: String)
    /// The district head refused: there is no level above, so the forum goes back to review.
    case refusedAtTop(name: String)

    /// Reads a row of fkp.closing_blockers; nil for a kind this version does not know.
    public init?(kind: String, role: String?, detail: String?) {
        switch kind {
        case "without_verdict": self = .withoutVerdict(count: Int(detail ?? "") ?? 0)
        case "open_challenges": self = .openChallenges(count: Int(detail ?? "") ?? 0)
        case "unsigned":
            guard let role = role.flatMap(Signatory.Role.init) else { return nil }
            self = .unsigned(role: role, name: detail)
        case "escalation":
            guard let role = role.flatMap(Signatory.Role.init) else { return nil }
            self = .escalation(role: role, refusedBy: detail ?? "")
        case "refused_at_top": self = .refusedAtTop(name: detail ?? "")
        default: return nil
        }
    }
}
