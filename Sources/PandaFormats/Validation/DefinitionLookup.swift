/// Definitions rows may refer to, implemented by the caller (they live in the store).
///
/// Called once per referring row, so implementations should answer from memory (definitions are a few
/// hundred rows: load them before validating). Definitions uploaded in the same batch are processed
/// first (`FormatTable.processingOrder`) and must be visible here.
public protocol DefinitionLookup {
    /// Whether `value` is a defined value of property `key` (a `Property` row KeyID, ValueID).
    func isDefinedProperty(key: String, value: String) -> Bool
    /// Whether `programID` is a defined program (a `program` row).
    func isDefinedProgram(_ programID: String) -> Bool
}

/// Definitions held in memory; `add(_:)` takes in the definitions of accepted rows of a batch.
public struct DefinitionSet: DefinitionLookup, Sendable {
    /// Defined ValueIDs per KeyID.
    public var propertyValues: [String: Set<String>]
    public var programs: Set<String>

    public init(propertyValues: [String: Set<String>] = [:], programs: Set<String> = []) {
        self.propertyValues = propertyValues
        self.programs = programs
    }

    /// Adds the definition a `Property` or `program` record makes; other records change nothing.
    public mutating func add(_ record: Record) {
        switch record {
        case .property(let property): propertyValues[property.keyID, default: []].insert(property.valueID)
        case .program(let program): programs.insert(program.programID)
        default: break
        }
    }

    public func isDefinedProperty(key: String, value: String) -> Bool {
        propertyValues[key]?.contains(value) ?? false
    }

    public func isDefinedProgram(_ programID: String) -> Bool { programs.contains(programID) }
}
