import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Foundation
import Logging
import PostgresNIO

extension BenchmarkCommand {
    /// The audit pages an auditor of a place would open, timed on the database as it stands (it
    /// writes nothing): docs/benchmarks.md, "The audit pages at national scale", says how that
    /// database is made to look like a season.
    struct AuditPages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit-pages",
            abstract: "Time the audit pages of a place's auditor on the database as it stands; writes nothing.")

        @Option(help: "The auditor's place (a regency's code, say).") var place = "3296"
        @Option(help: "Times each page is read; the median is printed.") var runs = 5

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be 1 or more") }
        }

        func run() async throws {
            try await CommandSupport.reportingFailures {
                let config = try CommandSupport.configuration(folders: [])
                let logger = CommandSupport.bootstrapLogging(level: .error)
                let place = try RegionCode(self.place)
                try await CommandSupport.withDatabase(config, logger: logger, maximumConnections: 2) { client in
                    let database = Database(client: client, logger: logger)
                    let browser = AuditBrowser(database: database)
                    let probe = try await Self.probe(database, place: place)
                    CommandSupport.say("the trail: \(probe.entries) entries; the place \(place.value): \(probe.placeForums) forums, "
                                       + "\(probe.newerElsewhere) entries written elsewhere after its newest")
                    let province = try RegionCode(String(place.value.prefix(2)))
                    let pages: [(String, AuditBrowser.Filter, [RegionCode])] = [
                        ("no filter", .init(), [place]),
                        ("no filter, an auditor of the province", .init(), [province]),
                        ("the place, filtered on by an auditor of the province", .init(region: place), [province]),
                        ("its first forum", .init(forumID: probe.firstForum), [place]),
                        ("the village of its first forum", .init(region: try RegionCode(probe.firstVillage)), [place]),
                        ("its newest entry's action, \(probe.action)", .init(action: .exactly(probe.action)), [place]),
                        ("that action's start typed, \(probe.actionStart)", .init(action: .startingWith(probe.actionStart)), [place]),
                        ("an action no entry carries", .init(action: .exactly("forum.close.never")), [place]),
                        ("the trail's newest entry's action, \(probe.newestAction)", .init(action: .exactly(probe.newestAction)), [place]),
                        ("its first hour", .init(from: probe.firstAt, to: probe.firstAt.addingTimeInterval(3600)), [place]),
                        ("a person who never acted", .init(actor: "nobody.at.all"), [place]),
                    ]
                    for (name, filter, roots) in pages {
                        var times: [Double] = []
                        var listed = 0
                        for _ in 0..<runs {
                            let started = Date()
                            listed = try await browser.entries(filter, within: roots, before: nil, limit: 51).count
                            times.append(Date().timeIntervalSince(started))
                        }
                        // Pages 1 to 10, each from the link of the one before.
                        var before: Int64?
                        let pagingStarted = Date()
                        for _ in 0..<10 {
                            guard let last = try await browser.entries(filter, within: roots, before: before, limit: 51).dropLast().last else { break }
                            before = last.id
                        }
                        let tenth = Date().timeIntervalSince(pagingStarted) / 10
                        CommandSupport.say(String(format: "%@: %.1f ms (median of %d), %d listed; pages 1 to 10: %.1f ms each",
                                                  name, times.sorted()[times.count / 2] * 1000, runs, listed, tenth * 1000))
                    }
                }
            }
        }

        struct Probe {
            var entries: Int64
            var placeForums: Int64
            var newerElsewhere: Int64
            var firstForum: Int64
            var firstVillage: String
            var firstAt: Date
            var action: String
            /// The action of the trail's newest entry: elsewhere, when the place is quiet.
            var newestAction: String
            /// The action's name up to its first dot, included.
            var actionStart: String { action.split(separator: ".").first.map { $0 + "." } ?? action }
        }

        /// What the pages are asked of: the place's forum written to first, its village and its time,
        /// the action of the place's newest forum entry and of the trail's newest.
        static func probe(_ database: Database, place: RegionCode) async throws -> Probe {
            let (start, end) = (place.value, place.value + ":")
            let rows = try await database.client.query("""
                WITH forums AS (SELECT id, region_code FROM fkp.forums WHERE region_code ~>=~ \(start) AND region_code ~<~ \(end)),
                     first AS (SELECT e.forum_id, e.occurred_at FROM forums f CROSS JOIN LATERAL (
                                   SELECT e.forum_id, e.occurred_at, e.id FROM audit.entries e WHERE e.forum_id = f.id ORDER BY e.id LIMIT 1) e
                               ORDER BY e.id LIMIT 1),
                     newest AS (SELECT e.id, e.action FROM forums f CROSS JOIN LATERAL (
                                   SELECT e.id, e.action FROM audit.entries e WHERE e.forum_id = f.id ORDER BY e.id DESC LIMIT 1) e
                                ORDER BY e.id DESC LIMIT 1)
                SELECT (SELECT coalesce(max(id), 0) FROM audit.entries), (SELECT count(*) FROM forums),
                       (SELECT count(*) FROM audit.entries WHERE id > (SELECT id FROM newest)),
                       first.forum_id, left(f.region_code, 10), first.occurred_at, (SELECT action FROM newest),
                       (SELECT action FROM audit.entries ORDER BY id DESC LIMIT 1)
                  FROM first JOIN forums f ON f.id = first.forum_id
                """, logger: database.logger)
            for try await (entries, forums, newer, forum, village, at, action, newestAction)
                in rows.decode((Int64, Int64, Int64, Int64, String, Date, String, String).self) {
                return Probe(entries: entries, placeForums: forums, newerElsewhere: newer, firstForum: forum, firstVillage: village, firstAt: at,
                             action: action, newestAction: newestAction)
            }
            throw ValidationError("no forum of \(place.value) has audit entries: run `fkp benchmark audit` first")
        }
    }
}
