/// The person behind a request, with every assignment they currently hold.
public struct Principal: Sendable, Hashable {
    public var userID: Int64
    public var username: String
    public var displayName: String
    public var assignments: [Assignment]
    /// A generated or reset password must be replaced before anything else.
    public var mustChangePassword: Bool

    public init(userID: Int64, username: String, displayName: String, assignments: [Assignment], mustChangePassword: Bool = false) {
        self.userID = userID
        self.username = username
        self.displayName = displayName
        self.assignments = assignments
        self.mustChangePassword = mustChangePassword
    }

    /// Whether personal numbers (NIK, family card) are shown whole to this person.
    public var seesPersonalNumbers: Bool { assignments.contains { $0.role.seesPersonalNumbers } }

    /// Whether any of this person's assignments lets them manage accounts somewhere.
    public var managesAccounts: Bool { assignments.contains { AccessPolicy.permits($0, .manageUsers) } }

    public var roles: Set<Role> { Set(assignments.map(\.role)) }

    /// The role recorded in the audit trail for this person's own account changes: the most
    /// senior one they hold.
    public var primaryRole: Role {
        Role.allCases.first { roles.contains($0) } ?? .communityFigure
    }
}
