/// The message catalogue: every string a person reads, in Bahasa Indonesia and English, kept by
/// concept in Messages+*.swift. Templates reach it as `{{t.key}}`; a test fails when a key is
/// missing in either language or when a template uses a key the catalogue lacks. A key defined
/// twice stops the server at start-up (and the catalogue test).
enum Messages {
    static let indonesian = joined([commonIndonesian, accountsIndonesian, importsIndonesian, forumIndonesian, reviewIndonesian,
                                    challengesIndonesian, closingIndonesian, auditIndonesian])
    static let english = joined([commonEnglish, accountsEnglish, importsEnglish, forumEnglish, reviewEnglish, challengesEnglish,
                                 closingEnglish, auditEnglish])

    static func catalogue(_ language: Language) -> [String: String] {
        language == .indonesian ? indonesian : english
    }

    private static func joined(_ parts: [[String: String]]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: parts.flatMap { $0 })
    }

    /// General words: the layout, places, welfare groups, error pages.
    static let commonIndonesian: [String: String] = [
        "app_name": "FKP — Forum Konsultasi Publik",
        "app_short": "FKP",
        "skip_to_content": "Langsung ke isi",
        "switch_language": "English",
        "nav_regions": "Wilayah",
        "nav_login": "Masuk",
        "footer_note": "Data Regsosek — BPS. Perubahan tercatat dan dapat diaudit.",
        "regions_title": "Wilayah",
        "regions_intro": "Jumlah keluarga menurut kelompok kesejahteraan pada daftar awal.",
        "regions_all": "Indonesia",
        "regions_code": "Kode",
        "regions_name": "Nama",
        "regions_total": "Jumlah",
        "regions_empty": "Belum ada wilayah di bawah tingkat ini.",
        "regions_non_sls": "Non-SLS",
        "regions_summary": "Ringkasan",
        "level_province": "Provinsi",
        "level_regency": "Kabupaten/Kota",
        "level_district": "Kecamatan",
        "level_village": "Desa/Kelurahan",
        "level_sls": "SLS",
        "level_subsls": "Sub-SLS",
        "group_1": "Sangat miskin",
        "group_2": "Miskin",
        "group_3": "Rentan miskin",
        "group_4": "Tidak miskin",
        "not_found_title": "Halaman tidak ditemukan",
        "not_found_text": "Alamat ini tidak ada, atau Anda tidak berhak melihatnya.",
        "error_title": "Terjadi kesalahan",
        "error_text": "Permintaan tidak dapat diproses. Silakan coba lagi; bila berulang, sebutkan kode ini kepada petugas:",
        "nav_users": "Pengguna",
        "nav_logout": "Keluar",
        "forbidden_title": "Tidak diizinkan",
        "forbidden_text": "Anda tidak berhak melakukan ini di wilayah atau forum ini.",
        "csrf_refused": "Formulir ini sudah kedaluwarsa atau tidak berasal dari halaman ini. Muat ulang halaman lalu kirim lagi.",
        "families_title": "Daftar keluarga (urutan awal)",
        "families_masked": "Nomor KK dan NIK disamarkan.",
        "families_rank": "No.",
        "families_head": "Kepala keluarga",
        "families_members": "ART",
        "families_group": "Kelompok",
        "nav_imports": "Impor",
        "request_refused_title": "Permintaan tidak dapat diproses",
        "bad_request_text": "Isian formulir tidak lengkap atau tidak dikenali. Kembali ke halaman sebelumnya, muat ulang, lalu coba lagi.",
        "too_large_text": "Berkas atau isian terlalu besar.",
        "request_refused_text": "Permintaan ini tidak dapat diproses.",
        "request_refused_back": "Ke halaman awal",
    ]

    static let commonEnglish: [String: String] = [
        "app_name": "FKP — Public Consultation Forum",
        "app_short": "FKP",
        "skip_to_content": "Skip to content",
        "switch_language": "Bahasa Indonesia",
        "nav_regions": "Regions",
        "nav_login": "Log in",
        "footer_note": "Regsosek data — BPS. Every change is recorded and auditable.",
        "regions_title": "Regions",
        "regions_intro": "Families by welfare group on the preliminary list.",
        "regions_all": "Indonesia",
        "regions_code": "Code",
        "regions_name": "Name",
        "regions_total": "Total",
        "regions_empty": "No regions below this level yet.",
        "regions_non_sls": "Non-SLS",
        "regions_summary": "Summary",
        "level_province": "Province",
        "level_regency": "Regency/City",
        "level_district": "District",
        "level_village": "Village",
        "level_sls": "SLS",
        "level_subsls": "Sub-SLS",
        "group_1": "Very poor",
        "group_2": "Poor",
        "group_3": "Vulnerable",
        "group_4": "Not poor",
        "not_found_title": "Page not found",
        "not_found_text": "This address does not exist, or you may not see it.",
        "error_title": "Something went wrong",
        "error_text": "The request could not be processed. Please try again; if it keeps happening, give this code to BPS staff:",
        "nav_users": "Users",
        "nav_logout": "Log out",
        "forbidden_title": "Not allowed",
        "forbidden_text": "You may not do this in this place or forum.",
        "csrf_refused": "This form has expired or did not come from this site. Reload the page and send it again.",
        "families_title": "Families (preliminary order)",
        "families_masked": "Family card and NIK numbers are masked.",
        "families_rank": "No.",
        "families_head": "Head of family",
        "families_members": "Members",
        "families_group": "Group",
        "nav_imports": "Import",
        "request_refused_title": "The request cannot be processed",
        "bad_request_text": "The form was incomplete or not understood. Go back to the previous page, reload it and try again.",
        "too_large_text": "The file or form is too large.",
        "request_refused_text": "This request cannot be processed.",
        "request_refused_back": "To the start page",
    ]
}
