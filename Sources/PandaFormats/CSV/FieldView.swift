/// The fields of a `CSVRow` as unsafe buffers, valid only inside `CSVRow.withFieldView`: checking a row
/// through one view touches the row's arrays once instead of once per field.
struct FieldView {
    private let values: UnsafeBufferPointer<UInt8>
    private let bounds: UnsafeBufferPointer<Range<Int>>
    let isASCII: Bool

    init(values: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Range<Int>>, isASCII: Bool) {
        self.values = values
        self.bounds = bounds
        self.isASCII = isASCII
    }

    var count: Int { bounds.count }

    @inline(__always) subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: values[bounds[index]])
    }

    /// Field `index` as a `String` (invalid UTF-8 replaced by U+FFFD).
    func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }
}

extension CSVRow {
    func withFieldView<Result>(_ body: (FieldView) -> Result) -> Result {
        values.withUnsafeBufferPointer { values in
            valueBounds.withUnsafeBufferPointer { bounds in
                body(FieldView(values: values, bounds: bounds, isASCII: isASCII))
            }
        }
    }
}
