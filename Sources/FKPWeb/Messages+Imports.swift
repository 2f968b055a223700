/// The catalogue's messages for importing lists, in both languages.
extension Messages {
    static let importsIndonesian: [String: String] = [
        "imports_title": "Impor daftar awal",
        "imports_intro": "Muat berkas CSV wilayah dan keluarga (lihat docs/formats.md). Satu kesalahan saja membuat seluruh berkas ditolak.",
        "imports_done": "Berhasil dimuat:",
        "imports_refused": "Tidak ada yang dimuat dari",
        "imports_more": "dan masalah lain sebanyak",
        "imports_regions": "Berkas wilayah",
        "imports_families": "Berkas keluarga",
        "imports_file": "Berkas",
        "imports_submit": "Unggah dan periksa",
        "imports_past": "Impor sebelumnya",
        "imports_none": "Belum ada impor di wilayah Anda.",
        "imports_who": "Oleh",
        "imports_counts": "Baris · tambah · ubah · hapus",
        "imports_summary_families": "{file}: {rows} baris; {added} keluarga ditambah, {changed} diubah, {removed} dihapus (batch impor {batch}).",
        "imports_summary_regions": "{file}: {rows} baris; {added} wilayah ditambah, {changed} diubah (batch impor {batch}).",
        "imports_summary_unchanged": "{file}: {rows} baris, sama dengan yang sudah ada; tidak ada yang berubah.",
        "imports_kind_regions": "wilayah",
        "imports_kind_families": "keluarga",
    ]

    static let importsEnglish: [String: String] = [
        "imports_title": "Import preliminary lists",
        "imports_intro": "Load the regions and families CSV files (see docs/formats.md). A single problem refuses the whole file.",
        "imports_done": "Loaded:",
        "imports_refused": "Nothing was loaded from",
        "imports_more": "and further problems:",
        "imports_regions": "Regions file",
        "imports_families": "Families file",
        "imports_file": "File",
        "imports_submit": "Upload and check",
        "imports_past": "Past imports",
        "imports_none": "No import in your region yet.",
        "imports_who": "By",
        "imports_counts": "Rows · added · changed · removed",
        "imports_summary_families": "{file}: {rows} rows; {added} families added, {changed} changed, {removed} removed (import batch {batch}).",
        "imports_summary_regions": "{file}: {rows} rows; {added} places added, {changed} changed (import batch {batch}).",
        "imports_summary_unchanged": "{file}: {rows} rows, the same as already loaded; nothing changed.",
        "imports_kind_regions": "regions",
        "imports_kind_families": "families",
    ]
}
