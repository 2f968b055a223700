import FKPCore
@testable import FKPStore
import Mustache
import NIOCore
import XCTest

@testable import FKPWeb

/// The view-models that answer templates by name (for speed) must answer for every stored
/// property, as reflection would: a property added but not answered would silently render empty.
final class ReviewPageTemplateTests: XCTestCase {
    private func assertAnswersEveryProperty(_ value: some MustacheParent, file: StaticString = #filePath, line: UInt = #line) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let isNil = Mirror(reflecting: child.value).displayStyle == .optional && Mirror(reflecting: child.value).children.isEmpty
            XCTAssertEqual(value.child(named: label) == nil, isNil, "\(type(of: value)).\(label)", file: file, line: line)
        }
        XCTAssertNil(value.child(named: "no_such_field"))
    }

    /// A head's name stored with a no-break space or two spaces (a list pasted from elsewhere) is
    /// found by the name typed with one.
    func testANameIsFoundHoweverItsSpacesWereStored() {
        for stored in ["Siti\u{A0}Aminah", "Siti  Aminah", "Siti\tAminah", " Siti Aminah"] {
            let row = ReviewRepository.Row(familyID: "F1", unit: "32010100010001", number: 1, headName: stored, address: "B", members: 3,
                                           group: .poor, review: Review(), version: 0, updatedBy: nil, openChallenges: 0)
            XCTAssertTrue(ReviewFilter(["q": "siti aminah"]).admits(row), stored)
            XCTAssertFalse(ReviewFilter(["q": "siti aminah binti"]).admits(row), stored)
        }
        XCTAssertEqual("Siti Aminah".foldingSpaces, "Siti Aminah")
        XCTAssertEqual(" Siti \u{A0} Aminah ".foldingSpaces, "Siti Aminah")
    }

    func testEveryPropertyIsAnswered() throws {
        let forum = ForumSummary(id: 1, place: try RegionCode("3201010001"), placeName: "Desa", units: [], title: "FKP",
                                 startsAt: Date(), venue: "Balai", state: .reviewing)
        let unit = Region(code: try RegionCode("32010100010001"), name: "RT 1", isNonSLS: false)
        let row = ReviewRepository.Row(familyID: "F1", unit: unit.code.value, number: 1, headName: "A", address: "B", members: 3, group: .poor,
                                       review: Review(verdict: .fits), version: 2, updatedBy: "ketua", openChallenges: 1)
        let page = ReviewPage(forum: forum, unit: unit, rows: [row], sharedNumbers: [:], tally: ReviewTally(), added: [], filter: ReviewFilter(), editable: true,
                              invalid: nil, addition: nil, csrf: "token", language: .indonesian)
        assertAnswersEveryProperty(page)
        XCTAssertTrue(page.cards.text.contains(#"<input type="hidden" name="version" value="2">"#))
        assertAnswersEveryProperty(page.summary)
        assertAnswersEveryProperty(page.summary.lines[0])
        assertAnswersEveryProperty(SummaryTable.Count(label: "Pindah", count: 1))
        assertAnswersEveryProperty(ReviewPage.AddedRow(id: 1, version: 1, name: "A", address: "B", members: 2, presence: "C", group: "D",
                                                       reason: "E", withdrawn: "F", mayWithdraw: true, openChallenges: "G"))
        assertAnswersEveryProperty(page.filterVerdicts[0])
        assertAnswersEveryProperty(PageRenderer.Layout(t: Translations(language: .english), lang: "en", title: "x", switchLanguageURL: "/",
                                                       requestID: "r", user: "u", csrf: "c", canSeeUsers: true, canImport: false, canAudit: true, hasOwnForums: true, content: 1))
    }

    func testBuiltOptionListsEscapeWhatTheyInsert() {
        XCTAssertEqual(HTMLText.escape(#"<b>"Ani" & 'Budi'</b>"#), "&lt;b&gt;&quot;Ani&quot; &amp; &#39;Budi&#39;&lt;/b&gt;")
        XCTAssertEqual(HTMLText.escape("Tidak miskin"), "Tidak miskin")
        for (text, expected) in [("", ""), ("&", "&amp;"), ("Śląsk <ü> 'ok'", "Śląsk &lt;ü&gt; &#39;ok&#39;"), ("a\"b\"", "a&quot;b&quot;")] {
            var written = ByteBuffer(string: "x")
            HTMLText.write(escaping: text, into: &written)
            XCTAssertEqual(String(buffer: written), "x" + expected, "the card writer appends the escaped text")
        }
        XCTAssertEqual(HTMLText.options([FormOption(value: "2", label: "2 <Miskin>", selected: true)]),
                       #"<option value="2" selected>2 &lt;Miskin&gt;</option>"#)
        XCTAssertEqual(HTMLText.radios("verdict", [FormOption(value: "sesuai", label: "Sesuai")]),
                       #"<label><input type="radio" name="verdict" value="sesuai">Sesuai</label>"#)
    }

    func testBulkMarkupIsWrittenWhereItsMarkerStands() throws {
        let bulk = BulkMarkup(bytes: ByteBuffer(string: "<li>Ani</li><li>Budi — Śląsk</li>"))
        let page = "<ol>\(bulk.renderText)</ol><p>ü</p>"
        XCTAssertEqual(String(buffer: try PageRenderer.body(page, splicing: bulk)), "<ol><li>Ani</li><li>Budi — Śląsk</li></ol><p>ü</p>")
        XCTAssertEqual(String(buffer: try PageRenderer.body(bulk.renderText, splicing: bulk)), bulk.text)
        XCTAssertNotEqual(bulk.marker, BulkMarkup(bytes: ByteBuffer()).marker)
        // A template that lost its place for the markup fails loudly instead of dropping the families.
        XCTAssertThrowsError(try PageRenderer.body("<ol></ol>", splicing: bulk))
        XCTAssertThrowsError(try PageRenderer.body("", splicing: bulk))
    }
}
