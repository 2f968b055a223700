import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Foundation
import Logging
import PostgresNIO

extension BenchmarkCommand {
    /// Exporting and verifying a large audit trail: entries written through the real triggers
    /// (reviews recorded and revised in many forums at once), then exported as JSON Lines with
    /// its manifest, and verified from the file and in the database.
    struct AuditTrail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Write about N audit entries through the audited write path, then time their export and verification.")

        @Option(help: "Entries to write (about).") var entries = 1_000_000
        @Option(help: "Reviewing forums the entries are spread over.") var forums = 100
        @Option(help: "Families per forum.") var families = 100
        @Option(help: "Database connections.") var connections = 8
        @Option(help: "Where the export and its manifest are written.") var out = "/tmp/fkp-audit-benchmark.jsonl"
        @Option(help: "Times each step is measured, one after another; the median rate is the step's figure.") var runs = 3

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be 1 or more") }
        }

        func run() async throws {
            try await CommandSupport.reportingFailures {
                let config = try CommandSupport.configuration(folders: .migrations)
                let logger = CommandSupport.bootstrapLogging(level: .error)
                _ = try await CommandSupport.migrate(config, logger: logger)
                let key = try AuditCommand.signingKey()
                try await PostgresClient.with(config.database, logger: logger, maximumConnections: connections) { client in
                    let database = Database(client: client, logger: logger)
                    let forumIDs = try await Verdicts.prepare(database, forums: forums, families: families)
                    let started = Date()
                    let written = try await Self.write(database, forumIDs: forumIDs, rounds: max(1, entries / (forums * families) - 1),
                                                       lanes: connections)
                    CommandSupport.say(String(format: "written: %d entries through the triggers in %.1f s", written, Date().timeIntervalSince(started)))

                    let settleStart = Date()
                    let checkpointed = try await Self.settle(client, logger: logger)
                    CommandSupport.say(String(format: "%@, as happens after such writes: %.1f s",
                                              checkpointed ? "vacuum, checkpoint and write-back"
                                                  : "vacuum and write-back (no checkpoint: it needs a superuser or the pg_checkpoint role)",
                                              Date().timeIntervalSince(settleStart)))
                    let writingPeak = Self.stepPeakMegabytes()

                    // Each step several times: on a machine shared with the database, one run's rate
                    // moves by a fifth with what else the system does; the median is the step's figure.
                    let exporter = AuditExporter(database: database)
                    var lastManifest: ExportManifest?
                    let export = try await Self.repeated(runs, "export") {
                        let file = try CommandSupport.output(to: out)
                        let output = BufferedOutput(file, writingTo: out)  // as `fkp audit export` writes, on two connections
                        let made = try await exporter.export(.region(try RegionCode("3296")), from: nil, to: nil, format: .jsonl,
                                                             untilEntry: try await exporter.latestEntryID(), key: key,
                                                             connections: 2) { try output.write(bytes: $0) }
                        try output.flush()
                        try file.close()
                        lastManifest = made
                        return (Int64(made.entries), "")
                    }
                    let manifest = lastManifest!  // made by each run, and --runs is at least 1
                    try manifest.encoded().write(to: URL(fileURLWithPath: out + ".manifest.json"))

                    var problems: [String] = []
                    let fileCheck = try await Self.repeated(runs, "verify-export") {
                        var check = ExportCheck(format: .jsonl)
                        try await check.feed(file: try FileHandle(forReadingFrom: URL(fileURLWithPath: out)))
                        problems = check.finish(manifest: manifest, trustedKey: key.publicKey)  // counts the last lines too
                        return (check.entries, problems.isEmpty ? "intact" : "BROKEN \(problems.prefix(2))")
                    }

                    var intact = true
                    let databaseCheck = try await Self.repeated(runs, "verify (database)") {
                        let verification = try await AuditRepository(database: database).verify()
                        intact = intact && verification.isValid
                        return (verification.entries, verification.isValid ? "intact" : "BROKEN")
                    }
                    let wholeRun = max(writingPeak, export.peakMegabytes, fileCheck.peakMegabytes, databaseCheck.peakMegabytes)
                    CommandSupport.say("peak memory of the whole run: \(wholeRun) MB")
                    if !problems.isEmpty || !intact { throw ExitCode(1) }
                }
            }
        }

        /// Every family of every forum gets a review, then `rounds` revisions of its note: one
        /// audited statement per forum and round, `lanes` forums at a time.
        static func write(_ database: Database, forumIDs: [Int64], rounds: Int, lanes: Int) async throws -> Int {
            try await withThrowingTaskGroup(of: Int.self) { group in
                var pending = forumIDs[...]
                func next() -> Int64? { pending.popFirst() }
                func add(_ forum: Int64) {
                    group.addTask {
                        var count = 0
                        let context = WriteContext.system("benchmark", action: "benchmark.audit", reason: "benchmark")
                        for round in 0...rounds {
                            count += try await database.write(WriteContext(actor: context.actor, role: .admin, action: context.action,
                                                                           reason: "benchmark", forumID: forum)) { connection in
                                let rows = round == 0
                                    ? try await connection.query("""
                                        INSERT INTO fkp.reviews (forum_id, family_id, verdict)
                                        SELECT u.forum_id, f.id, 'sesuai' FROM fkp.forum_units u
                                          JOIN fkp.families f ON f.sls_code ~>=~ u.sls_code AND f.sls_code ~<~ (u.sls_code || ':')
                                         WHERE u.forum_id = \(forum)
                                        RETURNING 1
                                        """, logger: database.logger)
                                    : try await connection.query("""
                                        UPDATE fkp.reviews SET order_note = \("catatan \(round)") WHERE forum_id = \(forum) RETURNING 1
                                        """, logger: database.logger)
                                var written = 0
                                for try await _ in rows.decode(Int.self) { written += 1 }
                                return written
                            }
                        }
                        return count
                    }
                }
                for _ in 0..<lanes { if let forum = next() { add(forum) } }
                var total = 0
                while let count = try await group.next() {
                    total += count
                    if let forum = next() { add(forum) }
                }
                return total
            }
        }

        /// What the database and the system do on their own in the minutes after such writes, done
        /// before measuring so that the steps measure themselves: autovacuum (set off by a million
        /// new entries and a million revised reviews, it would compete with the export for the two
        /// cores, and it sets the entries' commit hints, which the first read pays for otherwise), a
        /// checkpoint (the pages just written, which the first read would otherwise evict and write
        /// itself) and the system's write-back of what they wrote (when the database is on this
        /// machine). Whether the role could take the checkpoint.
        static func settle(_ client: PostgresClient, logger: Logger) async throws -> Bool {
            let checkpointed = try await client.withConnection { connection in
                try await connection.query("VACUUM (ANALYZE)", logger: logger)
                do {
                    try await connection.query("CHECKPOINT", logger: logger)
                    return true
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42501" {  // insufficient_privilege
                    return false
                }
            }
            sync()
            return checkpointed
        }

        /// A step's time and its own peak memory.
        struct StepFigures {
            let seconds: Double
            let peakMegabytes: Int
        }

        /// Runs `step` `runs` times, printing each run's rate of the entries it reports (and what it
        /// found), then the median rate; the figures of the run with the median rate, and the highest peak.
        static func repeated(_ runs: Int, _ name: String, _ step: () async throws -> (entries: Int64, found: String)) async throws -> StepFigures {
            var rates: [(rate: Double, figures: StepFigures)] = []
            for run in 1...runs {
                let ((entries, found), figures) = try await measured(step)
                let rate = Double(entries) / figures.seconds
                rates.append((rate, figures))
                CommandSupport.say(String(format: "%@: %d entries in %.1f s = %.0f per second%@; peak memory %d MB%@", name, entries,
                                          figures.seconds, rate, found.isEmpty ? "" : ", " + found, figures.peakMegabytes,
                                          runs > 1 ? " (run \(run) of \(runs))" : ""))
            }
            let median = rates.sorted { $0.rate < $1.rate }[(runs - 1) / 2]
            let peak = rates.map(\.figures.peakMegabytes).max() ?? 0
            if runs > 1 {
                CommandSupport.say(String(format: "%@, median of %d runs: %.0f per second; peak memory %d MB", name, runs, median.rate, peak))
            }
            return StepFigures(seconds: median.figures.seconds, peakMegabytes: peak)
        }

        static func measured<Value>(_ step: () async throws -> Value) async throws -> (Value, StepFigures) {
            startStep()
            let start = Date()
            let value = try await step()
            return (value, StepFigures(seconds: Date().timeIntervalSince(start), peakMegabytes: stepPeakMegabytes()))
        }

        /// Lets the next `stepPeakMegabytes()` be one step's own peak, not the steps' before it
        /// (Linux resets the process's peak resident size to its present one).
        static func startStep() {
            try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        }

        /// The process's peak resident memory since `startStep()` (`VmHWM`), or of the whole run
        /// where the system does not tell.
        static func stepPeakMegabytes() -> Int {
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                  let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else {
                var usage = rusage()
                getrusage(RUSAGE_SELF.rawValue, &usage)
                return usage.ru_maxrss / 1024
            }
            return kilobytes / 1024
        }
    }
}
