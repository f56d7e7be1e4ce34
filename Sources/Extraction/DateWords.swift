/// The words pages print dates in, lower-cased, in the languages of the web's larger scripts
/// that write months as words: English, French, German, Spanish, Portuguese, Italian, Dutch,
/// the Scandinavian languages, Polish, Czech, Russian, Ukrainian, Turkish and Indonesian.
/// Slavic languages print a date's month in the genitive (`8 октября 2019`), so both forms are
/// listed. CJK and Korean dates are written with unit signs instead (``cjkUnits``).
///
/// A word listed in two languages must mean the same month in both: Croatian, whose
/// `listopad` is October where Polish and Czech say November, is left out.
enum DateWords {
    /// Month names and their usual abbreviations.
    static let months: [String: Int] = {
        let names: [[String]] = [
            // 1
            ["january", "jan", "janvier", "janv", "januar", "enero", "ene", "janeiro", "gennaio", "gen", "januari",
             "styczeń", "stycznia", "leden", "ledna", "январь", "января", "січень", "січня", "ocak"],
            // 2
            ["february", "feb", "février", "févr", "fevrier", "februar", "febrero", "fevereiro", "fev", "febbraio", "februari",
             "luty", "lutego", "únor", "února", "февраль", "февраля", "лютий", "лютого", "şubat"],
            // 3
            ["march", "mar", "mars", "märz", "mrz", "marzo", "março", "marco", "maart", "maret",
             "marzec", "marca", "březen", "března", "март", "марта", "березень", "березня", "mart"],
            // 4
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "duben", "dubna",
             "апрель", "апреля", "квітень", "квітня", "nisan"],
            // 5
            ["may", "mai", "mayo", "maio", "maggio", "mag", "mei", "maj", "maja", "květen", "května",
             "май", "мая", "травень", "травня", "mayıs"],
            // 6
            ["june", "jun", "juin", "juni", "junio", "junho", "giugno", "giu", "czerwiec", "czerwca", "červen", "června",
             "июнь", "июня", "червень", "червня", "haziran"],
            // 7
            ["july", "jul", "juillet", "juil", "juli", "julio", "julho", "luglio", "lug", "lipiec", "lipca", "červenec", "července",
             "июль", "июля", "липень", "липня", "temmuz"],
            // 8
            ["august", "aug", "août", "aout", "agosto", "ago", "augustus", "augusti", "agustus", "sierpień", "sierpnia",
             "srpen", "srpna", "август", "августа", "серпень", "серпня", "ağustos"],
            // 9
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "set", "settembre",
             "wrzesień", "września", "září", "сентябрь", "сентября", "вересень", "вересня", "eylül"],
            // 10
            ["october", "oct", "octobre", "oktober", "okt", "octubre", "outubro", "out", "ottobre", "ott",
             "październik", "października", "říjen", "října", "октябрь", "октября", "жовтень", "жовтня", "ekim"],
            // 11
            ["november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "listopadu",
             "ноябрь", "ноября", "листопад", "листопада", "kasım"],
            // 12
            ["december", "dec", "décembre", "decembre", "dezember", "dez", "diciembre", "dic", "dezembro", "dicembre",
             "desember", "grudzień", "grudnia", "prosinec", "prosince", "декабрь", "декабря", "грудень", "грудня", "aralık"],
        ]
        var months: [String: Int] = [:]
        for (index, words) in names.enumerated() {
            for word in words { months[word] = index + 1 }
        }
        return months
    }()

    /// Day names, whole and abbreviated; Portuguese writes its weekdays as `segunda-feira`,
    /// which splits into the day's word and `feira`.
    static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
        "segunda", "terça", "quarta", "quinta", "sexta", "feira",
        "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "mandag", "tirsdag", "lørdag", "søndag",
        "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela",
        "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
        "pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar",
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
    ]

    /// The small words a date is written with between its parts (`22 de outubro de 2010 às
    /// 20:13`, `8 октября 2019 г.`, `15 października 2019 r.`, `am 3. Mai 2012 um 10:15`):
    /// a line of a date and these is still nothing but a date.
    static let connectors: Set<String> = [
        "de", "del", "às", "a", "à", "las", "le", "el", "am", "um", "the", "of", "at", "den", "kl", "klo", "o", "в", "г", "года", "r", "roku", "pukul",
    ]

    /// The year, month and day signs of a CJK (`2010年10月24日`) or Korean (`2010년 10월 24일`)
    /// date.
    static let cjkUnits: Set<Character> = ["年", "月", "日", "년", "월", "일"]
}
