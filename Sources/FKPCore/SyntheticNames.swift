/// Word lists for synthetic lists: common given names of West Java and beyond, with the
/// apostrophes and spellings real lists carry, and typical place words for addresses.
enum SyntheticNames {
    static let male = [
        "Asep", "Ujang", "Dede", "Cecep", "Dadang", "Iwan", "Agus", "Budi", "Yayan", "Endang", "Ahmad", "Muhammad",
        "Ma'ruf", "Nurdin", "Suparman", "Wahyudi", "Rudi", "Hendra", "Dodi", "Ade", "Engkos", "Ohim", "Jajang",
        "Rohmat", "Saepudin", "Komarudin", "Deden", "Aang", "Ikhsan", "Syarif", "Taufik", "Yusuf", "Bambang", "Slamet",
    ]
    static let female = [
        "Siti", "Euis", "Neneng", "Imas", "Iis", "Yati", "Entin", "Nur'aini", "Tati", "Rina", "Dewi", "Sri", "Wati",
        "Lilis", "Popon", "Nining", "Enok", "Cucu", "Aisyah", "Fatimah", "Rohimah", "Ratna", "Kokom", "Titin",
    ]
    static let second = [
        "Supriatna", "Hidayat", "Rahmat", "Sopandi", "Kurniawan", "Saputra", "Permana", "Sudrajat", "Gunawan",
        "Nurhayati", "Rosita", "Suryani", "Maryani", "Komariah", "Setiawan", "Mulyana", "Firmansyah", "Hermawan",
        "Suhendar", "Jaelani", "Ramdani", "Kusnadi", "Solihin", "Haryati", "Mulyadi", "Sutisna", "Wijaya",
    ]
    static let places = [
        "Cibeber", "Sukamaju", "Babakan", "Cikadu", "Pasir Angin", "Ciherang", "Leuwi Kopo", "Neglasari", "Sindangsari",
        "Cimanggu", "Bojong", "Pabuaran", "Sirnagalih", "Tegal", "Cijeruk", "Karang Tengah",
    ]
    static let streets = ["Jl. Raya", "Jl. Masjid", "Gg. Mawar", "Jl. Pasar", "Gg. Melati", "Jl. Sekolah", "Gg. H. Dullah"]
}
