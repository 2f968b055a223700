import ArgumentParser
import FKPCore
import FKPStore
import FKPWeb
import Foundation
import Logging
import PostgresNIO

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage accounts: add, list, disable (DATABASE_URL).",
        subcommands: [Add.self, List.self, Disable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account with one role in one place; the password is read from standard input.")

        @Argument(help: "3 to 40 lower-case letters, digits, dots, underscores or hyphens.") var username: String
        @Option(help: "admin, bps_staff, facilitator, sls_head, community_figure or auditor.") var role: String
        @Option(help: "BPS code of the place (not for a national admin).") var region: String?
        @Option(help: "Forum number (community figures).") var forum: Int64?
        @Option(help: "Full name (defaults to the user name).") var displayName: String?
        @Flag(help: "A BPS staff supervisor (may reopen closed forums).") var supervisor = false
        @Flag(help: "Read the password from standard input (required: passwords never go on a command line).") var passwordStdin = false
        @Flag(help: "Require a new password at first login.") var mustChange = false
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await CommandSupport.reportingFailures {
                guard let role = Role(rawValue: role) else {
                    throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if let region { _ = try CommandSupport.regionCode(region, option: "--region") }
                if let problem = AccountRefusal.personalNumber(username: username, displayName: displayName ?? username, language: .english) {
                    throw ValidationError(problem)
                }
                guard passwordStdin else { throw ValidationError("give the password on standard input with --password-stdin") }
                let password = (readLine(strippingNewline: true) ?? "")
                if let problem = PasswordRules.check(password, username: username) {
                    let why = switch problem {
                    case .tooShort: "it is shorter than \(PasswordRules.minimumLength) characters"
                    case .tooCommon: "it is one of the passwords everyone tries"
                    case .sameAsUsername: "it holds the user name"
                    }
                    throw ValidationError("the password is refused: \(why)")
                }
                let config = try CommandSupport.configuration(folders: [])
                let logger = CommandSupport.bootstrapLogging(level: .warning)
                let hash = try await PasswordHasher(cost: UInt8(config.bcryptCost)).hash(password)
                try await CommandSupport.withDatabase(config, logger: logger) { client in
                    let database = Database(client: client, logger: logger)
                    let principal = try await actor.principal(database: database)
                    let assignment = Assignment(role: role, region: try region.map(RegionCode.init), forumID: forum, isSupervisor: supervisor)
                    try actor.require(principal, may: { AccessPolicy.mayAssign($0, assignment) }, "give the role \(role.rawValue)\(region.map { " in \($0)" } ?? "")")
                    do {
                        try await UserRepository(database: database).create(
                            .init(username: username, displayName: displayName ?? username, passwordHash: hash, mustChangePassword: mustChange,
                                  role: role, regionCode: region, forumID: forum, isSupervisor: supervisor),
                            context: actor.context(action: "user.create", region: region, principal: principal))
                    } catch {
                        guard let refusal = DatabaseRefusal(error) else { throw error }
                        throw ValidationError(AccountRefusal.message(refusal, language: .english))
                    }
                }
                CommandSupport.say("Created \(username): \(role.rawValue)\(region.map { " in \($0)" } ?? "")\(forum.map { ", forum \($0)" } ?? "").")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts and their roles, optionally inside one place.")
        @Option(help: "Only accounts with a role inside this BPS code.") var region: String?
        static let pageSize = 1_000

        func run() async throws {
            try await CommandSupport.reportingFailures {
                let roots = try region.map { [try CommandSupport.regionCode($0, option: "--region")] }
                let config = try CommandSupport.configuration(folders: [])
                let logger = CommandSupport.bootstrapLogging(level: .warning)
                // A page at a time, printed as it comes: a season has over a million accounts.
                try await CommandSupport.withDatabase(config, logger: logger) { client in
                    let accounts = AccountRepository(database: Database(client: client, logger: logger))
                    var after: String?
                    repeat {
                        let page = try await accounts.list(within: roots, after: after, limit: Self.pageSize)
                        for entry in page {
                            let roles = entry.assignments.map { a in
                                a.role.rawValue + (a.region.map { "@\($0.value)" } ?? "@national") + (a.forumID.map { "#forum\($0)" } ?? "")
                            }.joined(separator: ",")
                            let state = entry.account.isDisabled ? "disabled" : "active"
                            CommandSupport.say("\(entry.account.username)\t\(state)\t\(roles)\t\(entry.account.displayName)")
                        }
                        after = page.count == Self.pageSize ? page.last?.account.username : nil
                    } while after != nil
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")
        @Argument var username: String
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await CommandSupport.reportingFailures {
                let config = try CommandSupport.configuration(folders: [])
                let logger = CommandSupport.bootstrapLogging(level: .warning)
                try await CommandSupport.withDatabase(config, logger: logger) { client in
                    let database = Database(client: client, logger: logger)
                    let accounts = AccountRepository(database: database)
                    guard let account = try await accounts.account(username: username) else {
                        throw ValidationError("there is no account named \(username)")
                    }
                    // As the users page: only an account whose every role the named account could give, and not its own.
                    let principal = try await actor.principal(database: database)
                    let roles = try await accounts.assignments(userID: account.id)
                    try actor.require(principal, may: { p in p.userID != account.id && !roles.isEmpty && roles.allSatisfy { AccessPolicy.mayAssign(p, $0) } },
                                      "disable \(username)")
                    try await accounts.setDisabled(userID: account.id, true,
                                                   context: actor.context(action: "user.disable", region: nil, principal: principal))
                }
                CommandSupport.say("Disabled \(username).")
            }
        }
    }
}
