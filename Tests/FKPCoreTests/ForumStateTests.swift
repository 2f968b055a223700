import FKPCore
import XCTest

final class ForumStateTests: XCTestCase {
    /// Written out by hand from issue #5 and ../shared/domain.md, not derived from the code.
    static let allowedMoves: [ForumState: [ForumState: AccessAction]] = [
        // A forum planned by mistake, or to be held as one with another, is called off by BPS staff.
        .planned: [.open: .runForum, .cancelled: .planForum],
        .open: [.reviewing: .runForum],
        .reviewing: [.readyToClose: .runForum],
        .readyToClose: [.reviewing: .runForum, .closed: .closeForum],
        .closed: [.reopened: .reopenForum],
        .reopened: [.reviewing: .runForum],
    ]

    func testEveryMoveBetweenTwoStatesIsAllowedOrRefusedAsTheRulesSay() {
        for from in ForumState.allCases {
            for to in ForumState.allCases {
                let expected = Self.allowedMoves[from]?[to]
                XCTAssertEqual(from.canMove(to: to), expected != nil, "\(from) → \(to)")
                XCTAssertEqual(from.action(toMoveTo: to), expected, "who may move \(from) → \(to)")
            }
        }
    }

    func testEachKindOfWorkIsTakenOnlyInItsStates() {
        let expected: [ForumState.Work: Set<ForumState>] = [
            .planning: [.planned],
            .attendance: [.open, .reviewing],
            .review: [.reviewing],
            .minutes: [.readyToClose],
        ]
        for work in ForumState.Work.allCases {
            for state in ForumState.allCases {
                XCTAssertEqual(state.allows(work), expected[work]!.contains(state), "\(work) in a \(state) forum")
            }
        }
        XCTAssertFalse(ForumState.Work.allCases.contains { ForumState.closed.allows($0) }, "a closed forum takes nothing")
        XCTAssertFalse(ForumState.Work.allCases.contains { ForumState.cancelled.allows($0) }, "nor does a cancelled one")
    }
}
