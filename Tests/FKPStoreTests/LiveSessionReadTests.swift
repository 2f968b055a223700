import FKPCore
import FKPTestSupport
import Foundation
import XCTest

@testable import FKPStore

/// The sessions of many requests are read in one query: each request gets its own session, its
/// own person with every assignment, and the stamp of the forum it asked for, as if read alone.
final class LiveSessionReadTests: XCTestCase {
    func testABatchAnswersEachSessionWithItsOwnPersonAndForumInTheOrderAsked() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, TestAccounts.world)
            // The facilitator gets a second assignment: a person's rows are one per assignment.
            try await SQLTest.write(db, ["INSERT INTO fkp.role_assignments (user_id, role, region_code) SELECT id, 'facilitator', '3201010002' FROM fkp.users WHERE username = 'fasil'"])
            let sessions = SessionRepository(database: db)
            var keys: [String: String] = [:]
            for username in ["admin", "fasil", "ketua"] {
                let id = try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = '\(username)'", as: Int64.self)
                let userID = try XCTUnwrap(id)
                keys[username] = "key-" + username
                _ = try await sessions.create(key: "key-" + username, payload: Data(#"{"userID":\#(userID)}"#.utf8), userID: userID,
                                              expiresAt: Date().addingTimeInterval(600))
            }
            _ = try await sessions.create(key: "key-expired", payload: Data("{}".utf8), userID: nil, expiresAt: Date().addingTimeInterval(-1))
            _ = try await sessions.create(key: "key-anonymous", payload: Data(#"{"csrf":"x"}"#.utf8), userID: nil,
                                          expiresAt: Date().addingTimeInterval(600))
            let stamp1 = try await ForumRepository(database: db).stampedSummary(1)?.stamp
            let stamp2 = try await ForumRepository(database: db).stampedSummary(2)?.stamp
            XCTAssertNotNil(stamp1)
            XCTAssertNotEqual(stamp1, stamp2, "two forums, two stamps")

            typealias Asked = SessionRepository.LiveSessionAsked
            let asked: [Asked] = [
                Asked(id: SessionRepository.id("key-fasil"), forumID: 2),
                Asked(id: SessionRepository.id("key-unknown"), forumID: 1),
                Asked(id: SessionRepository.id("key-admin"), forumID: nil),
                Asked(id: SessionRepository.id("key-expired"), forumID: 1),
                Asked(id: SessionRepository.id("key-ketua"), forumID: 1),
                Asked(id: SessionRepository.id("key-anonymous"), forumID: 1),
                Asked(id: SessionRepository.id("key-fasil"), forumID: 999),
            ]
            let answers = try await SessionRepository.readLiveSessions(asked, database: db)
            XCTAssertEqual(answers.count, asked.count)
            XCTAssertEqual(answers[0]?.principal?.username, "fasil")
            XCTAssertEqual(answers[0]?.principal?.assignments.map(\.region?.description), ["3201010001", "3201010002"],
                           "every assignment of the person, in their order")
            XCTAssertEqual(answers[0]?.forumStamp, stamp2)
            XCTAssertNil(answers[1], "no such session")
            XCTAssertEqual(answers[2]?.principal?.username, "admin")
            XCTAssertNil(answers[2]?.forumStamp, "no forum asked for")
            XCTAssertNil(answers[3], "an expired session is no session")
            XCTAssertEqual(answers[4]?.principal?.username, "ketua")
            XCTAssertEqual(answers[4]?.principal?.assignments.count, 1)
            XCTAssertEqual(answers[4]?.forumStamp, stamp1)
            XCTAssertNotNil(answers[5], "a session without a person")
            XCTAssertNil(answers[5]?.principal)
            XCTAssertEqual(answers[5].map { String(decoding: $0.payload, as: UTF8.self) }, #"{"csrf":"x"}"#)
            XCTAssertEqual(answers[6]?.principal?.username, "fasil")
            XCTAssertNil(answers[6]?.forumStamp, "no such forum")

            // Many requests at once, through the coalescing read: each as if read alone.
            let usernames = ["admin", "fasil", "ketua"]
            let alone = try await SessionRepository.readLiveSessions(usernames.map { Asked(id: SessionRepository.id("key-" + $0), forumID: 1) },
                                                                     database: db)
            try await withThrowingTaskGroup(of: (Int, SessionRepository.Stored?).self) { group in
                for n in 0..<300 {
                    group.addTask { (n, try await sessions.get(key: "key-" + usernames[n % 3], forumStampOf: 1)) }
                }
                for try await (n, stored) in group {
                    let expected = alone[n % 3]
                    XCTAssertEqual(stored?.principal, expected?.principal, "request \(n)")
                    XCTAssertEqual(stored?.forumStamp, expected?.forumStamp, "request \(n)")
                    XCTAssertEqual(stored?.payload, expected?.payload, "request \(n)")
                }
            }
        }
    }
}
