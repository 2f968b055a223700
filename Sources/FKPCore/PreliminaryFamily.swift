/// One row of a preliminary ranked list, as BPS delivers it.
public struct PreliminaryFamily: Sendable, Equatable {
    public var id: String
    public var slsCode: RegionCode
    public var headName: String
    public var address: String
    public var members: Int
    public var welfareGroup: WelfareGroup
    /// Decimal text exactly as delivered; a lower score is a poorer family.
    public var welfareScore: String
    public var kkNumber: String
    public var headNIK: String
    public var latitude: String?
    public var longitude: String?

    public init(id: String, slsCode: RegionCode, headName: String, address: String, members: Int,
                welfareGroup: WelfareGroup, welfareScore: String, kkNumber: String, headNIK: String,
                latitude: String? = nil, longitude: String? = nil) {
        self.id = id
        self.slsCode = slsCode
        self.headName = headName
        self.address = address
        self.members = members
        self.welfareGroup = welfareGroup
        self.welfareScore = welfareScore
        self.kkNumber = kkNumber
        self.headNIK = headNIK
        self.latitude = latitude
        self.longitude = longitude
    }
}
