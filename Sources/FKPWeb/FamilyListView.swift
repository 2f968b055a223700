import FKPCore
import FKPStore

/// A unit's preliminary list as shown: personal numbers whole for BPS staff, masked for others.
struct FamilyListView {
    struct Row {
        let rank: Int
        let id: String
        let headName: String
        let address: String
        let members: Int
        let group: Int
        let groupLabel: String
        let kk: String
        let nik: String
    }

    let rows: [Row]
    let masked: Bool

    init(rows: [FamilyRepository.Listed], showWhole: Bool, t: Translations) {
        self.rows = rows.map {
            Row(rank: $0.rank, id: $0.id, headName: $0.headName, address: $0.address, members: $0.members,
                group: $0.group.rawValue, groupLabel: t["group_\($0.group.rawValue)"],
                kk: showWhole ? $0.kkNumber : PersonalNumber.masked($0.kkNumber),
                nik: showWhole ? $0.headNIK : PersonalNumber.masked($0.headNIK))
        }
        masked = !showWhole
    }
}
