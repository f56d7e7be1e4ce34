@testable import Extraction
import Testing

/// Dates as pages print them for readers.
@Suite("Printed dates")
struct VisibleDateTests {
    @Test("whole dates in words, dotted, slashed and in CJK are read as that day", arguments: [
        ("March 21, 2011", "2011-03-21"), ("Sunday, September 16, 2012", "2012-09-16"), ("16 Sep 2012", "2012-09-16"),
        ("Posted on 3rd June 2009 at 10:15", "2009-06-03"), ("07.05.2013 - 18:20", "2013-05-07"), ("2012/09/16", "2012-09-16"),
        ("2010年10月24日", "2010-10-24"), ("Dec. 1, 2019", "2019-12-01"),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", "2010-10-22"), ("8 октября 2019 г.", "2019-10-08"), ("3. Mai 2012", "2012-05-03"),
        ("15 października 2019 r.", "2019-10-15"), ("1er février 2011", "2011-02-01"), ("2019년 11월 20일", "2019-11-20"),
        ("22 Ekim 2010 Cuma", "2010-10-22"), ("Jumat, 4 Agustus 2017", "2017-08-04"), ("el 5 de mayo de 2014", "2014-05-05"),
    ])
    func reads(text: String, iso: String) {
        #expect(VisibleDate.iso(text) == iso, "\(text)")
    }

    @Test("text that is not a whole date gives nothing", arguments: [
        "March 2011", "May be later", "10:15 AM", "3 comments", "31.02.2013", "12/09/16", "",
    ])
    func refuses(text: String) {
        #expect(VisibleDate.iso(text) == nil, "\(text)")
    }

    @Test("a line that is a date and nothing else, in words, digits or CJK, is a date line", arguments: [
        "19 March 2011", "Sunday, September 16, 2012", "Dec. 1, 2019", "May 15th, 2011", "sexta-feira, 22 de outubro de 2010 às 20:13",
        "Donnerstag, 3. Mai 2012", "8 октября 2019 г.", "2019년 11월 20일", "2012/09/16", "07.05.2013", "2010年10月24日",
    ])
    func wholeLine(text: String) {
        #expect(VisibleDate.isWholeLine(text), "\(text)")
    }

    @Test("a line that says more than its date is not a date line", arguments: [
        "Posted on 3rd June 2009 at 10:15", "March 21, 2011 by Helen Price", "Updated 2012/09/16", "March 2011", "On 16 Sep 2012 the council voted",
        "Publié le 1er février 2011 par Anne", "Aktualisiert am 3. Mai 2012",
        // A release's version and month in a changelog's table: no day.
        "4.2.3 April 2014", "4.4 January 2015",
    ])
    func moreThanADate(text: String) {
        #expect(!VisibleDate.isWholeLine(text), "\(text)")
    }
}
