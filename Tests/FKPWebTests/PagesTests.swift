import FKPTestSupport
import FKPWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class PagesTests: XCTestCase {
    func testTheLoginPageIsInIndonesianByDefault() async throws {
        try await WebTest.withApp { client in
            try await client.execute(uri: "/login", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(response.headers[.contentType], "text/html; charset=utf-8")
                let html = WebTest.body(response)
                XCTAssertTrue(html.contains(#"<html lang="id">"#))
                XCTAssertTrue(html.contains("Kata sandi"))
                XCTAssertTrue(html.contains(#"name="username""#) && html.contains(#"name="password""#))
                XCTAssertTrue(html.contains(#"href="/login?lang=en""#), "a switch to English on every page")
                XCTAssertFalse(html.contains("⟦"), "every string comes from the catalogue")
                XCTAssertFalse(html.contains("<script"), "no JavaScript needed")
            }
        }
    }

    func testTheLanguageSwitchShowsEnglishAndIsRemembered() async throws {
        try await WebTest.withApp { client in
            let cookie = try await client.execute(uri: "/login?lang=en", method: .get) { response in
                let html = WebTest.body(response)
                XCTAssertTrue(html.contains(#"<html lang="en">"#))
                XCTAssertTrue(html.contains("Password") && html.contains("Log in"))
                XCTAssertFalse(html.contains("⟦"))
                return try XCTUnwrap(response.headers[values: .setCookie].first { $0.hasPrefix("lang=") })
            }
            XCTAssertTrue(cookie.hasPrefix("lang=en"))
            XCTAssertTrue(cookie.contains("HttpOnly"))
            try await client.execute(uri: "/activate", method: .get, headers: [.cookie: "lang=en"]) { response in
                XCTAssertTrue(WebTest.body(response).contains("Activate your account"))
            }
        }
    }

    func testEveryResponseCarriesSecurityHeadersAndARequestID() async throws {
        try await WebTest.withApp { client in
            try await client.execute(uri: "/login", method: .get) { response in
                XCTAssertTrue(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                XCTAssertEqual(response.headers[.xContentTypeOptions], "nosniff")
                XCTAssertEqual(response.headers[HTTPField.Name("X-Frame-Options")!], "DENY")
                XCTAssertEqual(response.headers[HTTPField.Name("Referrer-Policy")!], "same-origin")
                XCTAssertFalse((response.headers[HTTPField.Name("X-Request-Id")!] ?? "").isEmpty)
            }
            try await client.execute(uri: "/healthz", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "proxy-abc-123"]) { response in
                XCTAssertEqual(response.headers[HTTPField.Name("X-Request-Id")!], "proxy-abc-123")
            }
        }
    }

    func testTheStylesheetIsServedFromPublic() async throws {
        try await WebTest.withApp { client in
            try await client.execute(uri: "/css/fkp.css", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertTrue(WebTest.body(response).contains("@media print"))
            }
        }
    }

    func testTheRegionBrowserCountsFamiliesPerGroupAtEveryLevel() async throws {
        let seed = SQLTest.places + [
            SQLTest.family("F1", group: 1, rank: 1), SQLTest.family("F2", group: 1, rank: 2), SQLTest.family("F3", group: 4, rank: 3),
            SQLTest.family("F4", sls: "32010100020001", group: 2),
        ] + SQLTest.forum() + TestAccounts.statements()
        try await WebTest.withApp(seed: seed) { client in
            var browser = TestBrowser(client)
            try await browser.login("admin", TestAccounts.password)
            let root = try await browser.get("/regions")
            XCTAssertTrue(root.text.contains(#"<a href="/regions/32">Jawa Barat</a>"#))
            XCTAssertTrue(root.text.contains(#"<td class="n">2</td><td class="n">1</td><td class="n">0</td><td class="n">1</td><td class="n total">4</td>"#), root.text)
            let district = try await browser.get("/regions/3201010")
            XCTAssertTrue(district.text.contains("Desa Satu") && district.text.contains("Desa Dua"))
            XCTAssertTrue(district.text.contains(#"<td class="n">2</td><td class="n">0</td><td class="n">0</td><td class="n">1</td><td class="n total">3</td>"#))
            XCTAssertTrue(district.text.contains(#"<a href="/regions/3201">Bogor</a>"#), "breadcrumbs up to the regency")
            XCTAssertTrue(district.text.contains(#"<span aria-current="page">Nanggung</span> </nav>"#),
                          "the trail ends with the place itself, named and not a link to the page already open")
            XCTAssertTrue(root.text.contains(#"<span aria-current="page">Indonesia</span> </nav>"#), "at the top too")
            let village = try await browser.get("/regions/3201010001")
            XCTAssertTrue(village.text.contains("RT 003"), "units without families are listed too")
        }
    }

    func testAFacilitatorStartsAtTheirVillageAndSeesAncestorsWithoutLinks() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client in
            var browser = TestBrowser(client)
            try await browser.login("fasil", TestAccounts.password)
            let start = try await browser.get("/regions")
            XCTAssertEqual(start.location, "/regions/3201010001")
            let village = try await browser.get("/regions/3201010001")
            XCTAssertTrue(village.text.contains("<span>Bogor</span>"), "the regency is named, not linked")
            XCTAssertFalse(village.text.contains(#"href="/regions/3201""#))
        }
    }

    func testAnUnknownOrMalformedRegionIsAReadableNotFoundPage() async throws {
        try await WebTest.withApp(seed: SQLTest.places + SQLTest.forum() + TestAccounts.statements()) { client in
            var browser = TestBrowser(client)
            try await browser.login("admin", TestAccounts.password)
            for uri in ["/regions/3299", "/regions/abc", "/regions/32%27%3B"] {
                let response = try await browser.get(uri)
                XCTAssertEqual(response.status, .notFound, uri)
                XCTAssertTrue(response.text.contains("Halaman tidak ditemukan"), uri)
            }
        }
    }
}
