@testable import FKPCore
import XCTest

final class HTMLEntitiesTests: XCTestCase {
    func testCharacterReferencesAreWrittenAsTheirCharacters() {
        XCTAssertEqual(HTMLEntities.decoded("Ma&#39;ruf"), "Ma'ruf")
        XCTAssertEqual(HTMLEntities.decoded("Ma&#x2019;ruf &amp; Siti"), "Ma’ruf & Siti")
        XCTAssertEqual(HTMLEntities.decoded("Jl. &quot;Mawar&quot;&nbsp;No.&#160;3"), "Jl. \"Mawar\" No. 3")
        XCTAssertEqual(HTMLEntities.decoded("Ren&eacute;"), "René")
        XCTAssertEqual(HTMLEntities.decoded("Ma&amp;#39;ruf"), "Ma'ruf", "escaped twice, undone twice")
        XCTAssertEqual(HTMLEntities.decoded("Kp.&#13;&#10;Baru"), "Kp.  Baru", "a control character becomes a space")
    }

    func testTextWithoutReferencesIsNone() {
        for text in ["Siti & Budi", "AT&T;", "R&D", "Budi &", "& ;", "&#;", "&#xZZ;", "&#1114112;", "&unknown;", "&amp"] {
            XCTAssertNil(HTMLEntities.decoded(text), text)
        }
    }
}
