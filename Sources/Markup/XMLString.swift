internal import CLibXML2

extension String {
    /// Calls `body` with the string as a NUL-terminated `xmlChar` pointer. Passing a `String`
    /// where libxml2 wants `const xmlChar *` would copy it into a new array on every call;
    /// `withCString` uses the string's own storage or the stack.
    func withXMLString<T>(_ body: (UnsafePointer<xmlChar>) -> T) -> T {
        withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }
}
