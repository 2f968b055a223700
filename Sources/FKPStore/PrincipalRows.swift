import FKPCore

/// A person read as one row per current assignment (a person without one: a single row whose
/// assignment columns are null), as the reads of the person behind a request return them.
struct PrincipalRows {
    private(set) var principal: Principal?

    mutating func add(userID: Int64, username: String, displayName: String, mustChangePassword: Bool,
                      role: String?, region: String?, forumID: Int64?, isSupervisor: Bool?) {
        if principal == nil {
            principal = Principal(userID: userID, username: username, displayName: displayName, assignments: [],
                                  mustChangePassword: mustChangePassword)
        }
        if let role = role.flatMap(Role.init) {
            principal?.assignments.append(Assignment(role: role, region: region.flatMap(RegionCode.parse), forumID: forumID,
                                                     isSupervisor: isSupervisor ?? false))
        }
    }
}
