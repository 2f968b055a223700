import FKPCore
import FKPStore
import Hummingbird

extension RegionRepository {
    /// The regency named by the route's `{code}`, once the person may do `action` there: another
    /// level or an unknown code is "not found", like a place outside their scope.
    func requestedRegency(by context: AppRequestContext, for action: AccessAction) async throws -> Region {
        guard let code = RegionCode.parse(try context.parameters.require("code")), code.level == .regency else { throw HTTPError(.notFound) }
        try context.authorize(action, .region(code))
        guard let region = try await region(code) else { throw HTTPError(.notFound) }
        return region
    }
}
