/// Where a forum is in its life, and what each state lets happen. The database holds the same
/// rules (migrations 0011 and 0023); a test runs every pair of states against both.
public enum ForumState: String, CaseIterable, Sendable, Codable {
    case planned
    case open
    case reviewing
    case readyToClose = "ready_to_close"
    case closed
    case reopened
    /// Planned, then called off (with a reason): it takes no work, and holds no unit or team.
    case cancelled

    /// The moves out of this state, each with the action that makes it.
    public var moves: [ForumState: AccessAction] {
        switch self {
        case .planned: [.open: .runForum, .cancelled: .planForum]
        // Attendance is taken while open; the review starts when the facilitator says so.
        case .open: [.reviewing: .runForum]
        case .reviewing: [.readyToClose: .runForum]
        // The team can go back to fix a row before BPS staff close the forum.
        case .readyToClose: [.reviewing: .runForum, .closed: .closeForum]
        case .closed: [.reopened: .reopenForum]
        case .reopened: [.reviewing: .runForum]
        case .cancelled: [:]
        }
    }

    public func canMove(to next: ForumState) -> Bool { moves[next] != nil }

    /// Whether the forum's families are fixed: from its opening on, no import changes them (the
    /// database refuses it: `families_frozen_by_forum`); a cancelled forum lets them go again.
    public var fixesItsFamilies: Bool { self != .planned && self != .cancelled }

    /// The action a person needs to move the forum from this state to `next`; nil when no one may.
    public func action(toMoveTo next: ForumState) -> AccessAction? { moves[next] }

    /// Kinds of writes a forum takes, each allowed in some states only.
    public enum Work: String, CaseIterable, Sendable {
        /// Units, team, schedule, venue, invitations.
        case planning
        /// Who came, and who stands in for an SLS head.
        case attendance
        /// Verdicts, presence, challenges and their decisions, added families.
        case review
        /// The minutes and their signatures.
        case minutes
    }

    public func allows(_ work: Work) -> Bool {
        switch work {
        case .planning: self == .planned
        case .attendance: self == .open || self == .reviewing
        case .review: self == .reviewing
        case .minutes: self == .readyToClose
        }
    }
}
