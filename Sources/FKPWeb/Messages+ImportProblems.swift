import FKPCore

/// The problems of an imported file in the reader's language. English is the command line's
/// wording (`ImportProblem.Kind.english`); Bahasa Indonesia is written here, one case each, so a
/// new kind of problem does not compile until it is said in both. Column names, keywords of the
/// format (`province`, `true`) and codes stay as the file writes them.
extension Messages {
    static func importProblem(_ problem: ImportProblem, _ language: Language) -> String {
        guard language == .indonesian else { return problem.description }
        return problem.framed(line: "baris", column: "kolom", value: "nilai", problem: indonesian(problem.problem))
    }

    /// A level's Indonesian name within a sentence (`desa/kelurahan`), from the page's catalogue.
    private static func levelWord(_ level: RegionLevel) -> String {
        (Messages.indonesian["level_\(level.rawValue)"] ?? level.rawValue).lowercased()
    }

    private static func indonesian(_ kind: ImportProblem.Kind) -> String {
        let saveAsCSV = "simpan lembar kerjanya sebagai CSV UTF-8"
        switch kind {
        case .emptyFile: return "berkas kosong: baris judul (nama kolom) wajib ada"
        case .noRowsUnderHeader:
            return "tidak ada satu baris pun di bawah baris judul: tidak ada yang dapat dimuat (daftarnya diekspor dengan filter yang tidak menyisakan baris, atau disimpan sebelum barisnya ditempel?)"
        case .utf16File: return "berkas berformat UTF-16, bukan UTF-8 (simpan sebagai CSV UTF-8)"
        case .workbookOrZipFile: return "berkas ini buku kerja spreadsheet (.xlsx atau .ods) atau arsip zip, bukan CSV (\(saveAsCSV))"
        case .excel97File: return "berkas ini buku kerja Excel 97-2003 (.xls), bukan CSV (\(saveAsCSV))"
        case .gzipFile: return "berkas ini terkompresi (gzip), bukan CSV (ekstrak dahulu)"
        case .compressedFileDamaged:
            return "berkas terkompresi (gzip) ini rusak: isinya tidak dapat diekstrak (kompresi ulang daftarnya, atau kirim tanpa kompresi)"
        case .compressedFileCutOff:
            return "berkas terkompresi (gzip) ini terpotong sebelum akhirnya: terputus saat dikirim atau disalin (kirim ulang seluruh berkasnya)"
        case .unpacksTooLarge(let maximum):
            return "setelah diekstrak, berkas terkompresi ini lebih besar dari \(maximum) MB yang diterima server ini dalam unggahan (pecah per kecamatan, atau minta operator memuatnya dengan fkp import di server)"
        case .pdfFile: return "berkas ini dokumen PDF, bukan CSV"
        case .markupFile: return "berkas ini halaman web (HTML) atau dokumen XML, bukan CSV (yang terunduh halaman masuk atau halaman galat, bukan daftarnya? \(saveAsCSV))"
        case .uploadTooLarge(let maximum):
            return "berkas lebih besar dari \(maximum) MB yang diterima server ini dalam unggahan (pecah per kecamatan, atau minta operator memuatnya dengan fkp import di server)"
        case .pictureFile: return "berkas ini gambar (JPEG, PNG atau GIF), bukan CSV: foto daftar tidak dapat dibaca (unggah berkas CSV daftarnya)"
        case .jsonFile: return "berkas ini JSON, bukan CSV (ekspor daftarnya sebagai CSV)"
        case .formulaKeepingText:
            return "nilai ditulis sebagai =\"...\", rumus yang dipakai program pengekspor agar lembar kerja mempertahankan angka sebagai teks, yang tidak dibaca CSV (tulis nilainya saja, tanpa = dan tanda petiknya)"
        case .quoteInsideUnquotedField:
            return "ada tanda petik di dalam isian yang tidak diapit petik (apit seluruh isian dengan petik dan gandakan petiknya)"
        case .textAfterClosingQuote:
            return "ada teks setelah tanda petik penutup: nilai yang diawali tanda petik berakhir pada tanda petik berikutnya (tanda petik di "
                + "dalam nilai ditulis dua kali, dan seluruh nilainya diapit tanda petik: \"Agus \"\"Gus\"\" Saputra\")"
        case .quoteEscapedWithBackslash:
            return "tanda petik di dalam nilai berpetik ditulis sebagai \\\", seperti ekspor sebagian program: CSV menulisnya dua kali, \"\" (ganti \\\" dengan \"\" lalu simpan ulang)"
        case .quoteClosesWithTextAfter(let line):
            return "tanda petik yang dibuka di sini baru tertutup di baris \(line) dan diikuti teks (tanda petik penutup terlewat?)"
        case .quoteNeverClosed: return "isian yang dibuka dengan tanda petik tidak pernah ditutup"
        case .recordTooLong(let maximum):
            return "baris ini lebih panjang dari \(maximum / 1024) KiB, jauh melebihi baris daftar mana pun (tanda petik tidak ditutup, atau bukan berkas daftar?)"
        case .nulByte: return "ada byte NUL (0x00), yang tidak dapat dimuat dalam teks"
        case .notUTF8: return "ada byte yang bukan UTF-8: berkas disimpan dengan pengodean lain (simpan sebagai CSV UTF-8)"
        case .lineInOneField:
            return "seluruh baris menjadi satu nilai di dalam tanda petik, seperti bila daftar ditempel ke satu kolom lembar kerja lalu disimpan (muat berkas CSV-nya sendiri, atau pisahkan kolom itu pada koma: Data, Teks ke Kolom)"
        case .headerNotFirst(let line): return "baris judul (nama kolom) harus baris pertama, dan baris judul ada di baris \(line) (hapus baris-baris di atasnya)"
        case .headerMissing(let header): return "baris pertama adalah baris data, bukan baris judul (nama kolom): berkas ini tidak memiliki baris judul (tambahkan baris ini di atasnya: \(header))"
        case .familiesListAsRegions: return "ini daftar keluarga, bukan daftar wilayah (muat sebagai berkas keluarga)"
        case .regionsListAsFamilies: return "ini daftar wilayah, bukan daftar keluarga (muat sebagai berkas wilayah)"
        case .exportOfThisServer(.finalList):
            return "ini daftar akhir, hasil pemeringkatan ulang seperti yang ditulis fkp export final, bukan daftar awal untuk dimuat"
        case .exportOfThisServer(.dataCorrections): return "ini perbaikan data kabupaten/kota yang diterima, seperti yang diekspor server ini, bukan daftar untuk dimuat"
        case .exportOfThisServer(.auditTrail): return "ini ekspor jejak audit, bukan daftar untuk dimuat"
        case .headerSeparatedBy(";"):
            return "baris judul dipisahkan dengan ';', bukan koma: komputer dengan pengaturan bahasa Indonesia menyimpan CSV seperti ini, karena koma "
                + "adalah tanda desimalnya (di pengaturan wilayah Windows ubah pemisah daftar menjadi koma dan simbol desimal menjadi titik, lalu simpan "
                + "lagi; atau unduh lembarnya sebagai CSV dari Google Spreadsheet, yang memakai koma)"
        case .headerInOtherQuotes(single: true):
            return "nama-nama kolom diapit tanda petik tunggal ('family_id'), yang tidak dibaca CSV sebagai tanda petik: program yang menulis berkas memakai ' sebagai tanda petik (simpan lagi berkasnya dengan tanda petik ganda, \", sebagai tanda petik, atau tanpa tanda petik)"
        case .headerInOtherQuotes(single: false):
            return "nama-nama kolom diapit tanda petik lengkung (“family_id”), yang tidak dibaca CSV sebagai tanda petik, seperti yang ditulis pengolah kata atau ponsel (tulis nama kolom tanpa tanda petik)"
        case .headerSeparatedBy(let separator):
            let shown = separator == "\t" ? "tab" : "'\(separator)'"
            return "baris judul dipisahkan dengan \(shown), bukan koma (simpan berkas sebagai CSV berpemisah koma)"
        case .codesSplitByLevel(inFamilies: true):
            return "kode unit dipecah menjadi satu kolom per tingkat (kdprov, kdkab, kdkec, kddesa, kdsls, seperti di register BPS): format ini memakai satu kolom, sls_code, dengan bagian-bagiannya digabung (32, 01, 010, 001, 0001 menjadi 32010100010001)"
        case .codesSplitByLevel(inFamilies: false):
            return "wilayah ditulis dalam satu kolom per tingkat (kdprov, kdkab, kdkec, kddesa, seperti di master file BPS): daftar wilayah berisi satu baris per wilayah, code,name,level, dengan kode utuh (32, 3201, 3201010, 3201010001...)"
        case .unknownColumn(let columns, let invisible):
            return "kolom tidak dikenal (kolom yang berlaku: \(columns.joined(separator: ", ")))"
                + (invisible ? "; namanya memuat karakter tak terlihat, simpan berkas tanpa karakter itu" : "")
        case .unknownColumns(let names, let columns):
            return "\(names.count) kolom tidak dikenal: \(ImportProblem.Kind.someOf(names, more: { "dan \($0) lainnya" })) "
                + "(kolom yang berlaku: \(columns.joined(separator: ", ")); hapus kolom lainnya dari berkas)"
        case .unnamedColumn:
            return "kolom tanpa nama (program lembar kerja menyimpan kolom yang dikosongkan tetapi tidak dihapus seperti ini: hapus kolom-kolom setelah kolom terakhir lalu simpan ulang)"
        case .unnamedFirstColumn:
            return "kolom pertama tanpa nama: nomor baris yang ditulis pandas dan R bila tidak dilarang (to_csv(index=False), write.csv(row.names = FALSE)), atau kolom yang dikosongkan tetapi tidak dihapus (hapus kolom itu)"
        case .columnNamedOtherwise(let name): return "tulis nama kolom ini sebagai \(name), dengan garis bawah"
        case .rowNumberColumn: return "kolom nomor urut, yang tidak ada dalam format ini (hapus kolom ini)"
        case .remarksColumn: return "kolom keterangan, yang tidak ada dalam format ini (hapus kolom ini, atau simpan keterangannya di salinan lembar kerja)"
        case .coordinatesInOneColumn: return "kedua koordinat dalam satu kolom: format ini memakai dua kolom, latitude dan longitude, masing-masing dalam derajat desimal"
        case .columnWithMark(let name): return "tulis nama kolom ini saja, \(name), tanpa tanda yang ditambahkan templat di belakangnya"
        case .columnInOtherWords(let name): return "tulis nama kolom ini sebagai \(name): nama kolom dalam format berbahasa Inggris"
        case .columnTwice: return "kolom ini muncul dua kali"
        case .requiredColumnMissing: return "kolom wajib tidak ada di baris judul"
        case .headerRepeated: return "baris judul (nama kolom) muncul lagi, seperti bila dua berkas digabung (hapus baris ini)"
        case .otherListJoined(let regions, let rows):
            return "baris judul daftar \(regions ? "wilayah" : "keluarga"), dengan \(rows) baris di bawahnya: dua daftar digabung dalam satu berkas "
                + "(muat setiap daftar sendiri-sendiri, daftar wilayah lebih dulu)"
        case .columnNumbersRow: return "baris penomoran kolom, (1), (2), (3)..., seperti yang ada di bawah baris judul tabel laporan (hapus baris ini)"
        case .headerRepeatedInOtherWords: return "nama-nama kolom muncul lagi dengan kata lain, seperti baris judul kedua sebuah templat yang menjelaskan kolom-kolomnya (hapus baris ini)"
        case .fieldCount(let found, let inHeader):
            return "berisi \(found) isian, padahal baris judul berisi \(inHeader) kolom"
                + (found > inHeader ? " (nilai yang memuat koma harus diapit tanda petik ganda)" : "")
        case .fileEndsMidRow(let found, let inHeader):
            return "berkas berakhir di tengah baris ini, \(found) dari \(inHeader) kolom di baris judul: berkas terpotong, seperti yang terjadi bila unduhan, penyalinan atau penyimpanan berkas tidak selesai (ambil lagi berkas yang lengkap)"
        case .rowSplitByLineBreak(let next):
            return "ganti baris di dalam sebuah nilai memotong baris ini, yang berlanjut di baris \(next): nilai yang memuat ganti baris harus diapit tanda petik ganda (apit nilainya, atau hapus ganti barisnya)"
        case .rowJoinedWithHeader:
            return "satu baris data lalu nama-nama kolom dalam satu baris, seperti bila dua berkas digabung dan berkas pertama tidak diakhiri ganti baris (pisahkan barisnya sebelum nama-nama kolom itu, lalu hapus nama-nama itu)"
        case .oneValueLine(let inHeader):
            return "hanya satu nilai, padahal baris judul memiliki \(inHeader) kolom: judul atau catatan di atas atau di bawah daftar? (hapus baris ini)"
        case .mostlyEmpty(let filled):
            return "sebagian besar baris ini kosong, hanya \(ImportProblem.Kind.listed(filled, and: "dan")) yang terisi: jumlah atau catatan di bawah daftar, atau keluarga yang belum diisi (hapus baris ini, atau lengkapi isinya)"
        case .emptyFieldsAtEnd(let found, let inHeader):
            return "berisi \(found) isian, padahal baris judul berisi \(inHeader) kolom; "
                + (found - inHeader == 1 ? "isian terakhir kosong: ada koma di akhir baris (hapus koma itu)"
                                         : "\(found - inHeader) isian terakhir kosong: ada koma di akhir baris (hapus koma-koma itu)")
        case .optionalColumnsLeftOut(let found, let inHeader, let columns):
            return "berisi \(found) isian, padahal baris judul berisi \(inHeader) kolom: baris ini tidak memuat \(columns.joined(separator: " dan ")) "
                + (columns.count == 1 ? "di akhirnya, yang kosong (tulis satu koma untuknya, atau, bila tidak ada baris yang mengisinya, hapus kolom itu dari baris judul)"
                                      : "di akhirnya, yang kosong (tulis satu koma untuk masing-masing, atau, bila tidak ada baris yang mengisinya, hapus kolom-kolom itu dari baris judul)")
        case .optionalColumnsInNoRow(let columns, let rows):
            return "tidak ada baris yang memuat \(columns.joined(separator: " dan ")): semua \(rows) baris berakhir sebelum "
                + (columns.count == 1 ? "kolom itu (hapus kolom itu dari baris judul)" : "kolom-kolom itu (hapus kolom-kolom itu dari baris judul)")
        case .commaInsideCurlyQuotes(let found, let inHeader):
            return "berisi \(found) isian, padahal baris judul berisi \(inHeader) kolom: nilai yang memuat koma diapit tanda petik lengkung (“ ”), yang tidak dibaca CSV sebagai tanda petik (pakai tanda petik ganda lurus: \")"
        case .commaInsideSingleQuotes(let found, let inHeader):
            return "berisi \(found) isian, padahal baris judul berisi \(inHeader) kolom: nilai yang memuat koma diapit tanda petik tunggal, yang tidak dibaca CSV sebagai tanda petik (simpan lagi berkasnya dengan tanda petik ganda, \", sebagai tanda petik)"
        case .emptyBelowAValue:
            return "tidak boleh kosong: baris di atasnya memuat kode dan baris ini tidak, seperti lembar kerja menyimpan kode yang ditulis sekali untuk sekelompok baris atau di sel yang digabung (tulis kodenya di setiap baris: pisahkan sel yang digabung, lalu isi ke bawah)"
        case .empty: return "wajib diisi"
        case .longerThan(let characters): return "lebih dari \(characters) karakter"
        case .startsAsFormula(let text):
            return "\(text == .name ? "nama" : "alamat") yang diawali seperti rumus lembar kerja (dengan =, +, - atau @), yang akan dijalankan program lembar kerja saat daftarnya dibuka (hapus tanda itu)"
        case .invisibleCharacter(let scalar, let text):
            return "memuat \(characterName(scalar)): \(text == .name ? "nama" : "alamat") harus satu baris teks biasa"
        case .encodedTwice(let meant):
            return "hurufnya rusak, seperti bila berkas UTF-8 dibuka sebagai teks Windows lalu disimpan lagi; seharusnya '\(meant.spellingInvisibleCharacters)' (kembali ke berkas seperti yang dikirim dan buka sebagai UTF-8)"
        case .htmlEntities(let meant):
            return "ditulis dengan kode karakter HTML (seperti &#39; atau &amp;), seperti yang ditulis kode sumber halaman web, bukan "
                + "karakternya sendiri; seharusnya '\(meant.spellingInvisibleCharacters)' (tulis karakternya sendiri)"
        case .personalNumberInText(let text):
            return "memuat bilangan sekitar 16 angka, seperti NIK atau nomor KK: \(text == .name ? "nama" : "alamat") ditampilkan utuh kepada "
                + "setiap orang yang melihat daftar, nomor pribadi hanya kepada staf BPS (isi di kolomnya, kk_number atau head_nik, bukan di sini)"
        case .questionMarkForCharacter:
            return "tanda tanya yang menempel pada huruf: karakter yang tidak dapat ditulis program penyimpan berkas dalam set karakternya "
                + "(huruf bertanda, karakter aksara lain), tertulis sebagai ? (simpan daftar sebagai CSV UTF-8 lalu ketik ulang karakternya)"
        case .replacementCharacter:
            return "memuat �, yang ditulis program untuk karakter yang tidak dapat dibacanya: berkas dibuka dengan set karakter yang salah "
                + "lalu disimpan lagi, sehingga karakternya hilang (kembali ke berkas seperti yang dikirim, atau ketik ulang karakternya)"
        case .notALevel: return "harus salah satu dari province, regency, district, village, sls, subsls"
        case .notALevelCodeSays(let level):
            return "harus salah satu dari province, regency, district, village, sls, subsls: kodenya \(level.codeLength) digit, jadi tingkatnya \(level.rawValue)"
        case .levelNamedOtherwise(let level): return "tulis tingkatnya dengan kata dalam format: \(level.rawValue) untuk tingkat ini"
        case .levelNamedOtherwiseCodeSays(let named, let codeSays):
            return "nama tingkat \(named.rawValue), tetapi kodenya \(codeSays.codeLength) digit, jadi tingkatnya \(codeSays.rawValue) "
                + "(tulis tingkatnya dengan kata dalam format, \(codeSays.rawValue) untuk kode ini, atau perbaiki kodenya)"
        case .regionCode(.notDigits): return "kode hanya berisi angka"
        case .regionCode(.unknownLength(let digits)):
            return "\(digits) digit bukan panjang kode tingkat mana pun (2, 4, 7, 10, 14 atau 16)"
        case .regionCode(.reservedRegencyNumber(let number)):
            return "nomor kabupaten/kota \(number) tidak dipakai (01-69 kabupaten, 71-99 kota)"
        case .regionCode(.unusedProvinceNumber(let number)): return "nomor provinsi \(number) tidak dipakai (nomor provinsi 11 sampai 99)"
        case .codeLengthForLevel(let level, let found):
            return "kode tingkat \(level.rawValue) terdiri atas \(level.codeLength) digit, bukan \(found)"
        case .notTrueOrFalse: return "harus true atau false"
        case .trueOrFalseInOtherWords(let meant): return "tulis true atau false: \(meant) untuk nilai ini"
        case .nonSLSAsLevel: return "Non-SLS bukan tingkat: tulis sls di sini dan true di kolom non_sls (tambahkan kolom itu ke baris judul bila belum ada)"
        case .nonSLSAboveUnits: return "hanya SLS atau sub-SLS yang dapat berstatus Non-SLS"
        case .familyIDForm: return "paling banyak 32 huruf, angka, titik, garis bawah atau tanda hubung"
        case .unitCodeForm: return "kode SLS terdiri atas 14 digit, kode sub-SLS 16 digit"
        case .placeAboveUnit(let level):
            return "kode \(levelWord(level)), \(level.codeLength) digit: keluarga dicantumkan di SLS-nya, yang kodenya 14 digit, atau di sub-SLS-nya (16 digit)"
        case .membersRange: return "harus bilangan bulat dari 1 sampai 99"
        case .numberWithWord(let number): return "angka dengan kata: tulis angkanya saja, \(number) untuk yang ini"
        case .numberAsText(let text):
            return "\(text == .name ? "angka di tempat nama" : "bilangan sekitar 16 angka di tempat alamat"): kolom-kolomnya mungkin bergeser atau tertukar (bandingkan urutan baris judul dengan nilainya)"
        case .groupAndScoreSwapped: return "welfare_group dan welfare_score tertukar: skor di tempat kelompok, kelompok di tempat skor"
        case .decileNotGroup: return "desil, bukan salah satu dari empat kelompok kesejahteraan daftar awal (tulis kode kelompoknya: 1, 2, 3 atau 4)"
        case .welfareGroupRange: return "kelompok kesejahteraan adalah 1, 2, 3 atau 4"
        case .welfareGroupLabel(let group): return "tulis kode kelompok kesejahteraan, \(group.code) untuk label ini"
        case .notDecimal: return "bukan bilangan desimal (pakai titik: 12.5)"
        case .scientificNotation(let writtenOut):
            return "bilangan dalam notasi ilmiah, seperti yang ditulis program lembar kerja atau program statistik untuk bilangan yang sangat kecil atau sangat besar, mungkin dengan digit terakhir terpotong (tulis lengkap dengan semua digitnya\(writtenOut.map { ": \($0) untuk yang ini" } ?? ""))"
        case .notSixteenDigits(let digits): return digits.map { "\($0) digit, bukan 16" } ?? "tidak terdiri atas 16 digit"
        case .letterAmongDigits(let position, let letter, let length):
            return "\(length) karakter, tetapi karakter ke-\(position) adalah huruf \(letter), bukan angka"
                + (["O", "o"].contains(letter) ? " (diketik sebagai nol?)" : ["I", "l"].contains(letter) ? " (diketik sebagai satu?)" : "")
        case .notPlainCharacters(let writtenOut):
            return "bilangan yang ditulis dengan karakter yang hanya mirip angka, tanda minus atau titik, seperti yang ditulis pengolah kata atau halaman web ("
                + (writtenOut.map { "tulis \($0)" } ?? "ketik ulang dengan angka biasa") + ")"
        case .thousandsSeparators(let writtenOut):
            return "bilangan dengan pemisah ribuan, seperti yang ditampilkan lembar kerja untuk sel yang diformat begitu (tulis tanpa pemisahnya, desimalnya setelah titik: \(writtenOut) untuk yang ini)"
        case .percentage:
            return "persentase, seperti yang ditampilkan lembar kerja untuk sel yang diformat begitu, bukan bilangannya sendiri (format kolom ini sebagai angka biasa lalu simpan ulang)"
        case .spreadsheetNumber:
            return "diubah program lembar kerja menjadi angka yang dibulatkan (seperti 3,2E+15) sehingga digit terakhirnya hilang (jadikan kolom ini Teks lalu isi ulang angkanya)"
        case .roundedBySpreadsheet(let numbers):
            return "semua \(numbers) angka di kolom ini berakhir dengan 0: program lembar kerja hanya menyimpan 15 digit pertamanya dan menulis 0 untuk sisanya (jadikan kolom ini Teks lalu isi ulang angkanya)"
        case .spreadsheetTextMark: return "diawali tanda petik, tanda teks pada program lembar kerja (hapus tanda petiknya)"
        case .inOtherQuotes(single: true):
            return "diapit tanda petik tunggal, yang dibaca CSV sebagai bagian nilai, bukan sebagai tanda petik (program yang menulis berkas memakai ' sebagai tanda petik: tulis nilainya tanpa tanda petik itu, atau simpan lagi berkasnya dengan tanda petik ganda, \", sebagai tanda petik)"
        case .valuesInSingleQuotes(let rows, let columns):
            return "nilai diapit tanda petik tunggal di setiap baris dari \(rows) baris, di \(columns.joined(separator: ", ")): program yang menulis berkas memakai ' sebagai tanda petik, yang dibaca CSV sebagai bagian nilai (simpan lagi berkasnya dengan tanda petik ganda, \", sebagai tanda petik)"
        case .inOtherQuotes(single: false):
            return "diapit tanda petik lengkung (“ ”), yang dibaca CSV sebagai bagian nilai, bukan sebagai tanda petik (pengolah kata atau ponsel mengubah tanda petik lurus menjadi lengkung: tulis nilainya tanpa tanda petik itu)"
        case .placeholderForMissing: return "tanda yang diketik karena nilainya tidak diketahui, bukan nilai (isi nilainya; bila kolom ini boleh kosong, biarkan selnya kosong)"
        case .nameNotKnown:
            return "kata yang menyatakan namanya tidak diketahui, bukan nama (isi namanya: daftar forum menemukan setiap keluarga dari nama kepala keluarganya)"
        case .cellTooNarrow:
            return "tanda lembar kerja untuk sel yang terlalu sempit untuk menampilkan angkanya, tersimpan menggantikan angka itu (lebarkan kolomnya, atau format sebagai Teks, lalu simpan lagi)"
        case .scoreReadAsThousands(let meant, let lowest, let highest):
            return "bilangan bulat jauh di atas skor-skor berdesimal dalam daftar (dari \(lowest) sampai \(highest)), yang akan menempatkan keluarga ini "
                + "di antara yang terkaya di satuannya: titiknya hilang, \(readAsThousands(meant)) (tulis skornya dengan titiknya; \(openAsText))"
        case .coordinateReadAsThousands(let meant):
            return "bilangan bulat di luar Indonesia: titiknya hilang, \(readAsThousands(meant)) (tulis dengan titiknya; \(openAsText))"
        case .numberShownAsDate:
            return "tanggal di awal kalender lembar kerja: selnya berisi angka tetapi berformat tanggal, sehingga angka itu ditampilkan sebagai sekian hari sesudah hari pertama kalendernya (ubah format kolomnya menjadi angka biasa lalu simpan lagi)"
        case .missingValueMark:
            return "tanda nilai kosong yang ditulis program (NA dari R, NaN dari pandas, NULL dari basis data), bukan nilai daftar (biarkan sel kosong bila nilainya tidak diketahui; di R, write.csv(na = \"\"))"
        case .spreadsheetError:
            return "nilai galat program lembar kerja, bukan nilai daftar: rumus yang mengisi sel ini gagal (perbaiki rumusnya, atau tempel kolom itu sebagai nilai, lalu simpan lagi)"
        case .wholeNumberAsDecimal:
            return "bilangan bulat yang ditulis sebagai desimal, seperti yang ditulis program yang membaca kolomnya sebagai desimal (misalnya pandas) atau lembar kerja yang menampilkan desimal (tulis tanpa tanda desimal dan angka nol sesudahnya)"
        case .scoresAreGroups(let rows):
            return "di semua \(rows) baris skornya sama dengan kelompok kesejahteraan baris itu: kolomnya diisi dari welfare_group, dan "
                + "urutan setiap satuan akan menurut kelompok dan family_id saja (isi skor masing-masing keluarga)"
        case .familyIDIsPersonalNumber(let kk):
            return "\(kk ? "nomor KK" : "NIK kepala keluarga") baris ini: ID keluarga ditampilkan utuh di setiap halaman dan setiap ekspor, "
                + "sedangkan nomor pribadi disamarkan bagi semua kecuali staf BPS (isi ID keluarga dari BPS, bukan nomor pribadi)"
        case .kkNumbersAreNIKs(let rows):
            return "di semua \(rows) baris nomor KK sama dengan NIK kepala keluarga: kolomnya diisi dari head_nik (isi nomor KK setiap keluarga)"
        case .sameNumberOnEveryRow(let rows):
            return "nomor yang sama di semua \(rows) baris: satu nilai yang ditarik ke bawah atau ditempel ke seluruh kolom (isi nomor masing-masing baris)"
        case .sameNameOnEveryRow(let rows):
            return "nama yang sama di semua \(rows) baris: satu nama yang ditarik ke bawah atau ditempel ke seluruh kolom (isi nama kepala keluarga di setiap baris)"
        case .samePlaceNameOnEveryRow(let rows):
            return "nama yang sama di semua \(rows) baris, untuk wilayah dari beberapa tingkat: satu nama yang ditarik ke bawah atau ditempel ke seluruh "
                + "kolom (isi nama setiap wilayah)"
        case .columnNamesSwapped(let one, let other):
            return "nilai di bawah nama \(one) adalah nilai \(other), dan nilai di bawah \(other) adalah nilai \(one): kedua nama itu tertukar di baris judul (tukar kembali)"
        case .columnNamesMovedRound(let under, let valuesOf):
            return "nama-nama di baris judul berada di atas nilai kolom lain: "
                + zip(under, valuesOf).enumerated().map { $0.offset == 0 ? "di bawah \($0.element.0) ada nilai \($0.element.1)" : "di bawah \($0.element.0) nilai \($0.element.1)" }
                    .joined(separator: ", ")
                + " (letakkan setiap nama di atas nilainya sendiri)"
        case .namesReadAsAddresses(let count, let of):
            return "\(count) dari \(of) nama kepala keluarga terbaca sebagai alamat (ada nomor rumah, RT atau RW, Jl., Kp.): head_name dan address tertukar di baris judul? (kolom bernama head_name harus berisi nama kepala keluarga)"
        case .groupsFromZero(let rows):
            return "semua \(rows) kelompok kesejahteraan bernilai 0 sampai 3: dinomori mulai 0, seperti pada sebagian sistem? Kelompok format ini "
                + "1 (termiskin) sampai 4: bila 0 yang termiskin, tambahkan satu pada setiap kelompok, bukan hanya pada yang 0"
        case .groupsAsDeciles(let rows, let aboveFour):
            return "semua \(rows) kelompok kesejahteraan bernilai 1 sampai 10, \(aboveFour) di antaranya di atas 4: desil, bukan empat kelompok "
                + "kesejahteraan daftar awal? (isi kelompok setiap keluarga: 1, 2, 3 atau 4; desil 4 ke bawah juga bukan kelompok)"
        case .membersAndGroupSwapped(let aboveFour):
            return "semua jumlah anggota 1 sampai 4 dan semua kelompok kesejahteraan bilangan bulat, \(aboveFour) di antaranya di atas 4: members dan welfare_group tertukar di baris judul? (kelompok bernilai 1, 2, 3 atau 4)"
        case .scoresRunReversed(let poorest, let itsMean, let richest, let theirMean):
            return "skornya terbalik: rata-rata skor keluarga kelompok \(poorest) adalah \(itsMean), kelompok \(richest) \(theirMean), "
                + "padahal skor yang lebih rendah berarti keluarga yang lebih miskin (apakah ini skor yang makin tinggi makin miskin, misalnya "
                + "peluang miskin? daftar harus memuat skor kesejahteraan, terendah untuk yang termiskin, atau urutan setiap satuan menjadi terbalik)"
        case .oneScorePerUnit(let units, let rows) where units == 1:
            return "skor yang sama di semua \(rows) baris: urutan keluarga berasal dari skor, dan akan menjadi menurut family_id saja "
                + "(kolom yang ditarik ke bawah, atau daftar diekspor tanpa skornya? isi skor masing-masing keluarga)"
        case .oneScorePerUnit(let units, let rows):
            return "di masing-masing dari \(units) satuan, semua keluarga memiliki skor yang sama (\(rows) baris): urutan dalam satuan berasal dari skor, "
                + "dan akan menjadi menurut family_id saja (skor diberikan untuk setiap satuan atau desa, bukan untuk setiap keluarga? isi skor masing-masing keluarga)"
        case .valuesInOtherWords(let written, let write, let rows):
            return "semua \(rows) nilai ditulis dengan kata lain, bukan kata format: tulis "
                + zip(written, write).map { "\($0.1) untuk \($0.0)" }.joined(separator: ", ") + " (ganti di seluruh kolom)"
        case .columnEmpty(let rows):
            return "kosong di semua \(rows) baris: kolom ini ada di baris judul tetapi nilainya tidak ada di berkas (daftar diekspor tanpa nilai-nilai itu? format mewajibkannya)"
        case .columnWrittenAsDecimals(let values):
            return "semua \(values) nilai di kolom ini berakhir dengan .0, seperti bilangan bulat yang ditulis program yang membaca kolomnya sebagai desimal (misalnya pandas) (tulis tanpa .0)"
        case .digitsInGroups: return "angka ditulis berkelompok, dengan spasi, titik atau tanda hubung di antaranya (tulis angkanya saja)"
        case .outsideIndonesia(let bounds): return "di luar wilayah Indonesia (\(bounds.lowerBound) sampai \(bounds.upperBound))"
        case .coordinateWrittenOtherwise(let decimal):
            return "koordinat yang ditulis dengan tanda derajat, arah mata angin atau menit, seperti pada peta: tulis dalam derajat desimal, selatan dan barat bertanda minus (\(decimal) untuk yang ini)"
        case .zeroCoordinates: return "latitude dan longitude keduanya 0, yang ditulis perangkat bila tidak mendapat posisi (kosongkan keduanya)"
        case .coordinatesApart: return "latitude dan longitude diisi keduanya atau tidak sama sekali"
        case .coordinatesInOneCell(let latitude, let longitude):
            return "kedua koordinat dalam satu sel, seperti yang disalin dari peta: tulis lintangnya (\(latitude)) di latitude dan bujurnya (\(longitude)) di longitude"
        case .coordinateColumnMissing(let partner):
            return "tidak ada di baris judul, padahal \(partner) ada: latitude dan longitude diisi keduanya (tambahkan kolom ini, atau hapus \(partner))"
        case .coordinateColumnEmpty(let partner, let rows):
            return "kosong di semua \(rows) baris yang mengisi \(partner): latitude dan longitude diisi keduanya "
                + "(nilai kolom ini hilang saat daftar disusun? isi keduanya di setiap baris, atau kosongkan keduanya)"
        case .coordinatesSwapped: return "latitude dan longitude tertukar (di Indonesia latitude -11.5 sampai 6.5, longitude 94.5 sampai 141.5)"
        case .sameFamilyID(let line): return "family_id sama dengan baris \(line)"
        case .unknownUnit(let rows, let lastLine):
            return "tidak ada SLS, sub-SLS atau unit Non-SLS dengan kode ini (impor wilayah terlebih dahulu)"
                + (rows > 1 ? "; \(rows) baris menyebutnya, yang terakhir di baris \(lastLine)" : "")
        case .unknownSubunit(let sls, let rows, let lastLine):
            return "tidak ada sub-SLS dengan kode ini, padahal SLS-nya, \(sls), ada (untuk keluarga di SLS itu sendiri tulis 14 digit kode SLS-nya; bila bukan, impor wilayah dengan sub-SLS ini terlebih dahulu)"
                + (rows > 1 ? "; \(rows) baris menyebutnya, yang terakhir di baris \(lastLine)" : "")
        case .unknownUnitUnder(let place, let rows, let lastLine):
            let level = levelWord(place.level)
            return (place.level == .village
                ? "tidak ada SLS, sub-SLS atau unit Non-SLS dengan kode ini di \(level) \(place), yang sudah dimuat (kodenya salah ketik? bila tidak, impor wilayah dengan unit ini terlebih dahulu)"
                : "tidak ada SLS, sub-SLS atau unit Non-SLS dengan kode ini, juga desanya: dari wilayah yang disebut kodenya, yang terendah yang sudah dimuat adalah \(level) \(place) "
                    + "(kodenya salah ketik? bila tidak, impor wilayah-wilayah ini terlebih dahulu)")
                + (rows > 1 ? "; \(rows) baris menyebutnya, yang terakhir di baris \(lastLine)" : "")
        case .regencyNotLoaded(let regency, let units, let rows, let lastLine):
            return "kabupaten/kota \(regency) belum dimuat, begitu pula wilayah di dalamnya: tak satu pun dari \(units) satuan yang disebut berkas "
                + "di dalamnya dikenal (\(rows) baris, yang terakhir di baris \(lastLine); impor berkas wilayahnya terlebih dahulu, atau kodenya salah ketik?)"
        case .sameCode(let line): return "kode sama dengan baris \(line)"
        case .leadingZerosLost(let was):
            return "keluarga \(was) tanpa angka nol di depannya, yang dibuang lembar kerja dari apa yang dianggapnya bilangan: memuatnya akan menghapus \(was) dan menambah keluarga baru (jadikan kolom ini Teks lalu isi ulang id-nya)"
        case .parentMissing(let parent, let rows, let lastLine):
            return "induknya, \(parent), tidak ada di basis data maupun di berkas"
                + (rows > 1 ? "; \(rows) baris memerlukannya, yang terakhir di baris \(lastLine)" : "")
        case .outsideRegion(let codes, let rows, let lastLine):
            return "di luar wilayah Anda (\(codes.joined(separator: ", ")))" + (rows > 1 ? "; \(rows) baris menyebutnya, yang terakhir di baris \(lastLine)" : "")
        case .listedOutsideRegion(let unit, let codes):
            return "keluarga ini terdaftar di unit \(unit), di luar wilayah Anda (\(codes.joined(separator: ", "))): hanya staf wilayah itu yang dapat memindahkannya"
        case .unitInForum(let removed, let unit, let forumID, let state):
            let stage = Messages.indonesian["forum_state_\(state.rawValue)"] ?? state.rawValue
            return (removed.map { "keluarga \($0) akan terhapus, padahal " } ?? "")
                + "unit \(unit) termasuk forum \(forumID) yang sudah pada tahap '\(stage)': keluarganya tidak dapat diubah lagi"
        }
    }

    /// How a number's dot is lost in a spreadsheet, and how a list is opened to keep it.
    private static func readAsThousands(_ meant: String) -> String {
        "seperti bila lembar kerja berpengaturan Indonesia, tempat titik memisahkan ribuan, membaca \(meant)?"
    }

    private static let openAsText = "buka daftar di lembar kerja lewat Data → Dari Teks/CSV, semua kolom sebagai Teks, bukan dengan klik dua kali"

    private static func characterName(_ scalar: Unicode.Scalar) -> String {
        switch scalar.invisibleKind {
        case .tab: "karakter tab (\(scalar.codePoint))"
        case .lineBreak: "pindah baris (\(scalar.codePoint))"
        case .textDirectionMark: "tanda arah teks (\(scalar.codePoint))"
        case .control: "karakter kendali (\(scalar.codePoint))"
        case .format: "karakter tak terlihat (\(scalar.codePoint))"
        }
    }
}
