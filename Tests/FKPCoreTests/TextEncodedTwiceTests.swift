import FKPCore
import Foundation
import XCTest

final class TextEncodedTwiceTests: XCTestCase {
    /// What a spreadsheet does: the UTF-8 bytes read as Windows-1252, written out again as UTF-8.
    private func garbled(_ text: String) throws -> String {
        try XCTUnwrap(String(data: Data(text.utf8), encoding: .windowsCP1252))
    }

    func testGarbledTextGivesTheTextAsMeant() throws {
        for meant in ["Ma’ruf", "Nur’aini", "Dédé Sutisna", "Jl. “Mawar No. 5 – Cibeber", "Siti Ñurul", "Kp. Café"] {
            let text = try garbled(meant)
            XCTAssertNotEqual(text, meant)
            XCTAssertEqual(TextEncodedTwice.meant(text), meant, text)
        }
        XCTAssertEqual(TextEncodedTwice.meant("Maâ€™ruf"), "Ma’ruf", "as written by hand")
        XCTAssertEqual(TextEncodedTwice.meant(try garbled("Tan 陈 Hok")), "Tan 陈 Hok")
        XCTAssertEqual(TextEncodedTwice.meant("SitiÂ\u{A0}Aminah"), "Siti\u{A0}Aminah", "a no-break space")
        // ” is E2 80 9D, and 0x9D has no character in Windows-1252: Windows reads it as U+009D.
        XCTAssertEqual(TextEncodedTwice.meant("Jl. â€œMawarâ€\u{9D}"), "Jl. “Mawar”")
    }

    func testRealNamesAreNotGarbled() {
        for text in ["Siti Aminah", "Ma'ruf", "Ma’ruf", "Dédé Sutisna", "Nur ‘Aini", "Kp. Café", "Jl. “Mawar” No. 5 – Cibeber",
                     "Ã", "Ã x", "Â", "Ñoño", "Ŝ", "Ṭ", "Desa Sukamaju Ω", "日本", "Üñîçødé", "JOSÉ’S", "ÑÂ", "CIBÉ”", ""] {
            XCTAssertNil(TextEncodedTwice.meant(text), text)
        }
    }
}
