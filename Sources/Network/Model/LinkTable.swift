/// Analyst links (`links.csv`, `edges.csv` or an edge-list file) stored column-wise.
///
/// A million-row edge list must not become a million structs holding strings: endpoints are
/// person indices, types are interned, optional columns take no memory when the file lacks
/// them. Each row is still available as an ``AnalystLink`` (a `RandomAccessCollection`).
///
/// Columns that hold one value for every row so far take no memory: all weights 1, a single
/// type, lines that follow one another (an edge list without blank or multi-line rows). A plain
/// two-column edge list costs 8 bytes a row.
///
/// - Complexity: memory 8 bytes per row, plus 8 (weights), 4 (types), 4 (lines) when they vary,
///   plus the optional columns present.
public struct LinkTable: RandomAccessCollection, Sendable {
    /// The file the rows came from, as named in errors.
    public var file: String
    /// Person index of each row's source and target.
    public private(set) var source: [Int32] = []
    public private(set) var target: [Int32] = []
    /// Each row's weight (1 unless the file gives another).
    public var weight: Column<Double> { Column(stored: weights, uniform: 1, count: source.count) }
    /// Index into `types` of each row.
    public var typeID: Column<Int32> { Column(stored: typeIDs, uniform: 0, count: source.count) }
    /// 1-based line of each row in `file`.
    public var line: LineColumn { LineColumn(stored: lines, first: firstLine, count: source.count) }
    private var weights: [Double] = []
    private var typeIDs: [Int32] = []
    private var lines: [Int32] = []
    private var firstLine: Int32 = 0
    /// Distinct types in order of first appearance.
    public private(set) var types: [String] = []
    private var typeIndex = IDInterner()
    /// Optional columns: empty when no row has a value.
    private var dates: [Day?] = []
    private var infos: [String?] = []
    private var periods: [String?] = []
    /// Rows from several files (a neo4j import folder's relationship files): each row's file
    /// as an index into `files`; empty while every row is from `file`.
    private var fileIDs: [Int32] = []
    private var files: [String] = []
    /// Person ids, to materialize rows (shared with the dataset's persons).
    public private(set) var personIDs: [String] = []

    public init(file: String = "", personIDs: [String] = []) {
        self.file = file
        self.personIDs = personIDs
    }

    public mutating func reserveCapacity(_ n: Int) {
        source.reserveCapacity(n); target.reserveCapacity(n)
    }

    mutating func setPersonIDs(_ ids: [String]) { personIDs = ids }

    /// Appends a row; `date`, `sourceInfo` and `period` cost memory only once one is given.
    public mutating func append(source s: Int32, target t: Int32, type: String, weight w: Double, line l: Int,
                                date: Day? = nil, sourceInfo: String? = nil, period: String? = nil, file f: String? = nil) {
        if let f, !fileIDs.isEmpty || f != file {
            if fileIDs.isEmpty { files = [file]; fileIDs = [Int32](repeating: 0, count: source.count) }
            if let k = files.firstIndex(of: f) { fileIDs.append(Int32(k)) } else { fileIDs.append(Int32(files.count)); files.append(f) }
        } else if !fileIDs.isEmpty {
            fileIDs.append(0)
        }
        let (tid, inserted) = typeIndex.intern(type)
        if inserted { types.append(type) }
        let row = source.count
        source.append(s); target.append(t)
        if w != 1 || !weights.isEmpty {
            if weights.isEmpty { weights.reserveCapacity(source.capacity); weights = [Double](repeating: 1, count: row) }
            weights.append(w)
        }
        if tid != 0 || !typeIDs.isEmpty {
            if typeIDs.isEmpty { typeIDs.reserveCapacity(source.capacity); typeIDs = [Int32](repeating: 0, count: row) }
            typeIDs.append(tid)
        }
        let l32 = Int32(clamping: l)
        if row == 0 { firstLine = l32 }
        if l32 != firstLine &+ Int32(truncatingIfNeeded: row) || !lines.isEmpty {
            if lines.isEmpty { lines.reserveCapacity(source.capacity); lines = (0..<row).map { firstLine &+ Int32(truncatingIfNeeded: $0) } }
            lines.append(l32)
        }
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
    /// The file row `i` came from.
    public func file(_ i: Int) -> String { fileIDs.isEmpty ? file : files[Int(fileIDs[i])] }

    public subscript(i: Int) -> AnalystLink {
        AnalystLink(sourceID: personIDs[Int(source[i])], targetID: personIDs[Int(target[i])], type: types[Int(typeID[i])],
                    weight: weight[i], date: date(i), sourceInfo: sourceInfo(i), period: period(i),
                    source: SourceRow(file: file(i), line: Int(line[i])))
    }
}

/// A column of a ``LinkTable`` that stores nothing while every row has the same value.
public struct Column<T>: RandomAccessCollection, Sendable where T: Sendable {
    let stored: [T]
    let uniform: T
    public let count: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    @inline(__always) public subscript(i: Int) -> T { stored.isEmpty ? uniform : stored[i] }
}

/// The line column of a ``LinkTable``: stored only once a row does not follow the previous one.
public struct LineColumn: RandomAccessCollection, Sendable {
    let stored: [Int32]
    let first: Int32
    public let count: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    @inline(__always) public subscript(i: Int) -> Int32 { stored.isEmpty ? first &+ Int32(truncatingIfNeeded: i) : stored[i] }
}
