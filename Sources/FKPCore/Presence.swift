/// Whether a listed family still lives in its SLS (keberadaan).
public enum Presence: String, CaseIterable, Sendable {
    case present
    /// Moved out of the SLS; where to, if known.
    case moved
    /// All members died.
    case died
    case notFound = "not_found"
    /// A duplicate of another row of the forum.
    case duplicate
    /// Merged into another family of the forum.
    case merged

    /// Whether the family no longer counts in its SLS after the forum.
    public var leavesTheUnit: Bool { self != .present }

    /// Presences that name another family of the forum.
    public var namesAnotherFamily: Bool { self == .duplicate || self == .merged }
}
