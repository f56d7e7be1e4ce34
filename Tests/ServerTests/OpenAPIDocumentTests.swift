import FeedwrightTesting
import Foundation
import Testing

/// `docs/openapi.json` against the server itself: the routes it documents are the routes
/// there are, and every answer of the API, success or error, has exactly the documented shape.
@Suite("The OpenAPI document", .timeLimit(.minutes(1)), .scratch)
struct OpenAPIDocumentTests {
    /// The routes of the API and of full text on demand, as the server adds them.
    static let routes: Set<String> = [
        "GET /api/sources", "POST /api/sources", "DELETE /api/sources", "POST /api/sources/poll", "GET /api/feeds",
        "GET /fulltext", "GET /extract", "GET /health", "GET /metrics",
    ]

    @Test("documents every route of the API and full text on demand, and no other")
    func routes() throws {
        #expect(try OpenAPIDocument().operations == Self.routes)
    }

    @Test("every answer of the API, success or error, is what the document says")
    func answers() async throws {
        let document = try OpenAPIDocument()
        try await APITests.withServer(sources: FakeSources()) { request in
            func check(_ method: String, _ target: String, _ headers: [(String, String)] = APITests.auth, payload: String? = nil, expecting status: Int) async throws {
                let (answered, _, body) = try await request(method, target, headers, payload)
                #expect(answered == status, "\(method) \(target)")
                let path = String(target.prefix { $0 != "?" })
                let problems = document.problems(ofAnswer: body, status: answered, method: method, path: path)
                #expect(problems.isEmpty, "\(problems)")
            }
            try await check("GET", "/api/sources", expecting: 200)
            try await check("POST", "/api/sources", payload: #"{"url": "https://example.com/feed.xml", "group": "Tech", "title": "Example"}"#, expecting: 201)
            try await check("GET", "/api/sources", expecting: 200)
            try await check("POST", "/api/sources/poll?url=https://example.com/feed.xml", expecting: 200)
            try await check("GET", "/api/feeds", expecting: 200)
            try await check("POST", "/api/sources", payload: "not json", expecting: 400)
            try await check("POST", "/api/sources/poll?url=https://unknown.example/", expecting: 404)
            try await check("DELETE", "/api/sources", expecting: 400)
            try await check("GET", "/api/feeds", [], expecting: 401)
            try await check("DELETE", "/api/sources?url=https://example.com/feed.xml", expecting: 204)
            try await check("DELETE", "/api/sources?url=https://example.com/feed.xml", expecting: 404)
            try await check("GET", "/health", [], expecting: 200)
            try await check("GET", "/metrics", [], expecting: 200)
        }
    }

    @Test("a field the document does not have, a missing required one, or a wrong type is named")
    func problemsAreFound() throws {
        let document = try OpenAPIDocument()
        let problems = document.problems(ofAnswer: #"{"error": 3, "extra": true}"#, status: 400, method: "DELETE", path: "/api/sources")
        #expect(problems.contains { $0.contains(".extra: not documented") })
        #expect(problems.contains { $0.contains(".error: integer, documented as [\"string\"]") })
        #expect(!document.problems(ofAnswer: "{}", status: 400, method: "DELETE", path: "/api/sources").isEmpty, "a required field missing")
        #expect(!document.problems(ofAnswer: "{}", status: 418, method: "GET", path: "/api/feeds").isEmpty)
    }
}
