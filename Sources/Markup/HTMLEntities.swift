internal import CLibXML2
import Synchronization

/// HTML's named character references (`&nbsp;`, `&eacute;`, …) as libxml2 entities, for reading
/// HTML that is well-formed XML with the XML parser, which knows only XML's five.
///
/// Each is made once, on first use, as a *predefined* entity: libxml2 hands a predefined
/// entity's content straight to the `characters` handler and never expands, counts or changes
/// it, so one table serves every parse on every thread. They are never freed (there are 253).
enum HTMLEntities {
    /// A libxml2 entity shared across threads.
    ///
    /// `@unchecked Sendable` is safe here: the entity is fully built before it is published
    /// through the mutex, never written afterwards (libxml2 only reads predefined entities:
    /// `xmlParseReference` passes `content` to `characters` and returns), and never freed.
    private struct Shared: @unchecked Sendable {
        let pointer: xmlEntityPtr
    }

    private static let made = Mutex<[String: Shared]>([:])

    /// The entity for HTML's reference `name`, nil for a name HTML does not define.
    static func entity(named name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let key = String(cString: name)
        if let shared = made.withLock({ $0[key] }) { return shared.pointer }
        guard let description = htmlEntityLookup(name), let scalar = Unicode.Scalar(description.pointee.value) else { return nil }
        var content = Array(String(Character(scalar)).utf8)
        content.append(0)
        guard let entity = xmlNewEntity(nil, name, Int32(XML_INTERNAL_PREDEFINED_ENTITY.rawValue), nil, nil, content) else { return nil }
        let fresh = Shared(pointer: entity)
        let kept = made.withLock { made -> Shared in
            // Another thread may have made it first; theirs is kept (this one is a few bytes).
            if let existing = made[key] { return existing }
            made[key] = fresh
            return fresh
        }
        return kept.pointer
    }
}
