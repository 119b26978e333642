/// Why one line (or one JSON document) could not be read as an event.
///
/// The codec knows only the line; the log layer adds the file, line number and byte offset.
public struct CodecError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// 1-based byte column in the line, when the problem is in the JSON syntax.
    public var column: Int?
    /// The field concerned, when the problem is in one field.
    public var field: String?

    public init(_ message: String, column: Int? = nil, field: String? = nil) {
        self.message = message
        self.column = column
        self.field = field
    }

    public var description: String {
        var parts: [String] = []
        if let field { parts.append("field \"\(field)\"") }
        if let column { parts.append("column \(column)") }
        return parts.isEmpty ? message : "\(parts.joined(separator: ", ")): \(message)"
    }

    /// The same error, seen from the value that holds it: `component` is a field name or an
    /// array position (`[2]`, 1-based as task positions are), prefixed to the field path.
    func inside(_ component: String) -> CodecError {
        var e = self
        switch field {
        case nil: e.field = component
        case let f? where f.hasPrefix("["): e.field = component + f
        case let f?: e.field = component + "." + f
        }
        return e
    }
}
