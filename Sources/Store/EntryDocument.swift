import Foundation
import Syndication

/// The stored form of an ``Entry``: a versioned JSON document with keys of its own.
///
/// The keys are spelled here, not taken from the Swift properties, so that renaming a property
/// of `Entry` never makes stored rows unreadable: only a change of this file can, and a change
/// of meaning takes a new `v` that `decode` keeps reading the old way. Dates are seconds since
/// 1970 (exact, and the same in SQLite and PostgreSQL).
enum EntryDocument {
    /// The version written today.
    static let version = 1

    static func encode(_ entry: Entry) throws -> Data {
        try encoder.encode(Version1(entry))
    }

    static func decode(_ data: Data) throws -> Entry {
        let header = try decoder.decode(Header.self, from: data)
        switch header.v {
        case 1: return try decoder.decode(Version1.self, from: data).entry
        default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "entry document version \(header.v) is newer than this Feedwright (\(version))"))
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    private struct Header: Decodable {
        var v: Int
    }

    private struct TextV1: Codable {
        var value: String
        var kind: String
        enum CodingKeys: String, CodingKey { case value = "s", kind = "k" }

        init(_ text: Text) {
            value = text.value
            kind = text.kind.rawValue
        }

        var text: Text { Text(value, kind: Text.Kind(rawValue: kind) ?? .text) }
    }

    private struct LinkV1: Codable {
        var href: String
        var relation: String
        var mediaType: String?
        var hreflang: String?
        var title: String?
        var length: Int?
        enum CodingKeys: String, CodingKey { case href, relation = "rel", mediaType = "type", hreflang, title, length }
    }

    private struct PersonV1: Codable {
        var name: String?
        var email: String?
        var uri: String?
        enum CodingKeys: String, CodingKey { case name, email, uri }
    }

    private struct CategoryV1: Codable {
        var term: String
        var scheme: String?
        var label: String?
        enum CodingKeys: String, CodingKey { case term, scheme, label }
    }

    private struct EnclosureV1: Codable {
        var url: String
        var mediaType: String?
        var length: Int?
        enum CodingKeys: String, CodingKey { case url, mediaType = "type", length }
    }

    private struct ImageV1: Codable {
        var url: String
        var title: String?
        var link: String?
        var width: Int?
        var height: Int?
        enum CodingKeys: String, CodingKey { case url, title, link, width, height }
    }

    /// Version 1. Empty lists are left out, so that most documents are small.
    private struct Version1: Codable {
        var v = 1
        var id: String?
        var title: TextV1?
        var links: [LinkV1]?
        var published: Date?
        var updated: Date?
        var authors: [PersonV1]?
        var contributors: [PersonV1]?
        var summary: TextV1?
        var content: TextV1?
        var categories: [CategoryV1]?
        var enclosures: [EnclosureV1]?
        var media: [EnclosureV1]?
        var images: [ImageV1]?
        var rights: TextV1?
        var language: String?
        var comments: String?
        var duration: Double?

        enum CodingKeys: String, CodingKey {
            case v, id, title, links, published, updated, authors, contributors, summary, content, categories, enclosures
            case media, images, rights, language, comments, duration
        }

        init(_ entry: Entry) {
            id = entry.id
            title = entry.title.map(TextV1.init)
            links = Version1.nonEmpty(entry.links.map { LinkV1(href: $0.href, relation: $0.relation, mediaType: $0.mediaType, hreflang: $0.hreflang, title: $0.title, length: $0.length) })
            published = entry.published
            updated = entry.updated
            authors = Version1.nonEmpty(entry.authors.map { PersonV1(name: $0.name, email: $0.email, uri: $0.uri) })
            contributors = Version1.nonEmpty(entry.contributors.map { PersonV1(name: $0.name, email: $0.email, uri: $0.uri) })
            summary = entry.summary.map(TextV1.init)
            content = entry.content.map(TextV1.init)
            categories = Version1.nonEmpty(entry.categories.map { CategoryV1(term: $0.term, scheme: $0.scheme, label: $0.label) })
            enclosures = Version1.nonEmpty(entry.enclosures.map { EnclosureV1(url: $0.url, mediaType: $0.mediaType, length: $0.length) })
            media = Version1.nonEmpty(entry.media.map { EnclosureV1(url: $0.url, mediaType: $0.mediaType, length: $0.length) })
            images = Version1.nonEmpty(entry.images.map { ImageV1(url: $0.url, title: $0.title, link: $0.link, width: $0.width, height: $0.height) })
            rights = entry.rights.map(TextV1.init)
            language = entry.language
            comments = entry.commentsLink
            duration = entry.duration
        }

        var entry: Entry {
            Entry(
                id: id, title: title?.text,
                links: (links ?? []).map { Link(href: $0.href, relation: $0.relation, mediaType: $0.mediaType, hreflang: $0.hreflang, title: $0.title, length: $0.length) },
                published: published, updated: updated,
                authors: (authors ?? []).map { Person(name: $0.name, email: $0.email, uri: $0.uri) },
                contributors: (contributors ?? []).map { Person(name: $0.name, email: $0.email, uri: $0.uri) },
                summary: summary?.text, content: content?.text,
                categories: (categories ?? []).map { Category(term: $0.term, scheme: $0.scheme, label: $0.label) },
                enclosures: (enclosures ?? []).map { Enclosure(url: $0.url, mediaType: $0.mediaType, length: $0.length) },
                media: (media ?? []).map { Enclosure(url: $0.url, mediaType: $0.mediaType, length: $0.length) },
                images: (images ?? []).map { Image(url: $0.url, title: $0.title, link: $0.link, width: $0.width, height: $0.height) },
                rights: rights?.text, language: language, commentsLink: comments, duration: duration)
        }

        private static func nonEmpty<T>(_ list: [T]) -> [T]? { list.isEmpty ? nil : list }
    }
}
