import FKPCore
import FKPStore
import Hummingbird

extension ForumRepository {
    /// The forum named by the route's `{id}`. A read outside the person's places answers "not found",
    /// so nothing reveals that the forum exists; a write is left to the check of its own action.
    func requested(by context: AppRequestContext, write: Bool) async throws -> ForumSummary {
        guard let id = Int64(try context.parameters.require("id")), let forum = try await summary(id) else {
            throw write ? HTTPError(.forbidden) : HTTPError(.notFound)
        }
        if !write { try context.authorize(.viewForum, forum.resource) }
        return forum
    }
}
