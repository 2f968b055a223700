import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class PlanningTests: XCTestCase {
    /// The facilitator already sits in forum 1 (1 December 2026, 09:00–12:00 WIB).
    static let world = TestAccounts.world + [
        "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 1, id, 'facilitator' FROM fkp.users WHERE username = 'fasil'",
    ]

    private static func userID(_ db: Database, _ name: String) async throws -> String {
        "\(try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = '\(name)'", as: Int64.self) ?? 0)"
    }

    func testBPSStaffPlanAForumWithUnitsScheduleAndTeam() async throws {
        try await WebTest.withApp(seed: Self.world) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let form = try await staff.get("/regions/3201010001/forums/new")
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.text.contains("sudah dalam forum #1"), "a unit in an open forum cannot be chosen")
            XCTAssertTrue(form.text.contains("Uji fasil (fasil, Fasilitator Desa Satu)"))
            let fasil = try await Self.userID(db, "fasil"), bps = try await Self.userID(db, "bps")
            let plan = ["title": "FKP Desa Satu B", "date": "2026-12-02", "starts": "09:00", "ends": "12:00", "venue": "Masjid Al-Ikhlas",
                        "units[0]": "32010100010002", "units[1]": "32010100010003", "facilitator": fasil, "administrator": bps]
            let created = try await staff.post("/regions/3201010001/forums", plan)
            XCTAssertEqual(created.status, .seeOther)
            XCTAssertEqual(created.location, "/forums/3")
            let sentAgain = try await staff.post("/regions/3201010001/forums", plan)
            XCTAssertEqual(sentAgain.location, "/forums/3", "the form sent twice leads to the forum its first sending planned")
            let forums = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forums", as: Int64.self)
            XCTAssertEqual(forums, 3)
            let stored = try await SQLTest.scalar(db, """
                SELECT f.venue || ' ' || to_char(f.starts_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD HH24:MI') || ' '
                       || (SELECT string_agg(sls_code, ',' ORDER BY position) FROM fkp.forum_units WHERE forum_id = f.id) || ' '
                       || (SELECT string_agg(team_role, ',' ORDER BY team_role) FROM fkp.forum_team WHERE forum_id = f.id)
                  FROM fkp.forums f WHERE id = 3
                """, as: String.self)
            XCTAssertEqual(stored, "Masjid Al-Ikhlas 2026-12-02 09:00 32010100010002,32010100010003 administrator,facilitator")
            let audited = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE action = 'forum.plan' AND actor = 'bps'", as: Int64.self)
            XCTAssertEqual(audited, 5, "the forum, two units and two team seats")

            let list = try await staff.get("/regions/3201010001/forums")
            XCTAssertTrue(list.text.contains("FKP Desa Satu B"))
            XCTAssertTrue(list.text.contains("0 / 2 (0%)"), "forum 1: none of its two families reviewed yet")
            let regency = try await staff.get("/regions/3201/forums")
            XCTAssertTrue(regency.text.contains("FKP Desa Satu B"), "the regency lists the forums of its villages")
        }
    }

    /// Some cities hold their forums above village level: a district's forum takes units of its
    /// villages, listed by village, and a village's facilitator may run it.
    func testBPSStaffPlanADistrictsForumAboveVillageLevelFromTheUnitsOfItsVillages() async throws {
        try await WebTest.withApp(seed: Self.world + [
            "INSERT INTO fkp.regions (code, name, level) VALUES ('32010100020002', 'RT 002', 'sls')",
            "INSERT INTO fkp.users (username, display_name, password_hash, must_change_password) "
                + "SELECT 'fasil.dua', 'Uji fasil dua', password_hash, false FROM fkp.users WHERE username = 'fasil'",
            "INSERT INTO fkp.role_assignments (user_id, role, region_code) SELECT id, 'facilitator', '3201010002' FROM fkp.users WHERE username = 'fasil.dua'",
        ]) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let list = try await staff.get("/regions/3201010/forums")
            XCTAssertTrue(list.text.contains(#"href="/regions/3201010/forums/new""#), "a district's forums are planned from its list")
            let form = try await staff.get("/regions/3201010/forums/new")
            XCTAssertEqual(form.status, .ok)
            XCTAssertEqual(form.text.components(separatedBy: #"<details class="village""#).count - 1, 2, "its two villages' units, by village")
            XCTAssertTrue(form.text.contains("Desa Dua") && form.text.contains(#"value="32010100020002">"#))
            XCTAssertTrue(form.text.contains(#"value="32010100010001" disabled"#) && form.text.contains(#"value="32010100020001" disabled"#),
                          "a unit in an open forum, in either village, cannot be chosen")
            XCTAssertTrue(form.text.contains("Uji fasil (fasil, Fasilitator Desa Satu)"),
                          "a facilitator of one of its villages may run it, named with their village")

            let fasil = try await Self.userID(db, "fasil")
            let plan = ["title": "FKP Kecamatan Nanggung", "date": "2026-12-02", "starts": "09:00", "ends": "12:00", "venue": "Aula Kecamatan",
                        "units[0]": "32010100010002", "units[1]": "32010100020002", "facilitator": fasil]
            let created = try await staff.post("/regions/3201010/forums", plan)
            XCTAssertEqual(created.location, "/forums/3", created.text)
            let stored = try await SQLTest.scalar(db, """
                SELECT region_code || ' ' || held_at_level || ' '
                       || (SELECT string_agg(sls_code, ',' ORDER BY position) FROM fkp.forum_units WHERE forum_id = 3)
                  FROM fkp.forums WHERE id = 3
                """, as: String.self)
            XCTAssertEqual(stored, "3201010 above_village 32010100010002,32010100020002")
            let page = try await staff.get("/forums/3")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("FKP Kecamatan Nanggung"))
            XCTAssertTrue(page.text.contains("RT 002 · Desa Satu") && page.text.contains("RT 002 · Desa Dua"),
                          "its units, named alike in their villages, are told apart by them: \(page.text)")
            let edit = try await staff.get("/forums/3/plan")
            XCTAssertTrue(edit.text.contains(#"<details class="village" open>"#) && edit.text.contains(#"value="32010100020002" checked"#), edit.text)
            let replanned = try await staff.post("/forums/3/plan", plan.merging(["venue": "Kantor Camat", "version": "1"]) { $1 })
            XCTAssertEqual(replanned.location, "/forums/3")
            let kept = try await SQLTest.scalar(db, "SELECT held_at_level || ' ' || venue FROM fkp.forums WHERE id = 3", as: String.self)
            XCTAssertEqual(kept, "above_village Kantor Camat")
            let village = try await staff.get("/regions/3201010002/forums")
            XCTAssertTrue(village.text.contains(#"href="/forums/3""#) && village.text.contains(#"href="/forums/2""#),
                          "a village lists the district's forum that takes one of its units, beside its own")
            let unit = try await staff.get("/regions/32010100020002/forums")
            XCTAssertTrue(unit.text.contains(#"href="/forums/3""#) && !unit.text.contains(#"href="/forums/2""#),
                          "a unit lists the forum it is in, not its village's other forums")
            let district = try await staff.get("/regions/3201010/forums")
            XCTAssertEqual(district.text.components(separatedBy: #"href="/forums/3""#).count - 1, 1, "listed once")

            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let runs = try await facilitator.get("/forums/3")
            XCTAssertEqual(runs.status, .ok, "the village's facilitator reaches the district's forum they run")
            try await SQLTest.write(db, forum: 3, SQLTest.advance(forum: 3, to: .reviewing))
            for path in ["/forums/3/units/32010100020002", "/forums/3/units/32010100010002/paper", "/forums/3/units/32010100020002/print",
                         "/forums/3/challenges", "/forums/3/attendance", "/forums/3/invitations"] {
                let reached = try await facilitator.get(path)
                XCTAssertEqual(reached.status, .ok, "\(path) of a district's forum")
            }
            let notPlanner = try await facilitator.get("/regions/3201010/forums/new")
            XCTAssertEqual(notPlanner.status, .forbidden, "planning is BPS staff's")
            var otherVillage = TestBrowser(client)
            try await otherVillage.login("fasil.dua", TestAccounts.password)
            let mine = try await otherVillage.get("/forums/mine")
            XCTAssertTrue(mine.text.contains(#"href="/forums/3""#) && mine.text.contains(#"href="/forums/2""#),
                          "the other village's facilitator finds the district's forum that takes a unit of theirs, beside their own")

            for place in ["3201", "32010100010001"] {
                let elsewhere = try await staff.get("/regions/\(place)/forums/new")
                XCTAssertEqual(elsewhere.status, .notFound, "forums are planned for villages and districts, not \(place)")
            }
            let unitOutside = try await staff.post("/regions/3201010001/forums", plan.merging(["title": "Lain"]) { $1 })
            XCTAssertEqual(unitOutside.status, .unprocessableContent, "a village's forum still takes its own units only")
            XCTAssertTrue(unitOutside.text.contains("harus berada di desa (atau kecamatan) forum ini"), unitOutside.text)
        }
    }

    /// The access rules are by role and place: a village's facilitator opens the pages of a district's
    /// forum only when it takes a unit of their village, and BPS staff do not run forums; so the plan
    /// seats neither as the forum's facilitator.
    func testThePlanSeatsNoFacilitatorWhoCouldNotRunTheForum() async throws {
        try await WebTest.withApp(seed: Self.world + ["INSERT INTO fkp.regions (code, name, level) VALUES ('32010100020002', 'RT 002', 'sls')"]) {
            client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let form = try await staff.get("/regions/3201010/forums/new")
            let seat = form.text.components(separatedBy: #"name="facilitator""#).dropFirst().first?.components(separatedBy: "</select>").first
            XCTAssertTrue(seat?.contains("Uji fasil") == true && seat?.contains("Staf BPS") == false,
                          "the facilitator's seat offers facilitators: \(seat ?? form.text)")
            let fasil = try await Self.userID(db, "fasil"), bps = try await Self.userID(db, "bps")
            let plan = ["title": "FKP Kecamatan Nanggung", "date": "2026-12-02", "starts": "09:00", "ends": "12:00", "venue": "Aula Kecamatan",
                        "units[0]": "32010100020002", "facilitator": fasil]
            let refused = try await staff.post("/regions/3201010/forums", plan)
            XCTAssertEqual(refused.status, .unprocessableContent)
            XCTAssertTrue(refused.text.contains("Uji fasil bertugas di wilayah yang tidak memuat satu pun SLS forum ini"), refused.text)
            XCTAssertTrue(refused.text.contains(#"value="32010100020002" checked"#), "the plan stays in the form, to be mended")
            let staffSeated = try await staff.post("/regions/3201010/forums", plan.merging(["facilitator": bps]) { $1 })
            XCTAssertEqual(staffSeated.status, .unprocessableContent)
            XCTAssertTrue(staffSeated.text.contains("Uji bps tidak dapat menjalankan forum ini"), staffSeated.text)
            let none = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forums", as: Int64.self)
            XCTAssertEqual(none, 2, "nothing planned")

            let withTheirUnit = try await staff.post("/regions/3201010/forums", plan.merging(["units[1]": "32010100010002"]) { $1 })
            XCTAssertEqual(withTheirUnit.location, "/forums/3", withTheirUnit.text)
            try await staff.get("/forums/3/plan")
            let dropped = try await staff.post("/forums/3/plan", plan.merging(["version": "1"]) { $1 })
            XCTAssertEqual(dropped.status, .unprocessableContent, "nor does a changed plan leave them without a unit of theirs")
            XCTAssertTrue(dropped.text.contains("Uji fasil bertugas di wilayah"), dropped.text)
            let kept = try await SQLTest.scalar(db, "SELECT string_agg(sls_code, ',' ORDER BY position) FROM fkp.forum_units WHERE forum_id = 3",
                                                as: String.self)
            XCTAssertEqual(kept, "32010100020002,32010100010002")

            let noFacilitator = try await staff.get("/regions/3201010002/forums/new")
            XCTAssertTrue(noFacilitator.text.contains("Belum ada akun Fasilitator untuk Desa Dua"), noFacilitator.text)
            let link = #"<a href="/users/new?role=facilitator&amp;region_code=3201010002">Buat akun fasilitator</a>"#
            XCTAssertTrue(noFacilitator.text.contains(link), "where to create the village's facilitator")
            let account = try await staff.get("/users/new?role=facilitator&region_code=3201010002")
            XCTAssertTrue(account.text.contains(#"<option value="facilitator" selected>"#) && account.text.contains(#"value="3201010002""#),
                          "the account form comes with the role and the place: \(account.text)")
        }
    }

    func testAPlannedForumsScheduleUnitsAndTeamChangeUntilItOpens() async throws {
        try await WebTest.withApp(seed: Self.world + [
            "INSERT INTO fkp.forum_participants (forum_id, kind, sls_code, full_name) VALUES (1, 'sls_head', '32010100010001', 'Pak Dadang')",
        ]) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let forum = try await staff.get("/forums/1")
            XCTAssertTrue(forum.text.contains(#"href="/forums/1/plan""#), "a planned forum offers its plan to change")
            let form = try await staff.get("/forums/1/plan")
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.text.contains(#"value="2026-12-01""#) && form.text.contains(#"value="09:00""#) && form.text.contains(#"value="12:00""#),
                          "filled with the plan, in the village's time")
            XCTAssertTrue(form.text.contains(#"value="32010100010001" checked"#), "its own unit is chosen, not shown as booked")
            XCTAssertTrue(form.text.contains(#"<input type="hidden" name="version" value="1">"#))
            let fasil = try await Self.userID(db, "fasil"), bps = try await Self.userID(db, "bps")
            let changed = ["title": "FKP Desa Satu", "date": "2026-12-03", "starts": "13:00", "ends": "16:00", "venue": "Masjid Al-Ikhlas",
                           "units[0]": "32010100010003", "units[1]": "32010100010002", "facilitator": fasil, "administrator": bps, "version": "1"]
            let saved = try await staff.post("/forums/1/plan", changed)
            XCTAssertEqual(saved.status, .seeOther)
            XCTAssertEqual(saved.location, "/forums/1")
            let sentTwice = try await staff.post("/forums/1/plan", changed)
            XCTAssertEqual(sentTwice.location, "/forums/1", "the form sent twice finds the plan it asks for: answered as the first sending was")
            let stored = try await SQLTest.scalar(db, """
                SELECT f.venue || ' ' || to_char(f.starts_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD HH24:MI') || ' '
                       || (SELECT string_agg(sls_code, ',' ORDER BY position) FROM fkp.forum_units WHERE forum_id = f.id) || ' '
                       || (SELECT string_agg(team_role, ',' ORDER BY team_role) FROM fkp.forum_team WHERE forum_id = f.id) || ' '
                       || (SELECT count(*) FROM fkp.forum_participants WHERE forum_id = f.id)
                  FROM fkp.forums f WHERE id = 1
                """, as: String.self)
            XCTAssertEqual(stored, "Masjid Al-Ikhlas 2026-12-03 13:00 32010100010003,32010100010002 administrator,facilitator 0",
                           "the unit that left took its head's invitation with it")
            let audited = try await SQLTest.scalar(db, "SELECT count(*) > 0 FROM audit.entries WHERE action = 'forum.replan' AND actor = 'bps'", as: Bool.self)
            XCTAssertEqual(audited, true)

            let stale = try await staff.post("/forums/1/plan", changed.merging(["venue": "Balai Desa"]) { $1 })
            XCTAssertEqual(stale.status, .conflict, "a form older than the plan does not overwrite it")
            XCTAssertTrue(stale.text.contains("telah diubah orang lain"), stale.text)
            XCTAssertTrue(stale.text.contains(#"value="Masjid Al-Ikhlas""#) && stale.text.contains(#"name="version" value="2""#),
                          "the plan as it now is, to change again")

            // Forum 3 right after forum 1 (16:00-19:00): moving forum 1 half an hour on overlaps both its old time and forum 3.
            try await SQLTest.write(db, SQLTest.forum(units: ["32010100010001"], starts: "2026-12-03 16:00+07")
                                    + ["INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 3, id, 'facilitator' FROM fkp.users WHERE username = 'fasil'"])
            let clash = try await staff.post("/forums/1/plan", changed.merging(["starts": "13:30", "ends": "16:30", "version": "2"]) { $1 })
            XCTAssertEqual(clash.status, .conflict)
            XCTAssertTrue(clash.text.contains("Uji fasil sudah bertugas di forum #3 pada waktu yang bersamaan"), clash.text)
            XCTAssertFalse(clash.text.contains("forum #1 pada waktu"), "not with the forum whose plan is changing")

            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let notPlanner = try await facilitator.get("/forums/1/plan")
            XCTAssertEqual(notPlanner.status, .forbidden, "the plan is BPS staff's")
            var otherRegency = TestBrowser(client)
            try await otherRegency.login("bps.other", TestAccounts.password)
            try await otherRegency.get("/regions")
            let elsewhere = try await otherRegency.post("/forums/1/plan", changed.merging(["version": "2"]) { $1 })
            XCTAssertEqual(elsewhere.status, .forbidden, "and only of the forum's own regency")

            try await SQLTest.write(db, forum: 1, SQLTest.advance(to: .open))
            let opened = try await staff.get("/forums/1/plan")
            XCTAssertEqual(opened.location, "/forums/1", "an open forum's plan no longer changes")
            let late = try await staff.post("/forums/1/plan", changed.merging(["version": "2"]) { $1 })
            XCTAssertEqual(late.location, "/forums/1")
            let venue = try await SQLTest.scalar(db, "SELECT venue FROM fkp.forums WHERE id = 1", as: String.self)
            XCTAssertEqual(venue, "Masjid Al-Ikhlas")
        }
    }

    func testAPlannedForumIsCancelledWithAReasonAndFreesItsUnitsAndTeam() async throws {
        try await WebTest.withApp(seed: Self.world) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let form = try await staff.get("/forums/1/plan")
            XCTAssertTrue(form.text.contains(#"action="/forums/1/cancel""#), "the plan's page offers to call the forum off")
            XCTAssertFalse(form.text.contains(#"<details class="card" open>"#), "folded until used")

            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get("/forums/1")
            let notTheirs = try await facilitator.post("/forums/1/cancel", ["version": "1", "reason": "Digabung"])
            XCTAssertEqual(notTheirs.status, .forbidden)
            let noReason = try await staff.post("/forums/1/cancel", ["version": "1", "reason": " "])
            XCTAssertEqual(noReason.status, .unprocessableContent)
            XCTAssertTrue(noReason.text.contains("Alasan pembatalan forum wajib diisi"))
            // The reason is shown on the forum's page to everyone of it.
            let withNIK = try await staff.post("/forums/1/cancel", ["version": "1", "reason": "Pak Budi (NIK 3201014501800001) pindah"])
            XCTAssertEqual(withNIK.status, .unprocessableContent)
            XCTAssertTrue(withNIK.text.contains("Isian &quot;Alasan pembatalan&quot; memuat bilangan sekitar 16 angka"), withNIK.text)
            XCTAssertTrue(withNIK.text.contains(#"<details class="card" open>"#), "the cancelling's form stays open")
            XCTAssertTrue(withNIK.text.contains(#"value="Pak Budi (NIK 3201014501800001) pindah""#), "with the reason typed, to be mended")
            let stale = try await staff.post("/forums/1/cancel", ["version": "0", "reason": "Digabung"])
            XCTAssertEqual(stale.status, .conflict)

            let cancelled = try await staff.post("/forums/1/cancel", ["version": "1", "reason": "Digabung dengan forum RT 002"])
            XCTAssertEqual(cancelled.status, .seeOther)
            let cancelledAgain = try await staff.post("/forums/1/cancel", ["version": "1", "reason": "Digabung dengan forum RT 002"])
            XCTAssertEqual(cancelledAgain.location, "/forums/1", "the form sent twice is answered as its first sending was")
            let cancellings = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE action = 'forum.cancel' AND table_name = 'fkp.forums'",
                                                       as: Int64.self)
            XCTAssertEqual(cancellings, 1)
            let page = try await staff.get("/forums/1")
            XCTAssertTrue(page.text.contains("Forum ini dibatalkan: Digabung dengan forum RT 002"), page.text)
            XCTAssertTrue(page.text.contains(#"<strong class="state">Dibatalkan</strong>"#))
            XCTAssertFalse(page.text.contains("/forums/1/plan") || page.text.contains(#"action="/forums/1/state""#),
                           "a cancelled forum has no plan to change and no move")
            let audited = try await SQLTest.scalar(db, "SELECT reason FROM audit.entries WHERE action = 'forum.cancel'", as: String.self)
            XCTAssertEqual(audited, "Digabung dengan forum RT 002")
            let overview = try await OverviewRepository(database: db).overview(regency: try RegionCode("3201"))
            XCTAssertEqual(overview.villagesWithoutForum.map(\.code), ["3201010001"], "its village has no forum until one is planned again")

            // Its unit and its facilitator, at the same time, go to the forum that replaces it.
            let fasil = try await Self.userID(db, "fasil")
            try await staff.get("/regions/3201010001/forums/new")
            let replacing = try await staff.post("/regions/3201010001/forums", [
                "date": "2026-12-01", "starts": "09:00", "ends": "12:00", "venue": "Balai Desa",
                "units[0]": "32010100010001", "units[1]": "32010100010002", "facilitator": fasil])
            XCTAssertEqual(replacing.status, .seeOther, replacing.text)
            let open = try await RerankRepository(database: db).openForums(regency: try RegionCode("3201"))
            XCTAssertFalse(open.contains(1), "a cancelled forum does not hold the re-ranking back")
            let familyChange = try await SQLTest.attempt(db, setup: [], "UPDATE fkp.families SET head_name = 'Kepala Baru' WHERE id = 'F1'")
            XCTAssertNil(familyChange, "nor does it freeze its families")
            let again = try await staff.post("/forums/1/cancel", ["version": "2", "reason": "Lagi"])
            XCTAssertEqual(again.location, "/forums/1", "a cancelled forum stays as it is")
        }
    }

    func testAPlanThatBreaksARuleIsRefusedNamingTheProblemAndChangesNothing() async throws {
        try await WebTest.withApp(seed: Self.world) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            try await staff.get("/regions/3201010001/forums/new")
            let fasil = try await Self.userID(db, "fasil")
            let base = ["date": "2026-12-01", "starts": "10:00", "ends": "13:00", "venue": "Balai", "facilitator": fasil]
            let noUnits = try await staff.post("/regions/3201010001/forums", base)
            XCTAssertEqual(noUnits.status, .unprocessableContent)
            XCTAssertTrue(noUnits.text.contains("Pilih paling sedikit satu SLS"))
            XCTAssertTrue(noUnits.text.contains(#"value="Balai""#), "what was typed is kept")
            let backwards = try await staff.post("/regions/3201010001/forums", base.merging(["units[0]": "32010100010002", "ends": "08:00"]) { $1 })
            XCTAssertTrue(backwards.text.contains("Jam selesai harus sesudah jam mulai"))
            let doubleBooked = try await staff.post("/regions/3201010001/forums", base.merging(["units[]": "32010100010002"]) { $1 })  // as the browser sends it
            XCTAssertEqual(doubleBooked.status, .conflict)
            XCTAssertTrue(doubleBooked.text.contains("Uji fasil sudah bertugas di forum #1 pada waktu yang bersamaan"))
            let bookedUnit = try await staff.post("/regions/3201010001/forums",
                                                  base.merging(["units[0]": "32010100010001", "date": "2026-12-05"]) { $1 })
            XCTAssertEqual(bookedUnit.status, .conflict)
            XCTAssertTrue(bookedUnit.text.contains("sudah masuk forum lain"))
            let venueWithKK = try await staff.post("/regions/3201010001/forums",
                                                   base.merging(["units[0]": "32010100010002", "venue": "Rumah KK 3201010101000001"]) { $1 })
            XCTAssertEqual(venueWithKK.status, .unprocessableContent)
            XCTAssertTrue(venueWithKK.text.contains("Tempat forum memuat bilangan sekitar 16 angka"), venueWithKK.text)
            XCTAssertTrue(venueWithKK.text.contains(#"value="Rumah KK 3201010101000001""#), "what was typed is kept, for the one who typed it")
            let forums = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forums", as: Int64.self)
            XCTAssertEqual(forums, 2)
        }
    }

    func testOnlyBPSStaffOfTheRegionPlan() async throws {
        try await WebTest.withApp(seed: Self.world) { client, _ in
            for (name, status) in [("fasil", HTTPResponse.Status.forbidden), ("ketua", .forbidden), ("bps.other", .forbidden), ("auditor", .forbidden)] {
                var person = TestBrowser(client)
                try await person.login(name, TestAccounts.password)
                let form = try await person.get("/regions/3201010001/forums/new")
                XCTAssertEqual(form.status, status, name)
                let post = try await person.post("/regions/3201010001/forums", ["date": "2026-12-09", "starts": "09:00", "ends": "10:00",
                                                                                  "venue": "x", "units[0]": "32010100010002"])
                XCTAssertEqual(post.status, .forbidden, name)
            }
            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let list = try await outsider.get("/regions/3201010001/forums")
            XCTAssertEqual(list.status, .notFound)
        }
    }
}
