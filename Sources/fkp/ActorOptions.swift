import ArgumentParser
import FKPCore
import FKPStore
import Foundation

/// Who the change is recorded as: an account named with --as, or the operating-system user.
struct ActorOptions: ParsableArguments {
    @Option(name: .customLong("as"),
            help: ArgumentHelp("Record the change as this account (default: system:<OS user>).", valueName: "username"))
    var actor: String?

    /// The declared context; a named account must exist, and its most senior role is recorded.
    func context(action: String, region: String?, database: Database) async throws -> WriteContext {
        guard let actor else { return .system(NSUserName(), action: action, reason: "command line", regionCode: region) }
        let accounts = AccountRepository(database: database)
        guard let account = try await accounts.account(username: actor),
              let principal = try await accounts.principal(userID: account.id) else {
            throw ValidationError("--as \(actor): there is no active account of that name")
        }
        return WriteContext(actor: actor, role: principal.primaryRole, action: action, reason: "command line", regionCode: region)
    }

    /// Whether the named account sees personal numbers whole; the operator (no --as) does.
    func seesPersonalNumbers(database: Database) async throws -> Bool {
        guard let actor else { return true }
        let accounts = AccountRepository(database: database)
        guard let account = try await accounts.account(username: actor),
              let principal = try await accounts.principal(userID: account.id) else {
            throw ValidationError("--as \(actor): there is no active account of that name")
        }
        return principal.seesPersonalNumbers
    }
}
