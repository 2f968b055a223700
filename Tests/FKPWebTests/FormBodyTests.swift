@testable import FKPWeb
import XCTest

final class FormBodyTests: XCTestCase {
    func testInvisibleCharactersLeaveEveryValueButPasswords() {
        let body = HTTPTestText.formBody([("head_name", "Bu\u{200B}di\tSantoso"), ("moved_to", "\u{202E}Bekasi"),
                                          ("reason", "Pindah\r\nke kota\u{1B}[31m"), ("new_password", "rahasia\u{200B}panjang sekali"),
                                          ("notes", "Baris satu\u{2028}baris dua\u{2029}paragraf\r\nlagi"),
                                          ("venue", "Balai\u{2028}Desa")])
        let cleaned = FormBody.removingInvisibleCharacters(body)
        let fields = FormQuery.fields(Substring(cleaned))
        XCTAssertEqual(fields["head_name"], "Budi Santoso", "a zero-width space dropped, a tab made a space")
        XCTAssertEqual(fields["moved_to"], "Bekasi", "a direction mark dropped")
        XCTAssertEqual(fields["reason"], "Pindah ke kota[31m", "a text field is one line, a terminal escape dropped")
        XCTAssertEqual(fields["notes"], "Baris satu\nbaris dua\nparagraf\r\nlagi",
                       "a multi-line box keeps its line breaks; Unicode's line and paragraph separators become line breaks")
        XCTAssertEqual(fields["venue"], "Balai Desa", "a line separator pasted into a text field becomes a space")
        XCTAssertEqual(fields["new_password"], "rahasia\u{200B}panjang sekali", "a password is kept exactly as typed")
    }

    func testTheMultiLineFieldsAreTheTemplatesMultiLineBoxes() throws {
        var boxes: Set<String> = []
        for text in try TemplateTexts.all() {
            for match in text.matches(of: /<textarea[^>]*name="([^"]+)"/) { boxes.insert(String(match.1)) }
        }
        XCTAssertEqual(boxes, FormBody.multiLineFields, "a new <textarea> keeps its line breaks only when named here")
    }

    func testAFormIsReadAsABrowserEncodesIt() {
        let fields = FormQuery.fields("q=Siti+Aminah&plus=%2B62&empty=&flag&q=second&broken=%E2%8&na%6De=x")
        XCTAssertEqual(fields["q"], "Siti Aminah", "a space comes as '+'; the first of a repeated name counts")
        XCTAssertEqual(fields["plus"], "+62", "a '+' typed by the person comes percent-encoded")
        XCTAssertEqual(fields["empty"], "")
        XCTAssertEqual(fields["flag"], "")
        XCTAssertEqual(fields["broken"], "%E2%8", "a broken encoding is taken as it stands")
        XCTAssertEqual(fields["name"], "x")
    }

    func testABodyWithNothingToDropIsLeftAsItCame() {
        for body in ["verdict=sesuai&version=3", "reason=Rumah+sudah+permanen%2C+punya+motor&csrf_token=abc", "q=Ma%27ruf&x=%E2%80%94", "broken=%E2%8"] {
            XCTAssertEqual(FormBody.removingInvisibleCharacters(body), body)
        }
    }
}
