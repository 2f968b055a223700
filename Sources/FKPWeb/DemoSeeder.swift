import FKPCore
import FKPStore
import Foundation
import Logging
import PostgresNIO

/// Loads the demo regency (generated from a fixed seed), plans one forum, and creates one account
/// per role (and a second village's facilitator, who may run the forums planned there), all through
/// the audited write path. Running it twice changes nothing.
public struct DemoSeeder: Sendable {
    public struct Account: Sendable {
        public let username: String
        public let password: String
        public let role: Role
        public let place: String

        /// The accounts as the demo prints them: one line each, the columns as wide as their longest
        /// entry, so that every name and password reads whole (a newcomer copies them from here).
        public static func table(_ accounts: [Account]) -> [String] {
            let nameWidth = accounts.map(\.username.count).max() ?? 0
            let passwordWidth = accounts.map(\.password.count).max() ?? 0
            return accounts.map { account in
                let name = account.username.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                let password = account.password.padding(toLength: passwordWidth, withPad: " ", startingAt: 0)
                return "\(name)  password \(password)  \(account.role.rawValue), \(account.place)"
            }
        }
    }

    public static let regency = try! RegionCode("3201")
    public static let seed: UInt64 = 2023

    let database: Database
    let hasher: PasswordHasher

    public init(database: Database, hasher: PasswordHasher = PasswordHasher()) {
        self.database = database
        self.hasher = hasher
    }

    /// The accounts the demo prints. Passwords are public by design: this is a local demo.
    public static func accounts(village: String, secondVillage: String, unit: String, forumID: Int64) -> [(Account, Int64?)] {
        [
            (Account(username: "admin", password: "demo-admin-2026", role: .admin, place: "Indonesia"), nil),
            (Account(username: "bps", password: "demo-bps-2026", role: .bpsStaff, place: regency.value), nil),
            (Account(username: "fasilitator", password: "demo-fasilitator-2026", role: .facilitator, place: village), nil),
            (Account(username: "fasilitator.dua", password: "demo-fasilitator-dua-2026", role: .facilitator, place: secondVillage), nil),
            (Account(username: "ketua.rt", password: "demo-ketua-2026", role: .slsHead, place: unit), nil),
            (Account(username: "tokoh", password: "demo-tokoh-2026", role: .communityFigure, place: village), forumID),
            (Account(username: "auditor", password: "demo-auditor-2026", role: .auditor, place: regency.value), nil),
        ]
    }

    @discardableResult
    public func seed(logger: Logger) async throws -> [Account] {
        let regions = RegionRepository(database: database)
        let generated = SyntheticRegency(.init(regency: Self.regency, villages: 4, families: 2000, unitsPerVillage: 5, seed: Self.seed))
        let villages = generated.regions.filter { $0.level == .village }.map(\.code)
        let village = villages[0]
        let units = generated.regions.filter { $0.level == .sls && village.contains($0.code) }.map(\.code)

        if try await regions.region(Self.regency) == nil {
            logger.notice("loading the demo regency", metadata: ["families": "\(generated.families.count)"])
            try await ListImporter(database: database).load(
                generated, fileNamePrefix: "demo-\(Self.regency.value)",
                context: .system("demo", action: "import", reason: "demo data"))
        }
        let forumID = try await demoForum(village: village, units: units)
        let users = UserRepository(database: database)
        var accounts: [Account] = []
        for (account, forum) in Self.accounts(village: village.value, secondVillage: villages[1].value, unit: units[0].value,
                                              forumID: forumID) {
            accounts.append(account)
            if try await users.exists(username: account.username) { continue }
            try await users.create(
                .init(username: account.username, displayName: "Demo \(account.username)",
                      passwordHash: try await hasher.hash(account.password), mustChangePassword: false,
                      role: account.role, regionCode: account.role == .admin ? nil : account.place, forumID: forum),
                context: .system("demo", action: "user.create", reason: "demo account", regionCode: Self.regency.value))
        }
        try await staffDemoForum(forumID, unit: units[0])
        return accounts
    }

    /// The demo facilitator runs the demo forum; the demo SLS head and community figure take part.
    private func staffDemoForum(_ forumID: Int64, unit: RegionCode) async throws {
        let forums = ForumRepository(database: database)
        guard try await forums.team(forumID).isEmpty, try await forums.summary(forumID)?.state == .planned else { return }
        let accounts = AccountRepository(database: database)
        let invitations = InvitationRepository(database: database)
        let context = WriteContext.system("demo", action: "forum.plan", reason: "demo forum", regionCode: Self.regency.value)
        if let facilitator = try await accounts.account(username: "fasilitator") {
            try await forums.addTeamMember(forumID, userID: facilitator.id, role: .facilitator, context: context)
        }
        if let head = try await accounts.account(username: "ketua.rt") {
            try await invitations.addParticipant(.init(kind: .slsHead, fullName: head.displayName, unit: unit), userID: head.id,
                                                 forumID: forumID, context: context)
        }
        if let figure = try await accounts.account(username: "tokoh") {
            try await invitations.addParticipant(.init(kind: .communityFigure, fullName: figure.displayName, unit: nil), userID: figure.id,
                                                 forumID: forumID, context: context)
        }
    }

    private func demoForum(village: RegionCode, units: [RegionCode]) async throws -> Int64 {
        let existing: Int64? = try await database.read { connection in
            let rows = try await connection.query(
                "SELECT id FROM fkp.forums WHERE region_code = \(village.value) ORDER BY id LIMIT 1", logger: database.logger)
            for try await id in rows.decode(Int64.self) { return id }
            return nil
        }
        if let existing { return existing }
        // Tomorrow at 09:00 at the village (not on the machine's clock): a forum still to come, whose
        // opening today asks to be confirmed, whatever the hour the demo starts.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: IndonesianTime.zone(for: village).identifier) ?? calendar.timeZone
        let start = calendar.startOfDay(for: Date()).addingTimeInterval(33 * 3600)
        return try await ForumRepository(database: database).plan(
            ForumPlan(place: village, units: units, title: "FKP \(village.value)", startsAt: start,
                      endsAt: start.addingTimeInterval(3 * 3600), venue: "Balai Desa"),
            context: .system("demo", action: "forum.plan", reason: "demo forum", regionCode: village.value))
    }
}
