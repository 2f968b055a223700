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
                return try XCTUnwrap(response.headers[.setCookie])
            }
            XCTAssertTrue(cookie.hasPrefix("lang=en"))
            XCTAssertTrue(cookie.contains("HttpOnly"))
            try await client.execute(uri: "/regions", method: .get, headers: [.cookie: "lang=en"]) { response in
                XCTAssertTrue(WebTest.body(response).contains("Regions"))
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
        ]
        try await WebTest.withApp(seed: seed) { client in
            try await client.execute(uri: "/regions", method: .get) { response in
                let html = WebTest.body(response)
                XCTAssertTrue(html.contains(#"<a href="/regions/32">Jawa Barat</a>"#))
                XCTAssertTrue(html.contains(#"<td class="n">2</td><td class="n">1</td><td class="n">0</td><td class="n">1</td><td class="n total">4</td>"#), html)
            }
            try await client.execute(uri: "/regions/3201010", method: .get) { response in
                let html = WebTest.body(response)
                XCTAssertTrue(html.contains("Desa Satu") && html.contains("Desa Dua"))
                XCTAssertTrue(html.contains(#"<td class="n">2</td><td class="n">0</td><td class="n">0</td><td class="n">1</td><td class="n total">3</td>"#))
                XCTAssertTrue(html.contains(#"<a href="/regions/3201">Bogor</a>"#), "breadcrumbs up to the regency")
            }
            try await client.execute(uri: "/regions/3201010001", method: .get) { response in
                XCTAssertTrue(WebTest.body(response).contains("RT 003"), "units without families are listed too")
            }
        }
    }

    func testAnUnknownOrMalformedRegionIsAReadableNotFoundPage() async throws {
        try await WebTest.withApp(seed: SQLTest.places) { client in
            for uri in ["/regions/3299", "/regions/abc", "/regions/32%27%3B"] {
                try await client.execute(uri: uri, method: .get) { response in
                    XCTAssertEqual(response.status, .notFound, uri)
                    XCTAssertTrue(WebTest.body(response).contains("Halaman tidak ditemukan"), uri)
                }
            }
        }
    }
}
