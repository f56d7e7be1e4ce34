import Foundation
import Extraction
import Testing

@Suite("Text dumps")
struct TextDumpExtractorTests {
    struct Expected: Decodable {
        var title: String
        var body_paragraphs: [String]
        var boilerplate_lines: [String]
    }

    @Test("the seed gives exactly its title and its 8 body paragraphs, and no boilerplate")
    func seed() throws {
        let seeds = Fixture.shared.appendingPathComponent("seeds")
        let text = try String(contentsOf: seeds.appendingPathComponent("000_aef7aa59a3d918ea.txt"), encoding: .utf8)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: seeds.appendingPathComponent("000_aef7aa59a3d918ea.expected.json")))
        let article = try TextDumpExtractor.extract(text)
        #expect(article.title == expected.title)
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs == expected.body_paragraphs)
        for line in expected.boilerplate_lines where line.count > 3 {
            #expect(!paragraphs.contains(line), "boilerplate kept: \(line)")
        }
    }

    @Test("a byline and a dateline above the body become the author and the date, not body")
    func bylineAndDateline() throws {
        let text = String(decoding: try Fixture.bytes("dumps/byline-and-dateline.txt"), as: UTF8.self)
        let article = try TextDumpExtractor.extract(text)
        #expect(article.title == "Harbour council approves new ferry timetable")
        #expect(article.authors == ["Maren Olsen"])
        #expect(article.published == Date(timeIntervalSince1970: 1_573_686_360)) // 2019-11-13 23:06 UTC
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 5, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("The harbour council voted") == true)
        #expect(paragraphs.last?.hasPrefix("Some residents of the old town") == true)
        for chrome in ["Related stories", "Storm warning for the weekend", "Log in to comment", "13.11.2019, 23:06"] {
            #expect(!paragraphs.contains(chrome), "kept: \(chrome)")
        }
    }

    @Test("dates in the forms datelines take", arguments: [
        ("13.11.2019, 23:06", 1_573_686_360.0),
        ("2019-11-13T23:06:00Z", 1_573_686_360.0),
        ("Wed, 13 Nov 2019 23:06:00 GMT", 1_573_686_360.0),
        ("13/11/2019", 1_573_603_200.0),
    ])
    func datelines(text: String, seconds: Double) throws {
        let dump = "Title line\nA headline for the dateline test here\n\(text)\n" + String(repeating: "A sentence of the article body that runs on for a while, as prose does. ", count: 4) + "\n"
        let article = try TextDumpExtractor.extract(dump)
        #expect(article.published == Date(timeIntervalSince1970: seconds))
    }

    @Test("a dump with nothing beyond its first line has no content; odd input never fails otherwise")
    func edges() throws {
        #expect(throws: ExtractionError.noContent) { try TextDumpExtractor.extract("") }
        #expect(throws: ExtractionError.noContent) { try TextDumpExtractor.extract("\n \n\t\n") }
        #expect(throws: ExtractionError.noContent) { try TextDumpExtractor.extract("Only a title") }
        // Invalid UTF-8, a carriage-return dump and a line of one enormous word still read.
        let invalid: [UInt8] = Array("Title\r\nFirst line of text that is long enough to read as a sentence of prose.\r\n".utf8) + [0xFF, 0xFE, 0x41, 0x0A]
        let article = try ArticleReader.read(invalid, path: "page.txt")
        #expect(article.text.hasPrefix("First line of text"))
        let huge = "Title\n" + String(repeating: "x", count: 2_000_000) + "\n"
        #expect(try TextDumpExtractor.extract(huge).text.count == 2_000_000)
    }

    @Test("a dump saved under an HTML name (an evaluator's page.html, standard input) is still read as a dump; a page is HTML even after a server's warning line")
    func dumpByItsBytes() throws {
        let seeds = Fixture.shared.appendingPathComponent("seeds")
        let seed = Array(try Data(contentsOf: seeds.appendingPathComponent("000_aef7aa59a3d918ea.txt")))
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: seeds.appendingPathComponent("000_aef7aa59a3d918ea.expected.json")))
        for name in ["page.html", "-"] {
            #expect(try ArticleReader.read(seed, path: name).text.components(separatedBy: "\n\n") == expected.body_paragraphs, "\(name)")
        }
        // A dump about markup quotes tags further down; it opens with words.
        let readability = Fixture.shared.appendingPathComponent("corpus/extraction/textdumps-readability/input/001.txt")
        #expect(ArticleReader.isPlainText(Array(try Data(contentsOf: readability))))
        #expect(ArticleReader.isPlainText([0xEF, 0xBB, 0xBF] + Array("\n  Title\nA line of text.".utf8)))
        let page = try Fixture.bytes("article.html")
        #expect(!ArticleReader.isPlainText(page))
        #expect(!ArticleReader.isPlainText(Array("\n\nDeprecated: Function ereg() is deprecated in /var/www/index.php on line 12\n".utf8) + page))
        #expect(!ArticleReader.isPlainText([0xFF, 0xFE] + Array("<\0h\0t\0m\0l\0>\0".utf8)))
        #expect(!ArticleReader.isPlainText(Array(" \n ".utf8)))
        let warned = try ArticleReader.read(Array("Notice: Undefined index: id in /var/www/story.php on line 3\n".utf8) + page, path: "page.html")
        #expect(warned.text == (try ArticleReader.read(page, path: "page.html")).text)
    }

    @Test("the seed inside forty thousand menu and footer lines still gives its body")
    func longDump() throws {
        let seed = try String(contentsOf: Fixture.shared.appendingPathComponent("seeds/000_aef7aa59a3d918ea.txt"), encoding: .utf8)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Fixture.shared.appendingPathComponent("seeds/000_aef7aa59a3d918ea.expected.json")))
        var lines = seed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(contentsOf: (0..<20_000).map { "Menu item \($0)" }, at: 1)
        lines.append(contentsOf: (0..<20_000).map { "Footer link \($0)" })
        let paragraphs = try TextDumpExtractor.extract(lines.joined(separator: "\n")).text.components(separatedBy: "\n\n")
        #expect(paragraphs == expected.body_paragraphs)
    }
}
