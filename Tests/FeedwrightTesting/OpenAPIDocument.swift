import Foundation

/// `docs/openapi.json`, read so that tests can hold real answers of the server to it: a
/// field the server writes and the document does not describe (or the other way round), or a
/// value of another type, is a problem named by its place.
public struct OpenAPIDocument: Sendable {
    /// The document's bytes, parsed for each question (a parsed document is not `Sendable`).
    private let data: Data

    /// The parsed document.
    public var root: [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// Reads the repository's `docs/openapi.json`.
    public init() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        data = try Data(contentsOf: repository.appendingPathComponent("docs/openapi.json"))
        _ = try JSONSerialization.jsonObject(with: data)
    }

    /// Every operation as "METHOD /path", the method in capitals.
    public var operations: Set<String> {
        let paths = root["paths"] as? [String: [String: Any]] ?? [:]
        return Set(paths.flatMap { path, methods in methods.keys.map { "\($0.uppercased()) \(path)" } })
    }

    /// The problems of `body` (a JSON text) as the answer `status` to `method path`; empty
    /// when the document describes it exactly.
    public func problems(ofAnswer body: String, status: Int, method: String, path: String) -> [String] {
        let place = "\(method) \(path) \(status)"
        let root = self.root
        let paths = root["paths"] as? [String: [String: Any]] ?? [:]
        guard let operation = paths[path]?[method.lowercased()] as? [String: Any] else { return ["\(place): not in the document"] }
        guard var response = (operation["responses"] as? [String: Any])?[String(status)] as? [String: Any] else {
            return ["\(place): this status is not documented"]
        }
        if let reference = response["$ref"] as? String { response = Self.resolve(reference, in: root) }
        guard let content = response["content"] as? [String: Any] else { return body.isEmpty ? [] : ["\(place): a body where the document has none"] }
        // Only JSON answers are held to a schema (a feed or a text is the document's own).
        guard let schema = (content["application/json"] as? [String: Any])?["schema"] as? [String: Any] else { return [] }
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: .fragmentsAllowed) else { return ["\(place): not JSON"] }
        return Self.problems(of: value, against: schema, at: place, in: root)
    }

    private static func resolve(_ reference: String, in root: [String: Any]) -> [String: Any] {
        var node: Any = root
        for part in reference.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] ?? [:] }
        return node as? [String: Any] ?? [:]
    }

    private static func problems(of value: Any, against schema: [String: Any], at place: String, in root: [String: Any]) -> [String] {
        if let reference = schema["$ref"] as? String { return problems(of: value, against: resolve(reference, in: root), at: place, in: root) }
        let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        guard types.isEmpty || types.contains(Self.type(of: value)) else { return ["\(place): \(Self.type(of: value)), documented as \(types)"] }
        switch value {
        case let object as [String: Any]:
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            var found = object.keys.filter { properties[$0] == nil }.sorted().map { "\(place).\($0): not documented" }
            found += (schema["required"] as? [String] ?? []).filter { object[$0] == nil }.map { "\(place).\($0): documented as required, missing" }
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] { found += problems(of: member, against: property, at: "\(place).\(key)", in: root) }
            }
            return found
        case let array as [Any]:
            guard let items = schema["items"] as? [String: Any] else { return [] }
            return array.enumerated().flatMap { problems(of: $1, against: items, at: "\(place)[\($0)]", in: root) }
        default:
            return []
        }
    }

    private static func type(of value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is [String: Any]: return "object"
        case is [Any]: return "array"
        case is String: return "string"
        case let number as NSNumber:
            // JSONSerialization reads true and false as numbers of C type `char`.
            if String(cString: number.objCType) == "c" { return "boolean" }
            return number.doubleValue == number.doubleValue.rounded() ? "integer" : "number"
        default: return "unknown"
        }
    }
}
