import FKPCore
import FKPStore
import HummingbirdBcrypt

/// Accounts for tests, one per role, scoped to the places of `SQLTest.places`, with cheap hashes.
public enum TestAccounts {
    public static let password = "uji-coba-sandi-2026"

    /// Forum 1 (village 3201010001, unit 32010100010001) must exist for the community figure.
    public static let people: [(username: String, role: String, region: String?, forum: Int64?)] = [
        ("admin", "admin", nil, nil),
        ("bps", "bps_staff", "3201", nil),
        ("bps.other", "bps_staff", "3202", nil),
        ("fasil", "facilitator", "3201010001", nil),
        ("ketua", "sls_head", "32010100010001", nil),
        ("tokoh", "community_figure", "3201010001", 1),
        ("auditor", "auditor", "3201", nil),
    ]

    /// SQL creating the other regency (3202) and every test person, with a bcrypt hash of cost 4.
    public static func statements(mustChangePassword: Bool = false) -> [String] {
        let hash = Bcrypt.hash(password, cost: 4)
        return ["INSERT INTO fkp.regions (code, name, level) VALUES ('3202', 'Sukabumi', 'regency')"]
            + people.flatMap { person -> [String] in
                [
                    "INSERT INTO fkp.users (username, display_name, password_hash, must_change_password) VALUES ('\(person.username)', 'Uji \(person.username)', '\(hash)', \(mustChangePassword))",
                    "INSERT INTO fkp.role_assignments (user_id, role, region_code, forum_id) SELECT id, '\(person.role)', \(person.region.map { "'\($0)'" } ?? "NULL"), \(person.forum.map(String.init) ?? "NULL") FROM fkp.users WHERE username = '\(person.username)'",
                ]
            }
    }

    /// Forum 1 on two units of village 1, reviewing: F1 and F2 in 32010100010001 (numbers 1 and 2),
    /// F3 in 32010100010002; every test person.
    public static var twoUnitForum: [String] {
        SQLTest.places + [SQLTest.family("F1", group: 1), SQLTest.family("F2", group: 3, rank: 2),
                          SQLTest.family("F3", sls: "32010100010002")]
            + SQLTest.forum(units: ["32010100010001", "32010100010002"]) + statements() + SQLTest.advance(to: .reviewing)
    }

    /// Places, forum 1 on unit 32010100010001 (two families in it), forum 2 on 32010100020001 in
    /// the other village, and every test person.
    public static var world: [String] {
        SQLTest.places + [SQLTest.family("F1", group: 1), SQLTest.family("F2", group: 3, rank: 2)] + SQLTest.forum()
            + SQLTest.forum(units: ["32010100020001"], region: "3201010002") + statements()
    }
}
