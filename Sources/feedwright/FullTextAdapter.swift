import Extraction
import FeedwrightCore
import Pipeline
import Server

/// Full text on demand as the server offers it: ``FullTextFeeds`` with its errors told as
/// HTTP statuses (403 for what this server will not fetch, 400 for a request that is not one,
/// 502 when the feed or page could not be fetched or read).
struct FullTextAdapter: FullTextService {
    let feeds: FullTextFeeds

    func fullText(url: String, entries: Int?, json: Bool, selfURL: String) async throws(FullTextRefusal) -> [UInt8] {
        do {
            return try await feeds.feed(url: url, entries: entries, format: json ? .json : .atom, selfURL: selfURL)
        } catch {
            throw Self.refusal(error)
        }
    }

    func extract(url: String) async throws(FullTextRefusal) -> [UInt8] {
        do {
            return Array(ArticleContract(path: url, article: try await feeds.article(url: url)).jsonLineBytes().dropLast())
        } catch {
            throw Self.refusal(error)
        }
    }

    static func refusal(_ error: FullTextError) -> FullTextRefusal {
        switch error {
        case .notWeb: return FullTextRefusal(status: .badRequest, message: "\(error)")
        case .hostNotAllowed, .forbiddenAddress, .disallowed: return FullTextRefusal(status: .forbidden, message: "\(error)")
        case .fetch, .unreadableFeed, .noArticle: return FullTextRefusal(status: .badGateway, message: "\(error)")
        }
    }
}
