import FKPCore
import FKPStore

/// The closing part of the forum page: what still blocks closing, the close button once nothing
/// does, the reopen form of a closed forum (or what keeps it from reopening), and every closing
/// with its chain head.
struct ForumClosingSection {
    struct Closing {
        let version: Int
        let seq: Int64
        let blocks: String
        let closedBy: String
        let reopened: String?
    }

    let forumID: Int64
    let version: Int
    let blockers: [String]
    let hasBlockers: Bool
    let showClose: Bool
    let showReopen: Bool
    /// A reason for reopening that was refused, shown again to be mended.
    let reopenReason: String?
    let reopenBlocked: [String]
    let closings: [Closing]
    let hasClosings: Bool

    init(forum: ForumSummary, version: Int, blockers: [ClosingBlocker], closings: [ClosingRepository.Closing], mayClose: Bool,
         mayReopen: Bool, unitHolders: [ClosingRepository.UnitHolder], reopenReason: String? = nil, t: Translations) {
        forumID = forum.id
        self.version = version
        self.blockers = blockers.map { blocker in
            switch blocker {
            case .withoutVerdict(let count): "\(t["closing_without_verdict"]): \(count)"
            case .openChallenges(let count): "\(t["closing_open_challenges"]): \(count)"
            case let .unsigned(role, name): "\(t["signatory_\(role.rawValue)"])\(name.map { " \($0)" } ?? ""): \(t["closing_unsigned"])"
            case let .escalation(role, refusedBy): "\(t["signatory_\(role.rawValue)"]): \(t["closing_escalation"]) \(refusedBy)"
            case .refusedAtTop(let name): "\(t["closing_refused_at_top"]) \(name)"
            }
        }
        hasBlockers = !blockers.isEmpty
        showClose = forum.state == .readyToClose && mayClose && blockers.isEmpty
        reopenBlocked = forum.state == .closed && mayReopen ? unitHolders.map { Self.heldElsewhere($0, t) } : []
        showReopen = forum.state == .closed && mayReopen && unitHolders.isEmpty
        self.reopenReason = reopenReason
        self.closings = closings.map { closing in
            Closing(version: closing.version, seq: closing.head.seq, blocks: closing.head.blocks, closedBy: closing.closedBy,
                    reopened: closing.reopenedBy.map { "\(t["closing_reopened"]) \($0): \(closing.reopenReason ?? "")" })
        }
        hasClosings = !closings.isEmpty
    }

    private static func heldElsewhere(_ holder: ClosingRepository.UnitHolder, _ t: Translations) -> String {
        t.filling("closing_reopen_unit_held", ["unit": holder.unit, "forum": "\(holder.forumID)"])
    }
}
