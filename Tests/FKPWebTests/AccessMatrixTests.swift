import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// Every route × every role × inside and outside the role's place. The expected answers are
/// written out here by hand, not derived from the policy, so the two check each other.
final class AccessMatrixTests: XCTestCase {
    struct Route {
        let name: String
        let method: HTTPRequest.Method
        let inside: String
        let outside: String
        let form: [String: String]
    }

    /// Places: "inside" lies in regency 3201, village 3201010001 and unit 32010100010001 (the
    /// places of most test people); "outside" in regency 3202 or village 3201010002.
    static let routes: [Route] = [
        Route(name: "region", method: .get, inside: "/regions/32010100010001", outside: "/regions/32010100020001", form: [:]),
        Route(name: "users", method: .get, inside: "/users", outside: "/users", form: [:]),
        Route(name: "new user", method: .get, inside: "/users/new", outside: "/users/new", form: [:]),
        Route(name: "create", method: .post, inside: "/users", outside: "/users", form: [:]),
        Route(name: "create, unreadable", method: .post, inside: "/users", outside: "/users",
              form: ["username": "", "display_name": "", "role": ""]),
        Route(name: "disable", method: .post, inside: "/users/{ketua}/disable", outside: "/users/{bps.other}/disable", form: [:]),
        Route(name: "reset", method: .post, inside: "/users/{ketua}/reset-password", outside: "/users/{bps.other}/reset-password", form: [:]),
        Route(name: "invitations", method: .get, inside: "/forums/1/invitations", outside: "/forums/2/invitations", form: [:]),
        Route(name: "invite", method: .post, inside: "/forums/1/invitations", outside: "/forums/2/invitations",
              form: ["kind": "community_figure", "full_name": "Tokoh Baru"]),
        Route(name: "forum", method: .get, inside: "/forums/1", outside: "/forums/2", form: [:]),
        Route(name: "review", method: .get, inside: "/forums/1/units/32010100010001", outside: "/forums/2/units/32010100020001", form: [:]),
        Route(name: "attendance", method: .get, inside: "/forums/1/attendance", outside: "/forums/2/attendance", form: [:]),
        Route(name: "challenges", method: .get, inside: "/forums/1/challenges", outside: "/forums/2/challenges", form: [:]),
        Route(name: "minutes", method: .get, inside: "/forums/1/minutes", outside: "/forums/2/minutes", form: [:]),
        Route(name: "audit", method: .get, inside: "/audit?forum=1", outside: "/audit?forum=2", form: [:]),
        Route(name: "overview", method: .get, inside: "/regions/3201/overview", outside: "/regions/3202/overview", form: [:]),
        Route(name: "data corrections", method: .get, inside: "/regions/3201/data-corrections.csv",
              outside: "/regions/3202/data-corrections.csv", form: [:]),
        Route(name: "families file", method: .get, inside: "/regions/3201/families.csv", outside: "/regions/3202/families.csv", form: [:]),
        Route(name: "rerank", method: .get, inside: "/regions/3201/rerank", outside: "/regions/3202/rerank", form: [:]),
        Route(name: "forum list", method: .get, inside: "/regions/3201010001/forums", outside: "/regions/3201010002/forums", form: [:]),
        Route(name: "imports", method: .get, inside: "/imports", outside: "/imports", form: [:]),
        Route(name: "import format", method: .get, inside: "/imports/format", outside: "/imports/format", form: [:]),
        Route(name: "import template", method: .get, inside: "/imports/format/families.csv", outside: "/imports/format/families.csv", form: [:]),
        Route(name: "upload", method: .post, inside: "/imports/regions", outside: "/imports/regions", form: [:]),
        // Inside, forum 2 of regency 3201 is not closed: the run is refused with a conflict.
        Route(name: "run rerank", method: .post, inside: "/regions/3201/rerank", outside: "/regions/3202/rerank", form: [:]),
    ]

    /// The regions file uploaded inside (regency 3201) and outside (regency 3202) a person's place.
    static let uploads = (inside: "code,name,level\n3201010003,Desa Tiga,village\n", outside: "code,name,level\n3202010,Cisolok,district\n")

    /// Expected status per route name, role, inside (first) and outside (second).
    /// 200/303 allowed; 404 a read outside scope; 403 a refused write; 303→login for nobody.
    static let expected: [String: [String: (Int, Int)]] = [
        "region": ["admin": (200, 200), "bps": (200, 200), "fasil": (200, 404), "ketua": (200, 404), "tokoh": (404, 404),
                   "auditor": (200, 200), "bps.other": (404, 404), "": (303, 303)],
        "users": ["admin": (200, 200), "bps": (200, 200), "fasil": (404, 404), "ketua": (404, 404), "tokoh": (404, 404),
                  "auditor": (200, 200), "bps.other": (200, 200), "": (303, 303)],
        "new user": ["admin": (200, 200), "bps": (200, 200), "fasil": (404, 404), "ketua": (404, 404), "tokoh": (404, 404),
                     "auditor": (404, 404), "bps.other": (200, 200), "": (303, 303)],
        "create": ["admin": (200, 200), "bps": (200, 403), "fasil": (403, 403), "ketua": (403, 403), "tokoh": (403, 403),
                   "auditor": (403, 403), "bps.other": (403, 200), "": (303, 303)],
        // A form that cannot be read is named to those who may create accounts, refused to the rest.
        "create, unreadable": ["admin": (422, 422), "bps": (422, 422), "fasil": (403, 403), "ketua": (403, 403), "tokoh": (403, 403),
                               "auditor": (403, 403), "bps.other": (422, 422), "": (303, 303)],
        "disable": ["admin": (303, 303), "bps": (303, 403), "fasil": (403, 403), "ketua": (403, 403), "tokoh": (403, 403),
                    "auditor": (403, 403), "bps.other": (403, 403), "": (303, 303)],
        "reset": ["admin": (200, 200), "bps": (200, 403), "fasil": (403, 403), "ketua": (403, 403), "tokoh": (403, 403),
                  "auditor": (403, 403), "bps.other": (403, 403), "": (303, 303)],
        "invitations": ["admin": (200, 200), "bps": (200, 200), "fasil": (200, 404), "ketua": (403, 404), "tokoh": (403, 404),
                        "auditor": (403, 403), "bps.other": (404, 404), "": (303, 303)],
        "invite": ["admin": (200, 200), "bps": (200, 200), "fasil": (200, 403), "ketua": (403, 403), "tokoh": (403, 403),
                   "auditor": (403, 403), "bps.other": (403, 403), "": (303, 303)],
        "forum": ["admin": (200, 200), "bps": (200, 200), "fasil": (200, 404), "ketua": (200, 404), "tokoh": (200, 404),
                  "auditor": (200, 200), "bps.other": (404, 404), "": (303, 303)],
        "review": ["admin": (200, 200), "bps": (200, 200), "fasil": (200, 404), "ketua": (200, 404), "tokoh": (200, 404),
                  "auditor": (200, 200), "bps.other": (404, 404), "": (303, 303)],
        "attendance": ["admin": (200, 200), "bps": (200, 200), "fasil": (200, 404), "ketua": (200, 404), "tokoh": (200, 404),
                  "auditor": (200, 200), "bps.other": (404, 404), "": (303, 303)],
        "challenges": ["admin": (200, 200), "bps": (200, 200), "fasil": (200, 404), "ketua": (200, 404), "tokoh": (200, 404),
                  "auditor": (200, 200), "bps.other": (404, 404), "": (303, 303)],
        "minutes": ["admin": (200, 200), "bps": (200, 200), "fasil": (200, 404), "ketua": (200, 404), "tokoh": (200, 404),
                    "auditor": (200, 200), "bps.other": (404, 404), "": (303, 303)],
        "audit": ["admin": (200, 200), "bps": (200, 200), "fasil": (403, 404), "ketua": (403, 404), "tokoh": (403, 404),
                  "auditor": (200, 200), "bps.other": (404, 404), "": (303, 303)],
        "overview": ["admin": (200, 200), "bps": (200, 404), "fasil": (404, 404), "ketua": (404, 404), "tokoh": (404, 404),
                     "auditor": (200, 404), "bps.other": (404, 200), "": (303, 303)],
        "families file": ["admin": (200, 200), "bps": (200, 404), "fasil": (404, 404), "ketua": (404, 404), "tokoh": (404, 404),
                          "auditor": (200, 404), "bps.other": (404, 200), "": (303, 303)],
        "data corrections": ["admin": (200, 200), "bps": (200, 404), "fasil": (404, 404), "ketua": (404, 404), "tokoh": (404, 404),
                             "auditor": (200, 404), "bps.other": (404, 200), "": (303, 303)],
        "rerank": ["admin": (200, 200), "bps": (200, 404), "fasil": (404, 404), "ketua": (404, 404), "tokoh": (404, 404),
                   "auditor": (200, 404), "bps.other": (404, 200), "": (303, 303)],
        "run rerank": ["admin": (409, 303), "bps": (409, 403), "fasil": (403, 403), "ketua": (403, 403), "tokoh": (403, 403),
                       "auditor": (403, 403), "bps.other": (403, 303), "": (303, 303)],
        "forum list": ["admin": (200, 200), "bps": (200, 200), "fasil": (200, 404), "ketua": (404, 404), "tokoh": (404, 404),
                       "auditor": (200, 200), "bps.other": (404, 404), "": (303, 303)],
        "imports": ["admin": (200, 200), "bps": (200, 200), "fasil": (404, 404), "ketua": (404, 404), "tokoh": (404, 404),
                    "auditor": (404, 404), "bps.other": (200, 200), "": (303, 303)],
        "import format": ["admin": (200, 200), "bps": (200, 200), "fasil": (404, 404), "ketua": (404, 404), "tokoh": (404, 404),
                          "auditor": (404, 404), "bps.other": (200, 200), "": (303, 303)],
        "import template": ["admin": (200, 200), "bps": (200, 200), "fasil": (404, 404), "ketua": (404, 404), "tokoh": (404, 404),
                            "auditor": (404, 404), "bps.other": (200, 200), "": (303, 303)],
        // A load that changes something answers 303 to its batch's page; one refused, 422.
        "upload": ["admin": (303, 303), "bps": (303, 422), "fasil": (403, 403), "ketua": (403, 403), "tokoh": (403, 403),
                   "auditor": (403, 403), "bps.other": (422, 303), "": (303, 303)],
    ]

    /// One database and one login per role and side; the routes run in order, reads before writes,
    /// and no write changes another route's expected answer.
    func testEveryRouteForEveryRoleInsideAndOutsideItsPlace() async throws {
        let roles = TestAccounts.people.map(\.username) + [""]
        for role in roles {
            for inside in [true, false] {
                try await check(role: role, inside: inside)
            }
        }
    }

    private func check(role: String, inside: Bool) async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var browser = TestBrowser(client)
            if role.isEmpty { try await browser.get("/login") } else { try await browser.login(role, TestAccounts.password) }
            for route in Self.routes {
                var uri = inside ? route.inside : route.outside
                for person in TestAccounts.people where uri.contains("{\(person.username)}") {
                    let id = try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = '\(person.username)'", as: Int64.self)
                    uri = uri.replacingOccurrences(of: "{\(person.username)}", with: String(id ?? 0))
                }
                var form = route.form
                if route.name == "create" {
                    form = ["username": "baru.\(inside ? "in" : "out")", "display_name": "Orang Baru",
                            "role": inside ? "facilitator" : "auditor", "region_code": inside ? "3201010001" : "3202"]
                }
                let response: TestResponse
                if route.name == "upload" {
                    response = try await browser.upload(uri, fileName: "wilayah.csv", content: inside ? Self.uploads.inside : Self.uploads.outside)
                } else if route.method == .get {
                    response = try await browser.get(uri)
                } else {
                    response = try await browser.post(uri, form)
                }
                let expected = Self.expected[route.name]![role]!
                XCTAssertEqual(Int(response.status.code), inside ? expected.0 : expected.1,
                               "\(route.name) as '\(role.isEmpty ? "nobody" : role)' \(inside ? "inside" : "outside"): \(response.location ?? "")")
            }
        }
    }
}
