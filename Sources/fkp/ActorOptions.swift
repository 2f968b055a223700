import ArgumentParser
import FKPCore
import FKPStore
import Foundation

/// Who the change is recorded as: an account named with --as, or the operating-system user. A named
/// account acts with its own authority, as it would in the browser: the audit trail never records
/// an account doing what it may not (an SLS head loading a regency's list, say). The operating-system
/// user is the operator, who holds the database's address and may do anything.
struct ActorOptions: ParsableArguments {
    @Option(name: .customLong("as"),
            help: ArgumentHelp("Act as this account, within its roles and places (default: system:<OS user>, the operator).", valueName: "username"))
    var actor: String?

    /// The named account's roles and places; nil without --as (the operator). A name with no active account is refused.
    func principal(database: Database) async throws -> Principal? {
        guard let actor else { return nil }
        let accounts = AccountRepository(database: database)
        guard let account = try await accounts.account(username: actor),
              let principal = try await accounts.principal(userID: account.id) else {
            throw ValidationError("--as \(actor): there is no active account of that name")
        }
        return principal
    }

    /// Refuses, naming what, unless `principal` (nil: the operator) may do it.
    func require(_ principal: Principal?, may allowed: (Principal) -> Bool, _ what: String) throws {
        guard let principal, !allowed(principal) else { return }
        throw ValidationError("--as \(principal.username): this account may not \(what)")
    }

    /// The declared context: the named account and its most senior role, or the operator.
    func context(action: String, region: String?, principal: Principal?) -> WriteContext {
        guard let principal else { return .system(NSUserName(), action: action, reason: "command line", regionCode: region) }
        return WriteContext(actor: principal.username, role: principal.primaryRole, action: action, reason: "command line", regionCode: region)
    }
}
