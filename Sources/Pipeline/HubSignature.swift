import Crypto
import Foundation

/// The `X-Hub-Signature` of a WebSub content distribution (§8): `method=hex`, an HMAC of the
/// body under the subscription's secret.
public enum HubSignature {
    /// The HMAC hash functions WebSub names.
    public enum Method: String, Sendable, CaseIterable {
        /// Allowed only when the user opts in: SHA-1 is no longer collision resistant.
        case sha1
        case sha256, sha384, sha512
    }

    /// Whether `header` is a valid signature of `body` under `secret`. A missing or malformed
    /// header, an unknown method, and SHA-1 unless `allowSHA1` are invalid. The comparison
    /// takes the same time wherever the codes differ.
    public static func isValid(_ header: String?, body: [UInt8], secret: String, allowSHA1: Bool = false) -> Bool {
        guard let header, let equals = header.firstIndex(of: "=") else { return false }
        guard let method = Method(rawValue: header[..<equals].trimmingCharacters(in: .whitespaces).lowercased()) else { return false }
        if method == .sha1 && !allowSHA1 { return false }
        guard let code = bytes(hex: header[header.index(after: equals)...].trimmingCharacters(in: .whitespaces)) else { return false }
        let key = SymmetricKey(data: Array(secret.utf8))
        switch method {
        case .sha1: return HMAC<Insecure.SHA1>.isValidAuthenticationCode(code, authenticating: body, using: key)
        case .sha256: return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: key)
        case .sha384: return HMAC<SHA384>.isValidAuthenticationCode(code, authenticating: body, using: key)
        case .sha512: return HMAC<SHA512>.isValidAuthenticationCode(code, authenticating: body, using: key)
        }
    }

    /// The header value a hub would send for `body` (tests, and hubs written in Swift).
    public static func header(for body: [UInt8], secret: String, method: Method = .sha256) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        let code: [UInt8] = switch method {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: body, using: key))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: body, using: key))
        case .sha384: Array(HMAC<SHA384>.authenticationCode(for: body, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: body, using: key))
        }
        return method.rawValue + "=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// `byteCount` random bytes from the system's secure generator, as hex: fresh secrets and
    /// unguessable callback IDs.
    public static func randomHex(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<byteCount).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
