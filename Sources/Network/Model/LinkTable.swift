/// Analyst links (`links.csv`, `edges.csv` or an edge-list file) stored column-wise.
///
/// A million-row edge list must not become a million structs holding strings: endpoints are
/// person indices, types are interned, optional columns take no memory when the file lacks
/// them. Each row is still available as an ``AnalystLink`` (a `RandomAccessCollection`).
///
/// - Complexity: memory ≈ 24 bytes per row plus the optional columns present.
public struct LinkTable: RandomAccessCollection, Sendable {
    /// The file the rows came from, as named in errors.
    public var file: String
    /// Person index of each row's source and target.
    public private(set) var source: [Int32] = []
    public private(set) var target: [Int32] = []
    public private(set) var weight: [Double] = []
    /// Index into `types` of each row.
    public private(set) var typeID: [Int32] = []
    /// 1-based line of each row in `file`.
    public private(set) var line: [Int32] = []
    /// Distinct types in order of first appearance.
    public private(set) var types: [String] = []
    private var typeIndex = IDInterner()
    /// Optional columns: empty when no row has a value.
    private var dates: [Day?] = []
    private var infos: [String?] = []
    private var periods: [String?] = []
    /// Person ids, to materialize rows (shared with the dataset's persons).
    public private(set) var personIDs: [String] = []

    public init(file: String = "", personIDs: [String] = []) {
        self.file = file
        self.personIDs = personIDs
    }

    public mutating func reserveCapacity(_ n: Int) {
        source.reserveCapacity(n); target.reserveCapacity(n); weight.reserveCapacity(n)
        typeID.reserveCapacity(n); line.reserveCapacity(n)
    }

    mutating func setPersonIDs(_ ids: [String]) { personIDs = ids }

    /// Appends a row; `date`, `sourceInfo` and `period` cost memory only once one is given.
    public mutating func append(source s: Int32, target t: Int32, type: String, weight w: Double, line l: Int,
                                date: Day? = nil, sourceInfo: String? = nil, period: String? = nil) {
        let (tid, inserted) = typeIndex.intern(type)
        if inserted { types.append(type) }
        let row = source.count
        source.append(s); target.append(t); weight.append(w); typeID.append(tid); line.append(Int32(clamping: l))
        if date != nil || !dates.isEmpty {
            if dates.isEmpty { dates = [Day?](repeating: nil, count: row) }
            dates.append(date)
        }
        if sourceInfo != nil || !infos.isEmpty {
            if infos.isEmpty { infos = [String?](repeating: nil, count: row) }
            infos.append(sourceInfo)
        }
        if period != nil || !periods.isEmpty {
            if periods.isEmpty { periods = [String?](repeating: nil, count: row) }
            periods.append(period)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { source.count }

    public func date(_ i: Int) -> Day? { dates.isEmpty ? nil : dates[i] }
    public func sourceInfo(_ i: Int) -> String? { infos.isEmpty ? nil : infos[i] }
    public func period(_ i: Int) -> String? { periods.isEmpty ? nil : periods[i] }
    public var hasDates: Bool { !dates.isEmpty }

    public subscript(i: Int) -> AnalystLink {
        AnalystLink(sourceID: personIDs[Int(source[i])], targetID: personIDs[Int(target[i])], type: types[Int(typeID[i])],
                    weight: weight[i], date: date(i), sourceInfo: sourceInfo(i), period: period(i),
                    source: SourceRow(file: file, line: Int(line[i])))
    }
}
