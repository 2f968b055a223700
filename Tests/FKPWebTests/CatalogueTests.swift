import FKPCore
import FKPStore
@testable import FKPWeb
import FKPTestSupport
import Foundation
import XCTest

final class CatalogueTests: XCTestCase {
    func testBothLanguagesHaveTheSameKeysAndNoEmptyText() {
        let missingInEnglish = Set(Messages.indonesian.keys).subtracting(Messages.english.keys)
        let missingInIndonesian = Set(Messages.english.keys).subtracting(Messages.indonesian.keys)
        XCTAssertEqual(missingInEnglish, [], "keys missing in English")
        XCTAssertEqual(missingInIndonesian, [], "keys missing in Bahasa Indonesia")
        for (key, text) in Messages.indonesian.merging(Messages.english, uniquingKeysWith: { a, _ in a }) {
            XCTAssertFalse(text.trimmingCharacters(in: .whitespaces).isEmpty, key)
        }
    }

    func testEveryKeyATemplateUsesIsInTheCatalogue() throws {
        let pattern = try NSRegularExpression(pattern: #"\{\{\s*t\.([a-z0-9_]+)\s*\}\}"#)
        var used: Set<String> = []
        for text in try TemplateTexts.all() {
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        XCTAssertFalse(used.isEmpty)
        XCTAssertEqual(used.subtracting(Messages.indonesian.keys), [], "template keys missing from the catalogue")
    }

    /// Keys built from a code (`forum_move_\(from)_\(to)`, `verdict_\(verdict)`) escape the template
    /// check above: each family of them is listed here with every code it can be built from.
    func testEveryKeyBuiltFromACodeIsInTheCatalogue() {
        func keys<T: RawRepresentable>(_ prefix: String, _ codes: [T]) -> [String] { codes.map { "\(prefix)\($0.rawValue)" } }
        var built: [String] = ForumState.allCases.flatMap { from in
            from.moves.keys.filter(ForumController.offered.contains).map { "forum_move_\(from.rawValue)_\($0.rawValue)" }
        }
        built += keys("forum_state_", ForumState.allCases) + keys("verdict_", Verdict.allCases) + keys("presence_", Presence.allCases)
        built += keys("group_", WelfareGroup.allCases) + keys("role_", Role.allCases) + keys("level_", RegionLevel.allCases)
        built += keys("signatory_", Signatory.Role.allCases) + keys("team_role_", ForumTeamRole.allCases)
        let stamped = Signatory.Role.allCases.filter(\.takesStamp)
        built += keys("minutes_stamp_", stamped) + keys("minutes_with_stamp_", stamped)
        built += keys("challenge_kind_", Challenge.Kind.allCases) + keys("challenge_status_", Challenge.Status.allCases)
        built += keys("challenge_method_", Challenge.Method.allCases) + keys("challenge_error_", Challenge.Problem.allCases)
        built += keys("decision_error_", Challenge.Decision.Problem.allCases) + keys("review_error_", Review.Problem.allCases)
        built += keys("plan_error_", ForumPlan.Problem.allCases) + keys("added_error_", AddedFamily.Problem.allCases)
        built += keys("final_change_", Reranking.Change.allCases) + keys("final_flag_", Reranking.Flag.allCases)
        built += FamilyPage.reviewFields.map { "history_field_\($0)" } + keys("audit_error_", AuditController.FilterProblem.allCases)
        built += keys("imports_kind_", ListKind.allCases) + keys("imports_summary_", ListKind.allCases)
        XCTAssertGreaterThan(built.count, 80)
        for language in Language.allCases {
            XCTAssertEqual(built.filter { Messages.catalogue(language)[$0] == nil }, [], "\(language)")
        }
    }

    func testASentenceIsFilledInOnePassAndKeepsWhatAValueHolds() {
        let t = Translations(language: .english)
        XCTAssertEqual(t.filling("plan_error_double_booked", ["name": "Ani {forum}", "forum": "7"]),
                       "Ani {forum} is already in forum #7 at an overlapping time.")
        XCTAssertEqual(t.filling("login_throttled", [:]), "Too many failed attempts. Try again in {seconds} seconds.",
                       "a placeholder without a value stays visible rather than vanishing")
    }

    func testACountIsWrittenAsEachLanguageWritesNumbers() {
        let indonesian = Translations(language: .indonesian), english = Translations(language: .english)
        XCTAssertEqual([0, 999, 1000, 85_000_000, -1234].map(indonesian.number), ["0", "999", "1.000", "85.000.000", "-1.234"])
        XCTAssertEqual([0, 999, 1000, 85_000_000, -1234].map(english.number), ["0", "999", "1,000", "85,000,000", "-1,234"])
    }
}
