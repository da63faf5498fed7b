import Foundation

/// The meeting pack as a document: sections of blocks, written out as HTML or Markdown by
/// ``HTMLReport`` and ``MarkdownReport``. The content is gathered once (``ReportBuilder``), so
/// both formats say the same.
public struct ReportDocument {
    var title: String
    var subtitle: [String]
    var sections: [ReportSection]
    /// Files written beside the report (name → CSV text), listed in the report.
    public var files: [(name: String, text: String)]
}

struct ReportSection {
    var id: String
    var title: String
    var blocks: [ReportBlock]
}

enum ReportBlock {
    case paragraph(String)
    case list([String])
    /// A long list of short items, set in columns (a caption above).
    case columns([String], caption: String)
    case keyFigures([(label: String, value: String)])
    case table(ReportTable)
    case image(ReportImage)
    /// An inline SVG chart drawn by ``SVGChart``.
    case chart(name: String, svg: String, caption: String)
    case preformatted(String)
    case subheading(String)
    /// A person's card (a short profile): a title, then the profile's blocks set compactly —
    /// key figures and tables as lines, the image small. Two to a row in print.
    case card(title: String, blocks: [ReportBlock])
}

struct ReportTable {
    var header: [String]
    var rows: [[String]]
    /// Columns holding numbers (right-aligned; sorted numerically).
    var numeric: Set<Int> = []
    /// Sort key per cell when it differs from the text (e.g. a rank "3 (2–6)" sorts by 3).
    var sortKeys: [[String]]?
    var sortable = false
    var caption: String?
}

struct ReportImage {
    /// File name stem for the Markdown form (`images/<name>.svg`).
    var name: String
    var caption: String
    /// Graphviz SVG cleaned for inline use, or nil when rendering is not available.
    var svg: String?
    /// The colours of the image, repeated as a legend large enough to read on paper.
    var legend: [(color: String, label: String)] = []
    /// The kinds of tie drawn, each with its line style and colour.
    var ties: [(style: String, color: String, label: String)] = []
    /// Marks (size, borders, outlines) and notes on lines, as the image uses them.
    var marks: [String] = []
    /// Persons labelled of those that matter for the view, and the size labels print at (pt).
    var labelled: (count: Int, of: Int, points: Double?)?
}
