/// The one place that decides who may do what where. Handlers ask it and nothing else.
public enum AccessPolicy {
    public enum Decision: Sendable, Equatable {
        case allow
        /// A read outside the person's scope: answer as if nothing were there.
        case notFound
        /// A write outside the scope, or an action the role does not have.
        case forbidden
    }

    /// What an action is about: a place, and for forum actions the forum and its units.
    public struct Resource: Sendable, Equatable {
        public var place: RegionCode?
        public var forumID: Int64?
        public var forumUnits: [RegionCode]

        public init(place: RegionCode?, forumID: Int64? = nil, forumUnits: [RegionCode] = []) {
            self.place = place
            self.forumID = forumID
            self.forumUnits = forumUnits
        }

        public static let national = Resource(place: nil)
        public static func region(_ code: RegionCode) -> Resource { Resource(place: code) }
    }

    /// What each role may do at all, before the place is considered.
    public static func permits(_ assignment: Assignment, _ action: AccessAction) -> Bool {
        switch assignment.role {
        case .admin:
            return true
        case .bpsStaff:
            switch action {
            case .giveVerdict, .raiseChallenge, .signMinutes, .runForum: return false
            case .reopenForum: return assignment.isSupervisor
            default: return true
            }
        case .facilitator:
            return [.viewRegion, .viewFamilies, .viewForum, .inviteParticipants, .runForum, .signMinutes].contains(action)
        case .slsHead:
            return [.viewRegion, .viewFamilies, .viewForum, .giveVerdict, .raiseChallenge, .signMinutes].contains(action)
        case .communityFigure:
            return [.viewFamilies, .viewForum, .raiseChallenge, .signMinutes].contains(action)
        case .auditor:
            return [.viewRegion, .viewFamilies, .viewForum, .viewAudit, .viewUsers, .exportLists, .exportAudit].contains(action)
        }
    }

    /// Whether the resource lies inside the assignment's place (or forum).
    static func covers(_ assignment: Assignment, _ resource: Resource) -> Bool {
        if assignment.role == .admin && assignment.region == nil { return true }
        if assignment.role == .communityFigure {
            return resource.forumID != nil && resource.forumID == assignment.forumID
        }
        guard let scope = assignment.region else { return false }
        if let place = resource.place, scope.contains(place) { return true }
        // Someone scoped below a forum's place (an SLS head, a village facilitator of a forum held
        // above village level) acts in the forums that cover part of their place.
        return resource.forumID != nil && resource.forumUnits.contains { scope.contains($0) || $0.contains(scope) }
    }

    public static func decide(_ principal: Principal?, _ action: AccessAction, _ resource: Resource) -> Decision {
        guard let principal else { return action.isWrite ? .forbidden : .notFound }
        let inScope = principal.assignments.filter { covers($0, resource) }
        if inScope.contains(where: { permits($0, action) }) { return .allow }
        if inScope.isEmpty && !action.isWrite { return .notFound }
        return .forbidden
    }

    /// Whether the person may record what the forum says of the families of one of its units: the
    /// SLS head of that unit (not of another unit of the same forum), or whoever runs the forum
    /// (the facilitator, also entering a paper list afterwards).
    public static func mayRecordReview(_ principal: Principal?, in forum: ForumSummary, unit: RegionCode) -> Bool {
        decide(principal, .giveVerdict, Resource(place: unit, forumID: forum.id, forumUnits: [unit])) == .allow
            || decide(principal, .runForum, forum.resource) == .allow
    }

    /// The places where the person may do `action`: their assignments' places whose role permits
    /// it (nil for a national administrator: the whole country).
    public static func roots(_ principal: Principal, for action: AccessAction) -> [RegionCode]? {
        if principal.assignments.contains(where: { $0.role == .admin && $0.region == nil }) { return nil }
        return principal.assignments.filter { permits($0, action) }.compactMap(\.region)
    }

    /// The roles the person may give in some place, in `Role.allCases` order: the administrator's
    /// role only by a national administrator; the others by whoever manages accounts. What a form
    /// offers; `mayAssign` still decides each assignment with its place.
    public static func grantableRoles(_ principal: Principal) -> [Role] {
        let nationalAdmin = principal.assignments.contains { $0.role == .admin && $0.region == nil }
        let managesAccounts = principal.managesAccounts
        return Role.allCases.filter { $0 == .admin ? nationalAdmin : managesAccounts }
    }

    /// Whether the person may give someone this assignment: administrators anything; BPS staff only
    /// roles below them, inside their region (a regency's staff cannot create other staff of the
    /// regency, a province's can create a regency's).
    public static func mayAssign(_ principal: Principal, _ target: Assignment) -> Bool {
        if target.role == .admin { return principal.assignments.contains { $0.role == .admin && $0.region == nil } }
        guard let place = target.region else { return false }
        let resource = Resource(place: place, forumID: target.forumID)
        return principal.assignments.contains { granter in
            guard covers(granter, resource), permits(granter, .manageUsers) else { return false }
            if granter.role == .admin { return true }
            if target.role == .bpsStaff { return place.value.count > (granter.region?.value.count ?? 0) }
            if target.isSupervisor { return false }
            return true
        }
    }
}
