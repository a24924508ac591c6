/// An absolute path in an account's virtual tree, normalised so that it can never name anything above `/`.
///
/// Client paths are resolved lexically: a relative path is relative to `/`, empty and `.` components are dropped,
/// and `..` removes the previous component but stops at the root (`/../../etc` is `/etc` inside the tree). There
/// are no symbolic links in the tree, so lexical resolution is the real one. File systems receive the components
/// and must never join the string onto a host path.
public struct VirtualPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Longest accepted file name, in UTF-8 bytes (Linux `NAME_MAX`).
    public static let maxComponentLength = 255
    /// Longest accepted normalised path, in UTF-8 bytes (Linux `PATH_MAX` less the terminating NUL).
    public static let maxPathLength = 4095

    /// The names from the root down; empty for `/`. None is empty, `.`, `..`, or contains `/` or NUL.
    public let components: [String]

    /// The root of the tree.
    public static let root = VirtualPath(validatedComponents: [])

    private init(validatedComponents: [String]) {
        components = validatedComponents
    }

    /// Normalises a client path (see the type's description).
    public init(_ path: String) throws(VirtualPathError) {
        var path = path
        let result = path.withUTF8 { bytes -> Result<VirtualPath, VirtualPathError> in
            do throws(VirtualPathError) {
                return .success(try VirtualPath(utf8: UnsafeRawBufferPointer(bytes)))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// Normalises a path as it arrives on the wire: bytes that must be UTF-8 and free of NUL.
    init(utf8 bytes: UnsafeRawBufferPointer) throws(VirtualPathError) {
        var components: [String] = []
        var start = 0
        var length = 0
        var index = 0
        while index <= bytes.count {
            let byte: UInt8 = index < bytes.count ? bytes[index] : UInt8(ascii: "/")
            if byte == 0 { throw .containsNUL }
            if byte == UInt8(ascii: "/") {
                let name = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                try Self.apply(name, to: &components)
                start = index + 1
            }
            index += 1
        }
        for component in components { length += component.utf8.count + 1 }
        guard length <= Self.maxPathLength else { throw .tooLong }
        self.init(validatedComponents: components)
    }

    private static func apply(_ name: UnsafeRawBufferPointer, to components: inout [String]) throws(VirtualPathError) {
        switch name.count {
        case 0:
            return
        case 1 where name[0] == UInt8(ascii: "."):
            return
        case 2 where name[0] == UInt8(ascii: ".") && name[1] == UInt8(ascii: "."):
            // Lexical `..` at the root stays at the root: the tree has no outside to climb to.
            _ = components.popLast()
            return
        default:
            guard name.count <= maxComponentLength else { throw .componentTooLong }
            guard let text = String(validating: name, as: UTF8.self) else { throw .invalidUTF8 }
            components.append(text)
        }
    }

    /// Whether this is `/`.
    public var isRoot: Bool { components.isEmpty }

    /// The last component, or `nil` for the root.
    public var name: String? { components.last }

    /// The directory containing this path; the root is its own parent.
    public var parent: VirtualPath { VirtualPath(validatedComponents: Array(components.dropLast())) }

    /// This path with one more component. The name must be a single valid file name (not `.`, `..` or empty).
    public func appending(_ name: String) throws(VirtualPathError) -> VirtualPath {
        guard !name.isEmpty, name != ".", name != ".." else { throw .invalidName }
        guard !name.utf8.contains(0) else { throw .containsNUL }
        guard !name.utf8.contains(UInt8(ascii: "/")) else { throw .invalidName }
        guard name.utf8.count <= Self.maxComponentLength else { throw .componentTooLong }
        let path = VirtualPath(validatedComponents: components + [name])
        guard path.string.utf8.count <= Self.maxPathLength else { throw .tooLong }
        return path
    }

    /// Whether `self` is `ancestor` or lies below it.
    public func isDescendant(of ancestor: VirtualPath) -> Bool {
        components.count >= ancestor.components.count && components.starts(with: ancestor.components)
    }

    /// The path as clients see it: `/` or `/a/b`.
    public var string: String { components.isEmpty ? "/" : "/" + components.joined(separator: "/") }

    public var description: String { string }

    /// Orders paths component by component, so a directory sorts right before its content.
    public static func < (lhs: VirtualPath, rhs: VirtualPath) -> Bool {
        lhs.components.lexicographicallyPrecedes(rhs.components)
    }
}
