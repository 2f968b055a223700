/// A place on the minutes that someone signs, and what has been recorded there.
public struct Signatory: Sendable, Equatable {
    public enum Role: String, CaseIterable, Sendable {
        case facilitator
        case assistantFacilitator = "assistant_facilitator"
        case slsHead = "sls_head"
        case slsRepresentative = "sls_representative"
        case communityFigure = "community_figure"
        case villageHead = "village_head"
        /// Asked when the village head refuses, or, in a forum above village level, the team or a community figure;
        /// who asks whom is fkp.refusal_asks (migration 0040).
        case districtHead = "district_head"

        /// A village head signs with the village's stamp, a district head with the district's.
        public var takesStamp: Bool { self == .villageHead || self == .districtHead }
    }

    public enum Status: String, Sendable { case signed, refused }
    public enum Method: String, Sendable { case screen, paper }

    /// What was recorded for a place: signed or refused, how, when, by whom.
    public struct Mark: Sendable, Equatable {
        public var id: Int64
        public var signerName: String
        public var status: Status
        public var method: Method
        public var refusalReason: String?
        public var withStamp: Bool
        public var recordedBy: String
        public var recordedAt: Double

        public init(id: Int64, signerName: String, status: Status, method: Method, refusalReason: String?, withStamp: Bool,
                    recordedBy: String, recordedAt: Double) {
            self.id = id
            self.signerName = signerName
            self.status = status
            self.method = method
            self.refusalReason = refusalReason
            self.withStamp = withStamp
            self.recordedBy = recordedBy
            self.recordedAt = recordedAt
        }
    }

    /// The village whose head signs a place: named only where a forum held above village level asks
    /// the head of each of its villages.
    public struct Village: Sendable, Equatable {
        public var code: String
        public var name: String
        public init(code: String, name: String) { self.code = code; self.name = name }
    }

    /// "user:ID", "participant:ID", "village_head", "village_head:CODE" (a village of a forum held
    /// above village level), or "escalation:ID" for the signature asked of the level above after refusal ID.
    public var slot: String
    public var role: Role
    public var participantID: Int64?
    /// The account that may sign this place on screen, if any.
    public var userID: Int64?

    /// Whether the account `userID` (nil: no one signed in) signs this place on screen: its own place.
    public func isSignedOnScreen(by userID: Int64?) -> Bool { userID != nil && self.userID == userID }
    /// Who is expected to sign; nil for a village or district head named when they sign.
    public var name: String?
    public var unit: String?
    public var village: Village?
    /// For a place asked of the level above: who refused.
    public var refusedBy: String?
    public var mark: Mark?

    public init(slot: String, role: Role, participantID: Int64?, userID: Int64?, name: String?, unit: String?,
                village: Village? = nil, refusedBy: String? = nil, mark: Mark?) {
        self.slot = slot
        self.role = role
        self.participantID = participantID
        self.userID = userID
        self.name = name
        self.unit = unit
        self.village = village
        self.refusedBy = refusedBy
        self.mark = mark
    }

    /// The id of the refusal this place answers, for an escalation.
    public var escalatedFrom: Int64? {
        slot.hasPrefix("escalation:") ? Int64(slot.dropFirst("escalation:".count)) : nil
    }
}
