import FKPCore
import PostgresNIO

extension AuditBrowser {
    /// What the ids and codes held in audit entries name today: accounts' user names by id, places'
    /// names by code. An entry keeps the id ("user 7"); a reader asks who that is.
    public struct ReferenceNames: Sendable, Equatable {
        public var users: [Int64: String] = [:]
        public var places: [String: String] = [:]

        public init(users: [Int64: String] = [:], places: [String: String] = [:]) {
            self.users = users
            self.places = places
        }
    }

    public func referenceNames(userIDs: Set<Int64>, placeCodes: Set<String>) async throws -> ReferenceNames {
        var names = ReferenceNames()
        guard !userIDs.isEmpty || !placeCodes.isEmpty else { return names }
        return try await database.read { connection in
            for try await (id, username) in try await connection.query("""
                SELECT id, username FROM fkp.users WHERE id = ANY(\(Array(userIDs)))
                """, logger: database.logger).decode((Int64, String).self) {
                names.users[id] = username
            }
            for try await (code, name) in try await connection.query("""
                SELECT code, name FROM fkp.regions WHERE code = ANY(\(Array(placeCodes)))
                """, logger: database.logger).decode((String, String).self) {
                names.places[code] = name
            }
            return names
        }
    }
}
