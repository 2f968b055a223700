import Foundation

/// A data error a forum accepted (a wrong name, address or number of members): the decision is the
/// correction, which BPS applies to the register, so BPS needs the list of them per regency.
public struct DataCorrection: Sendable, Equatable {
    public var challengeID: Int64
    public var forumID: Int64
    public var subject: ChallengeSubject
    public var slsCode: String
    public var headName: String
    /// The right value, as the challenge proposed it.
    public var proposedValue: String
    public var reason: String
    public var decisionNote: String
    public var decidedBy: String
    public var decidedAt: Date

    public init(challengeID: Int64, forumID: Int64, subject: ChallengeSubject, slsCode: String, headName: String, proposedValue: String,
                reason: String, decisionNote: String, decidedBy: String, decidedAt: Date) {
        self.challengeID = challengeID
        self.forumID = forumID
        self.subject = subject
        self.slsCode = slsCode
        self.headName = headName
        self.proposedValue = proposedValue
        self.reason = reason
        self.decisionNote = decisionNote
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}
