import FKPCore
import Foundation
import PostgresNIO

/// Who signs a forum's minutes and what each of them did: signed on screen, signed on paper as
/// recorded by the administrator, or refused with a reason, which asks the level above.
public struct SignatureRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let markColumns = """
        g.id, g.signer_name, g.status, g.method, g.refusal_reason, g.with_stamp, g.recorded_by,
        extract(epoch FROM g.recorded_at)::float8
        """

    /// The places of the current version's minutes, in signing order, each with what was recorded
    /// there; after them, one place per refusal for the level above.
    public func signatories(forumID: Int64) async throws -> [Signatory] {
        try await database.read { connection in
            var found: [Signatory] = []
            let places = try await connection.query("""
                SELECT s.slot, s.signatory_role, s.participant_id, s.user_id, s.name, s.place_code, v.name,
                       \(unescaped: Self.markColumns)
                  FROM fkp.minutes_signatories(\(forumID)) s
                  LEFT JOIN fkp.regions v ON s.signatory_role = 'village_head' AND v.code = s.place_code
                  LEFT JOIN fkp.signatures g
                    ON g.forum_id = \(forumID) AND g.forum_version = (SELECT forum_version FROM fkp.forums WHERE id = \(forumID))
                   AND g.escalated_from IS NULL
                   AND fkp.signature_slot(g.signatory_role, g.participant_id, g.user_id, NULL, g.village_code) = s.slot
                 ORDER BY s.sort_order, s.place_code, s.name, s.slot
                """, logger: database.logger)
            for try await (slot, role, participant, user, name, place, villageName, id, signer, status, method, refusal, stamp, by, at)
                in places.decode((String, String, Int64?, Int64?, String?, String?, String?, Int64?, String?, String?, String?, String?,
                                  Bool?, String?, Double?).self) {
                guard let role = Signatory.Role(rawValue: role) else { continue }
                let village = Self.village(role, place, villageName)
                found.append(Signatory(slot: slot, role: role, participantID: participant, userID: user, name: name,
                                       unit: village == nil ? place : nil, village: village,
                                       mark: Self.mark(id, signer, status, method, refusal, stamp, by, at)))
            }
            let escalations = try await connection.query("""
                SELECT r.id, fkp.refusal_asks(r.id), r.signer_name, v.code, v.name, \(unescaped: Self.markColumns)
                  FROM fkp.signatures r JOIN fkp.forums f ON f.id = r.forum_id AND f.forum_version = r.forum_version
                  LEFT JOIN fkp.regions v ON v.code = fkp.escalation_village(r.id)
                  LEFT JOIN fkp.signatures g ON g.escalated_from = r.id
                 WHERE r.forum_id = \(forumID) AND r.status = 'refused' AND fkp.refusal_asks(r.id) IS NOT NULL
                 ORDER BY r.id
                """, logger: database.logger)
            for try await (refusal, role, refusedBy, villageCode, villageName, id, signer, status, method, reason, stamp, by, at)
                in escalations.decode((Int64, String, String, String?, String?, Int64?, String?, String?, String?, String?, Bool?, String?,
                                       Double?).self) {
                guard let role = Signatory.Role(rawValue: role) else { continue }
                found.append(Signatory(slot: "escalation:\(refusal)", role: role, participantID: nil, userID: nil, name: nil, unit: nil,
                                       village: Self.village(role, villageCode, villageName), refusedBy: refusedBy,
                                       mark: Self.mark(id, signer, status, method, reason, stamp, by, at)))
            }
            return found
        }
    }

    /// Every signature recorded for one version, in the order given: what a closed version keeps.
    public func recorded(forumID: Int64, version: Int) async throws -> [Signatory] {
        try await database.read { connection in
            var found: [Signatory] = []
            let rows = try await connection.query("""
                SELECT coalesce(fkp.signature_slot(g.signatory_role, g.participant_id, g.user_id, g.escalated_from, g.village_code),
                                'escalation:' || g.escalated_from),
                       g.signatory_role, g.participant_id, g.user_id, coalesce(p.sls_code, g.village_code), v.name, refused.signer_name,
                       \(unescaped: Self.markColumns)
                  FROM fkp.signatures g LEFT JOIN fkp.forum_participants p ON p.id = g.participant_id
                  LEFT JOIN fkp.regions v ON v.code = g.village_code
                  LEFT JOIN fkp.signatures refused ON refused.id = g.escalated_from
                 WHERE g.forum_id = \(forumID) AND g.forum_version = \(version)
                 ORDER BY g.id
                """, logger: database.logger)
            for try await (slot, role, participant, user, place, villageName, refusedBy, id, signer, status, method, refusal, stamp, by, at)
                in rows.decode((String, String, Int64?, Int64?, String?, String?, String?, Int64?, String?, String?, String?, String?, Bool?,
                                String?, Double?).self) {
                guard let role = Signatory.Role(rawValue: role) else { continue }
                let mark = Self.mark(id, signer, status, method, refusal, stamp, by, at)
                let village = Self.village(role, place, villageName)
                found.append(Signatory(slot: slot, role: role, participantID: participant, userID: user, name: mark?.signerName,
                                       unit: village == nil ? place : nil, village: village, refusedBy: refusedBy, mark: mark))
            }
            return found
        }
    }

    /// The village a village head's place names (a forum held above village level); nil for any other place.
    static func village(_ role: Signatory.Role, _ code: String?, _ name: String?) -> Signatory.Village? {
        guard role == .villageHead, let code else { return nil }
        return Signatory.Village(code: code, name: name ?? code)
    }

    static func mark(_ id: Int64?, _ signer: String?, _ status: String?, _ method: String?, _ refusal: String?, _ stamp: Bool?,
                     _ by: String?, _ at: Double?) -> Signatory.Mark? {
        guard let id, let signer, let status = status.flatMap(Signatory.Status.init), let method = method.flatMap(Signatory.Method.init)
        else { return nil }
        return Signatory.Mark(id: id, signerName: signer, status: status, method: method, refusalReason: refusal,
                              withStamp: stamp ?? false, recordedBy: by ?? "", recordedAt: at ?? 0)
    }

    /// Records a signature or a refusal at `place` of the current version. The database checks
    /// that the place exists, is not taken, and that an escalation asks the right level; it takes
    /// signatures only while the forum is ready to close.
    public func record(forumID: Int64, place: Signatory, signerName: String, status: Signatory.Status, method: Signatory.Method,
                       refusalReason: String?, withStamp: Bool, context: WriteContext) async throws {
        try await database.write(context) { connection in
            try await connection.query("""
                INSERT INTO fkp.signatures (forum_id, forum_version, signatory_role, participant_id, user_id, signer_name, status,
                                            method, refusal_reason, escalated_from, with_stamp, recorded_by, village_code)
                SELECT id, forum_version, \(place.role.rawValue), \(place.participantID), \(place.userID), \(signerName),
                       \(status.rawValue), \(method.rawValue), \(refusalReason), \(place.escalatedFrom), \(withStamp), \(context.actor),
                       \(place.village?.code)
                  FROM fkp.forums WHERE id = \(forumID)
                """, logger: database.logger)
        }
    }

    /// Voids a signature or refusal of the current version recorded by mistake (the audit trail
    /// keeps it, with who voided it and why); false when there is no such mark. The database refuses
    /// while the level above answers the refusal (`signatures_escalated_from_fkey`), and outside the
    /// ready-to-close stage.
    public func void(forumID: Int64, markID: Int64, context: WriteContext) async throws -> Bool {
        try await database.write(context) { connection in
            let rows = try await connection.query("""
                DELETE FROM fkp.signatures s USING fkp.forums f
                 WHERE s.id = \(markID) AND s.forum_id = \(forumID) AND f.id = s.forum_id AND s.forum_version = f.forum_version
                RETURNING s.id
                """, logger: database.logger)
            for try await _ in rows.decode(Int64.self) { return true }
            return false
        }
    }
}
