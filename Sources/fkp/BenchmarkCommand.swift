import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Foundation
import Logging
import PostgresNIO

/// Measurements that need the application's own code paths (docs/benchmarks.md).
struct BenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark", abstract: "Measure the server's own paths on a scratch database (DATABASE_URL).",
        subcommands: [Verdicts.self, AuditTrail.self, AuditPages.self])

    /// Audited verdict writes: many open forums, several writers in each, through ReviewRepository.save
    /// (what the review page's handler calls); afterwards every audit chain is verified.
    struct Verdicts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record verdicts in many reviewing forums at once through the handlers' save path; print the rate and verify every chain.")

        @Option(help: "Open forums written to at once.") var forums = 100
        @Option(help: "Concurrent writers per forum.") var writers = 4
        @Option(help: "Families per forum.") var families = 60
        @Option(help: "Seconds to write for.") var seconds = 20
        @Option(help: "Database connections.") var connections = 40

        func run() async throws {
            try await CommandSupport.reportingFailures {
                let config = try CommandSupport.configuration(folders: .migrations)
                let logger = CommandSupport.bootstrapLogging(level: .error)
                _ = try await CommandSupport.migrate(config, logger: logger)
                let result = try await PostgresClient.with(config.database, logger: logger, maximumConnections: connections) { client in
                    let database = Database(client: client, logger: logger)
                    let forumIDs = try await Self.prepare(database, forums: forums, families: families)
                    return try await Self.write(database, forumIDs: forumIDs, writers: writers, seconds: seconds)
                }
                CommandSupport.say("forums: \(forums), writers per forum: \(writers), connections: \(connections)")
                CommandSupport.say(String(format: "verdicts: %d in %.1f s = %.0f per second", result.verdicts, result.elapsed,
                                          Double(result.verdicts) / result.elapsed))
                CommandSupport.say(String(format: "latency per save: p50 %.1f ms, p99 %.1f ms", result.p50 * 1000, result.p99 * 1000))
                CommandSupport.say("conflicts (stale versions, expected none): \(result.stale)")
                CommandSupport.say("audit chains: \(result.verification.chains), entries: \(result.verification.entries), "
                                   + (result.verification.isValid ? "all verify" : "BROKEN: \(result.verification.problems.prefix(3))"))
                if !result.verification.isValid || result.stale > 0 { throw ExitCode(1) }
            }
        }

        /// A fresh regency (code 3296) with one village per forum, one unit each, its families,
        /// and the forums moved to reviewing, all through the audited write path.
        static func prepare(_ database: Database, forums: Int, families: Int) async throws -> [Int64] {
            let regency = try RegionCode("3296")
            let regions = RegionRepository(database: database)
            let context = WriteContext.system("benchmark", action: "benchmark.setup", reason: "benchmark", regionCode: regency.value)
            if try await regions.region(regency) != nil {
                throw ValidationError("regency 3296 already exists: run the benchmark on an empty scratch database")
            }
            let generated = SyntheticRegency(.init(regency: regency, villages: forums, families: forums * families, unitsPerVillage: 1, seed: 7))
            // The batches name no place: the regency they create is not there before them.
            try await ListImporter(database: database).load(generated, fileNamePrefix: "benchmark-\(regency.value)",
                                                            context: .system("benchmark", action: "import", reason: "benchmark"))
            let repository = ForumRepository(database: database)
            let start = Date().addingTimeInterval(86400)
            var ids: [Int64] = []
            for village in generated.regions where village.level == .village {
                let unit = generated.regions.first { $0.level == .sls && village.code.contains($0.code) }!.code
                let id = try await repository.plan(
                    ForumPlan(place: village.code, units: [unit], title: "Bench", startsAt: start, endsAt: start.addingTimeInterval(3 * 3600),
                              venue: "Balai"), context: context)
                for (from, to) in [(ForumState.planned, ForumState.open), (.open, .reviewing)] {
                    _ = try await repository.move(id, from: from, to: to, context: context)
                }
                ids.append(id)
            }
            return ids
        }

        struct Result: Sendable {
            var verdicts: Int
            var stale: Int
            var elapsed: Double
            var p50: Double
            var p99: Double
            var verification: AuditRepository.Verification
        }

        /// Each writer owns every `writers`-th family of its forum and keeps changing their verdicts.
        static func write(_ database: Database, forumIDs: [Int64], writers: Int, seconds: Int) async throws -> Result {
            let reviews = ReviewRepository(database: database)
            var units: [Int64: [String]] = [:]
            for id in forumIDs {
                guard let unit = try await ForumRepository(database: database).summary(id)?.units.first?.code else { continue }
                units[id] = try await reviews.rows(forumID: id, unit: unit).map(\.familyID)
            }
            let deadline = ContinuousClock.now + .seconds(seconds)
            let started = ContinuousClock.now
            let outcomes = try await withThrowingTaskGroup(of: (Int, Int, [Double]).self) { group in
                for id in forumIDs {
                    for writer in 0..<writers {
                        let mine = (units[id] ?? []).enumerated().filter { $0.offset % writers == writer }.map(\.element)
                        group.addTask {
                            var versions: [String: Int] = [:]
                            var saved = 0, stale = 0
                            var latencies: [Double] = []
                            var round = 0
                            while ContinuousClock.now < deadline, !mine.isEmpty {
                                let family = mine[round % mine.count]
                                let verdict: Verdict = (round / mine.count) % 2 == 0 ? .fits : .cannotJudge
                                let context = WriteContext(actor: "bench.w\(writer)", role: .slsHead, action: "review.save", forumID: id)
                                let began = ContinuousClock.now
                                let outcome = try await reviews.save(forumID: id, familyID: family, review: Review(verdict: verdict),
                                                                     expectedVersion: versions[family, default: 0], context: context)
                                latencies.append((ContinuousClock.now - began).seconds)
                                switch outcome {
                                case .saved(let version): versions[family] = version; saved += 1
                                case .stale(let current): versions[family] = current.version; stale += 1
                                case .gone: stale += 1
                                }
                                round += 1
                            }
                            return (saved, stale, latencies)
                        }
                    }
                }
                var all: (Int, Int, [Double]) = (0, 0, [])
                for try await (saved, stale, latencies) in group {
                    all.0 += saved
                    all.1 += stale
                    all.2 += latencies
                }
                return all
            }
            let elapsed = (ContinuousClock.now - started).seconds
            let sorted = outcomes.2.sorted()
            func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
            let verification = try await AuditRepository(database: database).verify()
            return Result(verdicts: outcomes.0, stale: outcomes.1, elapsed: elapsed, p50: percentile(0.5), p99: percentile(0.99),
                          verification: verification)
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
