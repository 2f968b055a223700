import FKPCore
import FKPStore
import Foundation

/// What the minutes template shows: the document of one version of a forum, its signature lines,
/// and, once closed, the chain head printed for comparison by eye.
struct MinutesPage {
    struct Person { let role: String; let name: String }
    struct Unit {
        let code: String
        let name: String
        let head: String?
        let absent: Bool
        let representative: String?
        let summary: SummaryTable
    }
    struct Figure { let name: String; let absent: Bool }
    struct Signature {
        let slot: String
        let role: String
        let name: String?
        let unit: String?
        /// For a place asked of the level above: who refused.
        let inPlaceOf: String?
        let signed: Bool
        let refused: Bool
        let open: Bool
        let status: String?
        let refusalReason: String?
        /// The stamp given beside the signature, in words; and the box offering it, for a head's place.
        let stamp: String?
        let stampOffered: String?
        /// Whether the person reading may sign this place on screen, or record it from paper.
        let maySignHere: Bool
        let mayRecordPaper: Bool
        /// The mark given at this place, which one who records paper signatures may void if it was a mistake.
        let markID: Int64?
        let mayVoid: Bool
        /// The paper form's name and reason: as typed, when that was refused; else the name known.
        let paperName: String?
        let paperReason: String?
        /// The reason for voiding, as typed when that was refused (its form then open).
        let voidReason: String?
        let voidRefused: Bool
    }
    struct Head { let version: Int; let seq: Int64; let blocks: String; let closedAt: String; let closedBy: String }
    /// A version of the minutes offered beside the trail; the one on the page is not a link.
    struct Version { let number: Int; let shown: Bool }

    let forumID: Int64
    let version: Int
    let title: String
    let placeNames: String
    let placeCode: String
    let when: String
    let venue: String
    let team: [Person]
    let units: [Unit]
    let total: SummaryTable
    let figures: [Figure]
    let hasFigures: Bool
    let challenges: MinutesDocument.ChallengeCounts
    let notes: String?
    let mayEditNotes: Bool
    /// Notes are kept as signed: once someone has signed, the page says why they no longer change.
    let notesSigned: Bool
    let notesValue: String
    let notesVersion: Int
    let signatures: [Signature]
    let isDraft: Bool
    /// Not "head": a unit without a head would be shown this one (an absent name is looked up
    /// further out).
    let chainHead: Head?
    let earlierHeads: [Head]
    let hasEarlierHeads: Bool
    let versions: [Version]
    let hasVersions: Bool
    let error: String?
    let csrf: String

    init(place: RegionCode, document: MinutesDocument, signatories: [Signatory], closings: [ClosingRepository.Closing], currentVersion: Int,
         mayWrite: Bool, mayEditNotes: Bool, notesDraft: (notes: String, version: Int), maySign: (Signatory) -> Bool, mayRecordPaper: Bool,
         draft: MinutesDraft? = nil, error: String?, csrf: String, language: Language) {
        let t = Translations(language: language)
        func time(_ date: Date) -> String { IndonesianTime.format(date, at: place, languageCode: language.rawValue) }
        forumID = document.forumID
        version = document.forumVersion
        title = document.title
        placeNames = document.placeNames.joined(separator: ", ")
        placeCode = document.placeCode
        when = IndonesianTime.format(from: document.startsAt, to: document.endsAt, at: place, languageCode: language.rawValue)
        venue = document.venue
        team = document.team.map { Person(role: t["team_role_\($0.role.rawValue)"], name: $0.name) }
        units = document.units.map {
            Unit(code: $0.code, name: $0.name, head: $0.head, absent: $0.head != nil && !$0.attended, representative: $0.representative,
                 summary: SummaryTable($0.counts.tally, t: t))
        }
        total = SummaryTable(document.total, t: t)
        figures = document.figures.map { Figure(name: $0.name, absent: !$0.attended) }
        hasFigures = !figures.isEmpty
        challenges = document.challenges
        notes = document.notes.isEmpty ? nil : document.notes
        notesValue = notesDraft.notes
        notesVersion = notesDraft.version
        let open = document.forumVersion == currentVersion && mayWrite
        let anySigned = signatories.contains { $0.mark != nil }
        self.mayEditNotes = open && mayEditNotes && !anySigned
        notesSigned = open && mayEditNotes && anySigned
        // A head's place names the unit as its part of the minutes does, its code beside.
        let unitNames = Dictionary(document.units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        signatures = signatories.map { s in
            let mark = s.mark
            let status: String? = mark.map { m in
                let at = time(Date(timeIntervalSince1970: m.recordedAt))
                switch (m.status, m.method) {
                case (.refused, _): return "\(t["minutes_refused"]) (\(at))"
                case (.signed, .screen): return "\(t["minutes_signed_screen"]) (\(at))"
                case (.signed, .paper): return "\(t["minutes_signed_paper"]) \(m.recordedBy) (\(at))"
                }
            }
            var typed: (name: String, reason: String)?
            var voidReason: String?
            switch draft {
            case let .paper(slot, name, reason)? where slot == s.slot: typed = (name, reason)
            case let .void(markID, reason)? where markID == mark?.id: voidReason = reason
            default: break
            }
            let name = mark?.signerName ?? s.name
            return Signature(slot: s.slot, role: t["signatory_\(s.role.rawValue)"], name: name,
                             unit: s.unit.map { code in unitNames[code].map { "\($0) (\(code))" } ?? code }
                                ?? s.village.map { "\($0.name) (\($0.code))" },
                             inPlaceOf: s.refusedBy,
                             signed: mark?.status == .signed, refused: mark?.status == .refused, open: mark == nil, status: status,
                             refusalReason: mark?.refusalReason, stamp: mark?.withStamp == true ? t["minutes_stamp_\(s.role.rawValue)"] : nil,
                             stampOffered: s.role.takesStamp ? t["minutes_with_stamp_\(s.role.rawValue)"] : nil,
                             maySignHere: open && mark == nil && maySign(s), mayRecordPaper: open && mark == nil && mayRecordPaper,
                             markID: mark?.id, mayVoid: open && mark != nil && mayRecordPaper,
                             paperName: typed?.name ?? name, paperReason: typed?.reason,
                             voidReason: voidReason, voidRefused: voidReason != nil)
        }
        let heads = closings.map {
            Head(version: $0.version, seq: $0.head.seq, blocks: $0.head.blocks, closedAt: time($0.closedAt), closedBy: $0.closedBy)
        }
        chainHead = heads.first { $0.version == document.forumVersion }
        isDraft = chainHead == nil
        earlierHeads = heads.filter { $0.version < document.forumVersion }
        hasEarlierHeads = !earlierHeads.isEmpty
        versions = currentVersion > 1 ? (1...currentVersion).map { Version(number: $0, shown: $0 == document.forumVersion) } : []
        hasVersions = !versions.isEmpty
        self.error = error
        self.csrf = csrf
    }
}
