import FKPCore
import FKPStore
import Hummingbird

extension ForumRepository {
    /// The forum named by the route's `{id}`. A read outside the person's places answers "not found",
    /// so nothing reveals that the forum exists; a write is left to the check of its own action.
    func requested(by context: AppRequestContext, write: Bool) async throws -> ForumSummary {
        try await requestedStamped(by: context, write: write).forum
    }

    /// The same, with where the audit trail stood for what the forum's pages show.
    func requestedStamped(by context: AppRequestContext, write: Bool) async throws -> (forum: ForumSummary, stamp: ForumDataStamp) {
        guard let id = Int64(try context.parameters.require("id")), let found = try await stampedSummary(id) else {
            throw write ? HTTPError(.forbidden) : HTTPError(.notFound)
        }
        if !write { try context.authorize(.viewForum, found.forum.resource) }
        return found
    }
}

extension ForumSummary {
    /// The unit named by the route's `{unit}`, when it is one of the forum's: otherwise "not found"
    /// for a read and "forbidden" for a write, as for the forum itself.
    func requestedUnit(_ context: AppRequestContext, write: Bool) throws -> Region {
        let raw = try context.parameters.require("unit")
        guard let unit = units.first(where: { $0.code.value == raw }) else { throw write ? HTTPError(.forbidden) : HTTPError(.notFound) }
        return unit
    }
}
