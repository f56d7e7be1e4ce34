/// UTC offsets (in hours) of the zone names RFC 822 allows and the ones publishers add anyway.
enum TimeZoneAbbreviations {
    static let hours: [String: Double] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "AST": -4, "ADT": -3, "AKST": -9, "AKDT": -8, "HST": -10, "NST": -3.5, "NDT": -2.5,
        "ET": -5, "CT": -6, "MT": -7, "PT": -8,
        "BST": 1, "IST": 5.5, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "MEZ": 1, "MESZ": 2,
        "EET": 2, "EEST": 3, "WEST": 1, "MSK": 3, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8,
        "AEST": 10, "AEDT": 11, "ACST": 9.5, "AWST": 8, "NZST": 12, "NZDT": 13,
    ]

    /// RFC 822's single-letter military zones: A–I are +1…+9, K–M +10…+12, N–Y −1…−12.
    static func military(_ letter: Character) -> Double? {
        guard let ascii = letter.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "A")...UInt8(ascii: "I"): return Double(ascii - UInt8(ascii: "A") + 1)
        case UInt8(ascii: "K")...UInt8(ascii: "M"): return Double(ascii - UInt8(ascii: "K") + 10)
        case UInt8(ascii: "N")...UInt8(ascii: "Y"): return -Double(ascii - UInt8(ascii: "N") + 1)
        case UInt8(ascii: "Z"): return 0
        default: return nil
        }
    }
}

/// Month names in the languages feeds are most often written in, by their first letters.
enum MonthNames {
    /// Lower-cased names and abbreviations, accents kept and also stripped.
    static let numbers: [String: Int] = {
        let names: [[String]] = [
            ["jan", "january", "janv", "janvier", "januar", "jänner", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "styczeń", "ocak"],
            ["feb", "february", "fév", "févr", "fevr", "février", "fevrier", "februar", "febrero", "febbraio", "fevereiro", "fev", "februari", "luty", "şubat"],
            ["mar", "march", "mars", "märz", "maerz", "mär", "marzo", "março", "marco", "maart", "mrt", "marzec", "mart"],
            ["apr", "april", "avr", "avril", "abril", "abr", "aprile", "kwiecień", "nisan"],
            ["may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "mayıs"],
            ["jun", "june", "juin", "juni", "junio", "giugno", "giu", "junho", "czerwiec", "haziran"],
            ["jul", "july", "juil", "juillet", "juli", "julio", "luglio", "lug", "julho", "lipiec", "temmuz"],
            ["aug", "august", "août", "aout", "agosto", "ago", "augustus", "sierpień", "ağustos"],
            ["sep", "sept", "september", "septembre", "septiembre", "set", "settembre", "setembro", "wrzesień", "eylül"],
            ["oct", "october", "octobre", "oktober", "okt", "octubre", "ottobre", "ott", "outubro", "out", "październik", "ekim"],
            ["nov", "november", "novembre", "noviembre", "novembro", "listopad", "kasım"],
            ["dec", "december", "déc", "décembre", "decembre", "dez", "dezember", "diciembre", "dic", "dicembre", "dezembro", "grudzień", "aralık"],
        ]
        var table: [String: Int] = [:]
        for (index, list) in names.enumerated() {
            for name in list { table[name] = index + 1 }
        }
        return table
    }()

    static let weekdays: Set<String> = [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "mo", "di", "mi", "do", "fr", "sa", "so",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    ]

    static func month(_ token: String) -> Int? {
        let lower = token.lowercased().trimmingCharacters(in: ".")
        return numbers[lower]
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var slice = Substring(self)
        while slice.last == set { slice.removeLast() }
        return String(slice)
    }
}
