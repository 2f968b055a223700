import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// The database itself refuses bad data, whoever writes it.
final class SchemaConstraintTests: XCTestCase {
    func testRegionCodesMustBeDigitsOfTheirLevelUnderAnExistingParent() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            func region(_ code: String, _ level: String) -> [String] {
                ["INSERT INTO fkp.regions (code, name, level) VALUES ('\(code)', 'X', '\(level)')"]
            }
            await SQLTest.assertRefused("regions_code_digits") { try await SQLTest.write(db, region("32A1", "regency")) }
            await SQLTest.assertRefused("regions_code_length_matches_level") { try await SQLTest.write(db, region("32011", "regency")) }
            await SQLTest.assertRefused("regions_code_length_matches_level") { try await SQLTest.write(db, region("3202", "district")) }
            await SQLTest.assertRefused("regions_parent_code_fkey") { try await SQLTest.write(db, region("3301", "regency")) }
            await SQLTest.assertRefused("regions_parent_code_fkey") { try await SQLTest.write(db, region("32010109990001", "sls")) }
            await SQLTest.assertRefused("regions_regency_number") { try await SQLTest.write(db, region("3270", "regency")) }
            await SQLTest.assertRefused("regions_level_known") { try await SQLTest.write(db, region("3202", "kabupaten")) }
            await SQLTest.assertRefused("regions_non_sls_is_a_unit") {
                try await SQLTest.write(db, ["INSERT INTO fkp.regions (code, name, level, non_sls) VALUES ('3202', 'X', 'regency', true)"])
            }
            try await SQLTest.write(db, region("3271", "regency"))  // a city is fine
        }
    }

    func testFamiliesCarryValidNumbersGroupsAndLiveInAUnit() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let good = SQLTest.family("F1")
            await SQLTest.assertRefused("families_welfare_group_1_to_4") {
                try await SQLTest.write(db, [good.replacingOccurrences(of: "4, '3201010101000001'", with: "4, '3201010101000001'")
                    .replacingOccurrences(of: "', 2, 10.5", with: "', 5, 10.5")])
            }
            await SQLTest.assertRefused("families_head_nik_16_digits") {
                try await SQLTest.write(db, [good.replacingOccurrences(of: "'3201014501800001'", with: "'320101450180000'")])
            }
            await SQLTest.assertRefused("families_kk_number_16_digits") {
                try await SQLTest.write(db, [good.replacingOccurrences(of: "'3201010101000001'", with: "'32010101010000X1'")])
            }
            await SQLTest.assertRefused("families_members_range") {
                try await SQLTest.write(db, [good.replacingOccurrences(of: "'Kp. Babakan', 4,", with: "'Kp. Babakan', 0,")])
            }
            await SQLTest.assertRefused("families_in_a_unit") {
                try await SQLTest.write(db, [SQLTest.family("F2", sls: "3201010001")])
            }
            await SQLTest.assertRefused("families_latitude_in_indonesia") {
                try await SQLTest.write(db, [good, "UPDATE fkp.families SET latitude = 48.85, longitude = 2.35"])
            }
            await SQLTest.assertRefused("families_coordinates_paired") {
                try await SQLTest.write(db, [good, "UPDATE fkp.families SET latitude = -6.6"])
            }
            await SQLTest.assertRefused("families_head_nik_16_digits") {
                try await SQLTest.write(db, [good.replacingOccurrences(of: "'3201014501800001'", with: "'32010145018000012'")])
            }
            await SQLTest.assertRefused("families_id_format") {
                try await SQLTest.write(db, [SQLTest.family("F 1")])
            }
            // The unit and batch references are checked per statement rather than by foreign keys.
            await SQLTest.assertRefused("families_sls_code_fkey") {
                try await SQLTest.write(db, [SQLTest.family("F3", sls: "32010100019999")])
            }
            await SQLTest.assertRefused("families_sls_code_fkey") {
                try await SQLTest.write(db, [good, "UPDATE fkp.families SET sls_code = '32010100019999'"])
            }
            await SQLTest.assertRefused("families_import_batch_id_fkey") {
                try await SQLTest.write(db, [good, "UPDATE fkp.families SET import_batch_id = 404"])
            }
            try await SQLTest.write(db, [good])
            await SQLTest.assertRefused("families_sls_code_fkey") {
                try await SQLTest.write(db, ["DELETE FROM fkp.regions WHERE code = '32010100010001'"])
            }
            await SQLTest.assertRefused("families_sls_code_fkey") {
                try await SQLTest.write(db, ["UPDATE fkp.regions SET code = '32010100010009' WHERE code = '32010100010001'"])
            }
        }
    }

    /// The unit, batch and forum checks read a statement's rows as one set: among hundreds of rows,
    /// the one unit or batch that does not exist is the one named, and one row in a unit whose forum
    /// has opened stops the whole statement.
    func testAStatementOfManyFamiliesIsRefusedForTheOneRowThatBreaksARule() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + SQLTest.forum(units: ["32010100020001"], region: "3201010002"))
            func families(in units: [String]) -> String {
                "INSERT INTO fkp.families (id, sls_code, head_name, address, members, kk_number, head_nik, welfare_group, welfare_score) "
                    + "SELECT 'M' || n, (ARRAY[\(units.map { "'\($0)'" }.joined(separator: ", "))])[1 + n % \(units.count)], 'Kepala', "
                    + "'Kp. Babakan', 4, '3201010101000001', '3201014501800001', 2, n FROM generate_series(1, 300) AS n"
            }
            await SQLTest.assertRefused("32010100019999") {
                try await SQLTest.write(db, [families(in: ["32010100010001", "32010100010002", "32010100019999", "32010100010003"])])
            }
            try await SQLTest.write(db, [families(in: ["32010100010001", "32010100010002", "32010100010003"])])
            await SQLTest.assertRefused("import batch 404") {
                try await SQLTest.write(db, ["UPDATE fkp.families SET import_batch_id = CASE WHEN id = 'M7' THEN 404 END"])
            }
            try await SQLTest.write(db, forum: 1, ["UPDATE fkp.forums SET state = 'open' WHERE id = 1"])
            await SQLTest.assertRefused("families_frozen_by_forum") {
                try await SQLTest.write(db, ["UPDATE fkp.families SET sls_code = CASE WHEN id = 'M9' THEN '32010100020001' ELSE sls_code END"])
            }
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.families WHERE sls_code <> '32010100020001'", as: Int64.self)
            XCTAssertEqual(count, 300)
        }
    }

    func testAForumCoversOneToTwelveUnitsOfItsOwnVillage() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            await SQLTest.assertRefused("forums_one_to_twelve_units") { try await SQLTest.write(db, SQLTest.forum(units: [])) }
            await SQLTest.assertRefused("forum_units_in_one_village") {
                try await SQLTest.write(db, SQLTest.forum(units: ["32010100010001", "32010100020001"]))
            }
            await SQLTest.assertRefused("forum_units_are_units") { try await SQLTest.write(db, SQLTest.forum(units: ["3201010001"])) }
            await SQLTest.assertRefused("forums_region_level") {
                try await SQLTest.write(db, SQLTest.forum(units: ["32010100010001"], region: "3201010"))
            }
            let thirteen = (1...13).map { "INSERT INTO fkp.regions (code, name, level) VALUES ('320101000100\(String(format: "%02d", $0 + 10))', 'RT', 'sls')" }
            try await SQLTest.write(db, thirteen)
            await SQLTest.assertRefused("forum_units_") {
                try await SQLTest.write(db, SQLTest.forum(units: (1...13).map { "320101000100\(String(format: "%02d", $0 + 10))" }))
            }
            // Held above village level, one forum may gather units of two villages of its district.
            try await SQLTest.write(db, [
                "INSERT INTO fkp.forums (region_code, held_at_level, starts_at, ends_at, venue) VALUES ('3201010', 'above_village', now(), now() + interval '2 hours', 'Kantor Kecamatan')",
                "INSERT INTO fkp.forum_units (forum_id, sls_code) VALUES (currval('fkp.forums_id_seq'), '32010100010001'), (currval('fkp.forums_id_seq'), '32010100020001')",
            ])
            let forums = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forums", as: Int64.self)
            XCTAssertEqual(forums, 1, "every refused plan left nothing behind")
        }
    }

    func testAUnitIsInOneOpenForumAndNobodyIsBookedTwiceAtOnce() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + SQLTest.forum(units: ["32010100010001"]))
            await SQLTest.assertRefused("forum_units_one_open_forum") {
                try await SQLTest.write(db, SQLTest.forum(units: ["32010100010001"], starts: "2026-12-02 09:00+07"))
            }
            try await SQLTest.write(db, [
                "INSERT INTO fkp.users (username, display_name) VALUES ('fasil', 'Fasilitator')",
                "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) VALUES (1, 1, 'facilitator')",
            ] + SQLTest.forum(units: ["32010100010002"], starts: "2026-12-01 10:00+07"))
            await SQLTest.assertRefused("forum_team_no_double_booking") {
                try await SQLTest.write(db, ["INSERT INTO fkp.forum_team (forum_id, user_id, team_role) VALUES (2, 1, 'facilitator')"])
            }
        }
    }

    func testReviewsNeedAProposedGroupAndAReasonWhenTheGroupDoesNotFit() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F2", rank: 2),
                                                          SQLTest.family("F9", sls: "32010100010002")] + SQLTest.forum()
                                        + SQLTest.advance(to: .reviewing))
            func review(_ values: String) -> [String] {
                ["INSERT INTO fkp.reviews (forum_id, family_id, verdict, proposed_group, reason, presence, duplicate_of) VALUES \(values)"]
            }
            await SQLTest.assertRefused("reviews_not_fitting_proposes_group") {
                try await SQLTest.write(db, forum: 1, review("(1, 'F1', 'tidak_sesuai', NULL, 'alasan', 'present', NULL)"))
            }
            await SQLTest.assertRefused("reviews_group_change_has_reason") {
                try await SQLTest.write(db, forum: 1, review("(1, 'F1', 'tidak_sesuai', 3, '  ', 'present', NULL)"))
            }
            await SQLTest.assertRefused("reviews_proposed_group_differs") {
                try await SQLTest.write(db, forum: 1, review("(1, 'F1', 'tidak_sesuai', 2, 'sama saja', 'present', NULL)"))
            }
            await SQLTest.assertRefused("reviews_duplicate_names_family") {
                try await SQLTest.write(db, forum: 1, review("(1, 'F1', 'sesuai', NULL, NULL, 'duplicate', NULL)"))
            }
            await SQLTest.assertRefused("reviews_verdict_known") {
                try await SQLTest.write(db, forum: 1, review("(1, 'F1', 'mungkin', NULL, NULL, 'present', NULL)"))
            }
            // F9 lives in a unit the forum does not hold: it is not reviewed there, nor named as a duplicate.
            await SQLTest.assertRefused("family F9 is not in a unit of forum 1") {
                try await SQLTest.write(db, forum: 1, review("(1, 'F9', 'sesuai', NULL, NULL, 'present', NULL)"))
            }
            await SQLTest.assertRefused("family F2: F9 is not a family of forum 1") {
                try await SQLTest.write(db, forum: 1, review("(1, 'F2', 'sesuai', NULL, NULL, 'duplicate', 'F9')"))
            }
            try await SQLTest.write(db, forum: 1, review("(1, 'F1', 'tidak_sesuai', 3, 'Sudah punya warung', 'present', NULL)"))
            try await SQLTest.write(db, forum: 1, review("(1, 'F2', 'sesuai', NULL, NULL, 'duplicate', 'F1')"))
        }
    }

    func testAClosedForumIsReadOnly() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1")] + SQLTest.forum() + SQLTest.advance(to: .reviewing))
            try await SQLTest.write(db, forum: 1, ["INSERT INTO fkp.reviews (forum_id, family_id, verdict) VALUES (1, 'F1', 'sesuai')"]
                                        + SQLTest.advance(from: .reviewing, to: .closed))
            await SQLTest.assertRefused("forum_closed_read_only") {
                try await SQLTest.write(db, forum: 1, ["UPDATE fkp.reviews SET verdict = 'tidak_berpendapat'"])
            }
            await SQLTest.assertRefused("forum_closed_read_only") {
                try await SQLTest.write(db, forum: 1, ["DELETE FROM fkp.reviews"])
            }
        }
    }

    func testRolesAreScopedToAPlaceOfTheirLevel() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + ["INSERT INTO fkp.users (username, display_name) VALUES ('budi', 'Budi')"])
            func assign(_ role: String, _ region: String) -> [String] {
                ["INSERT INTO fkp.role_assignments (user_id, role, region_code) VALUES (1, '\(role)', '\(region)')"]
            }
            await SQLTest.assertRefused("role_assignments_place_level") { try await SQLTest.write(db, assign("sls_head", "3201010001")) }
            await SQLTest.assertRefused("role_assignments_place_level") { try await SQLTest.write(db, assign("bps_staff", "3201010")) }
            await SQLTest.assertRefused("role_assignments_figure_has_forum") { try await SQLTest.write(db, assign("community_figure", "3201010001")) }
            await SQLTest.assertRefused("users_username_format") {
                try await SQLTest.write(db, ["INSERT INTO fkp.users (username, display_name) VALUES ('Bad Name', 'X')"])
            }
            try await SQLTest.write(db, assign("sls_head", "32010100010001"))
        }
    }
}
