extension Messages {
    /// Every action people and commands record, as stored (`review.save`): the audit filter offers
    /// them by name. Each has a name below (`action_` and the code with `_` for `.`); a test holds
    /// the two lists equal.
    static let auditedActions = [
        "forum.plan", "forum.invite", "forum.invite_reissue", "forum.state.open", "forum.attendance", "forum.state.reviewing",
        "review.save", "review.paper", "forum.add_family", "challenge.raise", "challenge.accepted", "challenge.rejected",
        "challenge.withdrawn", "forum.state.ready_to_close", "minutes.notes", "minutes.signed", "minutes.refused", "forum.close",
        "forum.reopen", "rerank.run", "import.regions", "import.families", "user.create", "user.activate", "user.change_password",
        "user.reset_password", "user.disable", "user.enable", "demo.load",
    ]

    /// What each audited action did, in plain words, for the audit pages (AuditFieldLabelTests
    /// checks every action the code writes).
    static let auditActionsIndonesian: [String: String] = [
        "action_challenge_accepted": "Menerima sanggahan",
        "action_challenge_raise": "Mengajukan sanggahan",
        "action_challenge_rejected": "Menolak sanggahan",
        "action_challenge_withdrawn": "Mencatat sanggahan ditarik",
        "action_demo_load": "Memuat data demo",
        "action_forum_add_family": "Menambah keluarga",
        "action_forum_attendance": "Mencatat kehadiran",
        "action_forum_close": "Menutup forum",
        "action_forum_invite": "Mengundang peserta",
        "action_forum_invite_reissue": "Mencetak ulang kode undangan",
        "action_forum_plan": "Merencanakan forum",
        "action_forum_reopen": "Membuka kembali forum",
        "action_forum_state_open": "Membuka forum",
        "action_forum_state_ready_to_close": "Menandai siap ditutup",
        "action_forum_state_reviewing": "Memulai pembahasan daftar",
        "action_import_families": "Memuat daftar keluarga",
        "action_import_regions": "Memuat daftar wilayah",
        "action_minutes_notes": "Menulis catatan berita acara",
        "action_minutes_refused": "Menolak menandatangani berita acara",
        "action_minutes_signed": "Menandatangani berita acara",
        "action_rerank_run": "Memeringkat ulang kabupaten/kota",
        "action_review_paper": "Memasukkan daftar kertas",
        "action_review_save": "Menilai keluarga",
        "action_user_activate": "Mengaktifkan akun",
        "action_user_change_password": "Mengganti kata sandi",
        "action_user_create": "Membuat pengguna",
        "action_user_disable": "Menonaktifkan pengguna",
        "action_user_enable": "Mengaktifkan kembali pengguna",
        "action_user_reset_password": "Mengatur ulang kata sandi",
    ]

    static let auditActionsEnglish: [String: String] = [
        "action_challenge_accepted": "Accepted a challenge",
        "action_challenge_raise": "Raised a challenge",
        "action_challenge_rejected": "Rejected a challenge",
        "action_challenge_withdrawn": "Recorded a challenge withdrawn",
        "action_demo_load": "Loaded demo data",
        "action_forum_add_family": "Added a family",
        "action_forum_attendance": "Recorded attendance",
        "action_forum_close": "Closed the forum",
        "action_forum_invite": "Invited a participant",
        "action_forum_invite_reissue": "Reissued an invitation code",
        "action_forum_plan": "Planned a forum",
        "action_forum_reopen": "Reopened the forum",
        "action_forum_state_open": "Opened the forum",
        "action_forum_state_ready_to_close": "Marked ready to close",
        "action_forum_state_reviewing": "Started the review",
        "action_import_families": "Loaded the families list",
        "action_import_regions": "Loaded the regions list",
        "action_minutes_notes": "Wrote notes on the minutes",
        "action_minutes_refused": "Refused to sign the minutes",
        "action_minutes_signed": "Signed the minutes",
        "action_rerank_run": "Re-ranked the regency",
        "action_review_paper": "Entered the paper list",
        "action_review_save": "Reviewed a family",
        "action_user_activate": "Activated an account",
        "action_user_change_password": "Changed a password",
        "action_user_create": "Created a user",
        "action_user_disable": "Disabled a user",
        "action_user_enable": "Enabled a user",
        "action_user_reset_password": "Reset a password",
    ]
}
