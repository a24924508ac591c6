/// A `RecordFormat` resolved into what checking one of its rows needs: positions instead of names.
///
/// A class, and everything hoisted out of `format`, so checking a row copies no arrays or strings.
final class FormatPlan {
    let index: Int
    let format: RecordFormat
    let rowFieldCount: Int
    /// Lower-case keyword bytes.
    let keyword: [UInt8]
    let checks: [FieldCheck]
    let builder: RecordBuilder
    let hasSecrets: Bool
    let secretFieldPositions: [Int]
    let keyFieldPositions: [Int]
    let skipPosition: Int?
    let skipValue: [UInt8]
    /// Positions of fields that must be students in scope.
    let students: [Int]
    /// Positions of fields that must be defined programs.
    let programs: [Int]
    /// Positions of (property, value) field pairs that must be defined property values.
    let propertyValues: [(key: Int, value: Int)]

    init(index: Int, format: RecordFormat) {
        precondition(format.rowFieldCount <= 64, "a format may have at most 63 fields")
        self.index = index
        self.format = format
        rowFieldCount = format.rowFieldCount
        keyword = format.keywordBytes
        checks = format.fields.map(FieldCheck.init)
        builder = RecordBuilder(format: format)
        hasSecrets = format.hasSecrets
        secretFieldPositions = format.secretFieldPositions
        keyFieldPositions = format.keyFieldPositions
        skipPosition = format.skipPosition
        skipValue = format.skipValue
        var students: [Int] = []
        var programs: [Int] = []
        var propertyValues: [(key: Int, value: Int)] = []
        for (offset, rule) in format.fields.enumerated() {
            switch rule.reference {
            case .student: students.append(offset + 1)
            case .program: programs.append(offset + 1)
            case .propertyValue(let keyField):
                guard let key = format.position(of: keyField) else {
                    preconditionFailure("format \(format.keyword) has no field \(keyField)")
                }
                propertyValues.append((key, offset + 1))
            case nil: break
            }
        }
        self.students = students
        self.programs = programs
        self.propertyValues = propertyValues
    }

    /// Name of the field at row position `position` (the keyword is 0), if there is one.
    func fieldName(at position: Int) -> String? {
        position >= 1 && position <= format.fields.count ? format.fields[position - 1].name : nil
    }
}
