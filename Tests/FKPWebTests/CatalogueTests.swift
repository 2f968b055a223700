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
        let folder = TestPostgres.packageRoot + "/templates"
        let pattern = try NSRegularExpression(pattern: #"\{\{\s*t\.([a-z0-9_]+)\s*\}\}"#)
        var used: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        XCTAssertFalse(used.isEmpty)
        XCTAssertEqual(used.subtracting(Messages.indonesian.keys), [], "template keys missing from the catalogue")
    }
}
