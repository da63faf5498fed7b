import Foundation
import Network

/// The report as one self-contained HTML file: inline CSS, inline SVG, one small inline script
/// (table sorting, zooming and panning the network images, hover text; without it the tables
/// are plain and the images fixed). Nothing is fetched from anywhere.
public enum HTMLReport {
    public static func write(_ doc: ReportDocument) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(esc(doc.title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        h += "<header>\n<h1>\(esc(doc.title))</h1>\n"
        for line in doc.subtitle { h += "<p class=\"sub\">\(esc(line))</p>\n" }
        // A one-section document (a profile) needs no table of contents.
        h += (doc.sections.count > 1 ? "<nav><ol>" + doc.sections.map { "<li><a href=\"#\($0.id)\">\(esc($0.title))</a></li>" }.joined() + "</ol></nav>\n" : "") + "</header>\n"
        for (i, s) in doc.sections.enumerated() {
            h += "<section id=\"\(s.id)\">\n<h2>\(i + 1). \(esc(s.title))</h2>\n"
            // Consecutive cards share one grid (two to a row in print).
            var inCards = false
            for b in s.blocks {
                var isCard = false
                if case .card = b { isCard = true }
                if case .image(let img) = b, img.name.hasPrefix("cluster-") || img.name.hasPrefix("candidate-") { isCard = true }
                if isCard != inCards { h += isCard ? "<div class=\"cards\">\n" : "</div>\n"; inCards = isCard }
                h += block(b)
            }
            if inCards { h += "</div>\n" }
            h += "</section>\n"
        }
        if !doc.files.isEmpty {
            h += "<footer><p>Files beside this report: " + doc.files.map { "<code>\(esc($0.name))</code>" }.joined(separator: ", ") + ".</p></footer>\n"
        }
        h += "<script>\n\(script)</script>\n</body>\n</html>\n"
        return h
    }

    static func block(_ b: ReportBlock) -> String {
        switch b {
        case let .card(title, blocks):
            var h = "<div class=\"pcard\"><h4>\(esc(title))</h4>\n"
            for b in blocks {
                switch b {
                case .keyFigures(let kv):
                    h += "<p class=\"facts\">" + kv.map { "<b>\(esc($0.label))</b> \(keepDays(esc($0.value)))" }.joined(separator: " · ") + "</p>\n"
                case .table(let t):
                    // A two-column table (label, value) as one line; others as lines of cells.
                    let lines = t.rows.map { $0.map(esc).joined(separator: t.header.count == 2 && t.header[0] == "date" ? " " : ": ") }
                    h += "<p class=\"facts\"><b>\(esc(t.caption.map { String($0.split(separator: "(").first ?? "") } ?? ""))</b> "
                        + lines.joined(separator: " · ") + "</p>\n"
                default:
                    h += block(b)
                }
            }
            return h + "</div>\n"
        case .paragraph(let t): return "<p>\(inline(t))</p>\n"
        case .subheading(let t): return "<h3>\(esc(t))</h3>\n"
        case .list(let items): return "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
        case let .columns(items, caption):
            return "<p class=\"cols-caption\">\(inline(caption))</p><ul class=\"cols\">\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
        case .keyFigures(let kv):
            return "<dl class=\"figures\">\n" + kv.map { "<div><dt>\(esc($0.label))</dt><dd>\(keepDays(esc($0.value)))</dd></div>\n" }.joined() + "</dl>\n"
        case .preformatted(let t): return "<pre>\(esc(t))</pre>\n"
        case .chart(_, let svg, let caption):
            return "<figure class=\"chart\">\(svg)<figcaption>\(inline(caption))</figcaption></figure>\n"
        case .image(let img):
            guard let svg = img.svg else {
                return "<p class=\"note\">Image not drawn: \(esc(img.caption)) (this build of sna has no Graphviz; build with the Graphviz trait).</p>\n"
            }
            func safe(_ c: String) -> String { c.allSatisfy { $0 == "#" || $0.isHexDigit } ? c : "#cccccc" }
            var legend = ""
            if !img.legend.isEmpty || !img.ties.isEmpty || !img.marks.isEmpty {
                legend = "<ul class=\"legend\">" + img.legend.map { item in
                    "<li><span class=\"swatch\" style=\"background:\(safe(item.color))\"></span>\(esc(item.label))</li>"
                }.joined() + img.ties.map { t in
                    let style = ["dashed", "dotted"].contains(t.style) ? t.style : "solid"
                    return "<li><span class=\"line\" style=\"border-top:3px \(style) \(safe(t.color))\"></span>\(esc(t.label))</li>"
                }.joined() + img.marks.map { "<li class=\"mark\">\(esc($0))</li>" }.joined() + "</ul>"
            }
            // Candidate and cluster images are cards: three to a row in print.
            let card = img.name.hasPrefix("candidate-") || img.name.hasPrefix("cluster-")
            return "<figure class=\"graph\(card ? " card" : "")\(img.name == "overview" ? " overview" : "")\(img.name.hasPrefix("profile-") ? " profile" : "")\">\(svg)\(legend)<figcaption>\(inline(img.caption))</figcaption></figure>\n"
        case .table(let t):
            var s = "<table\(t.sortable ? " class=\"sortable\"" : "")>\n"
            if let c = t.caption { s += "<caption>\(inline(c))</caption>\n" }
            s += "<thead><tr>" + t.header.enumerated().map { i, c in
                "<th\(t.numeric.contains(i) ? " class=\"num\"" : "")\(t.sortable ? " title=\"sort\"" : "")>\(esc(c))</th>"
            }.joined() + "</tr></thead>\n<tbody>\n"
            for (r, row) in t.rows.enumerated() {
                s += "<tr>" + row.enumerated().map { i, c in
                    var attrs = t.numeric.contains(i) ? " class=\"num\"" : ""
                    if let k = t.sortKeys?[r][i], k != c { attrs += " data-sort=\"\(esc(k))\"" }
                    return "<td\(attrs)>\(esc(c))</td>"
                }.joined() + "</tr>\n"
            }
            return s + "</tbody></table>\n"
        }
    }

    /// Dates kept on one line ("2015-12-" / "31" must not break inside a figure box).
    static func keepDays(_ escaped: String) -> String {
        escaped.replacingOccurrences(of: #"\b(\d{4}-\d{2}-\d{2})\b"#, with: "<span class=\"day\">$1</span>", options: .regularExpression)
    }

    /// Escaped text with `code` spans.
    static func inline(_ s: String) -> String {
        let parts = s.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.count % 2 == 1 else { return esc(s) }
        return parts.enumerated().map { i, p in i % 2 == 1 ? "<code>\(esc(String(p)))</code>" : esc(String(p)) }.joined()
    }

    /// HTML text escaping (the XML escaper: `& < > " '`, and no control characters).
    static func esc(_ s: String) -> String { Escape.xml(s) }

    static let css = """
    :root { --ink: #1d1d1f; --muted: #5a5a5f; --rule: #d0d0d5; --band: #f4f4f7; --accent: #0b5cad; }
    * { box-sizing: border-box; }
    body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif;
           color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px 28px 60px; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 21px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
    h3 { font-size: 16px; margin: 22px 0 6px; }
    p.sub { color: var(--muted); margin: 2px 0; }
    p.note { color: var(--muted); font-style: italic; }
    nav ol { columns: 2; padding-left: 20px; margin: 14px 0 0; }
    nav a { color: var(--accent); text-decoration: none; }
    dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; margin: 10px 0; }
    dl.figures div { background: var(--band); padding: 8px 10px; border-radius: 4px; }
    dl.figures dt { font-size: 12px; color: var(--muted); }
    dl.figures dd { margin: 2px 0 0; font-size: 19px; font-weight: 600; }
    table { border-collapse: collapse; width: 100%; margin: 10px 0 16px; font-size: 13px; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
    th { background: var(--band); font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td:first-child { white-space: nowrap; }
    span.day { white-space: nowrap; }
    table.sortable th { cursor: pointer; }
    table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
    table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
    tbody tr:nth-child(even) { background: #fafafc; }
    figure { margin: 12px 0 20px; }
    figure svg { width: 100%; height: auto; max-height: 820px; display: block; }
    figure.graph { position: relative; }
    figure.graph svg { cursor: zoom-in; touch-action: none; }
    figure.graph.zoomed svg { cursor: grab; border: 1px solid var(--rule); }
    .zoombar { position: absolute; top: 0; right: 0; display: flex; gap: 3px; z-index: 1; }
    .zoombar button { font: 13px system-ui, sans-serif; min-width: 26px; padding: 1px 6px; border: 1px solid var(--rule);
                      background: #fff; border-radius: 3px; cursor: pointer; }
    figure.chart svg { max-width: 760px; }
    figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
    figure.profile svg { max-height: 8cm; width: auto; max-width: 100%; display: block; margin: 0 auto; }
    ul.legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; }
    ul.legend li { display: flex; align-items: center; gap: 5px; }
    .line { display: inline-block; width: 26px; height: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    ul.legend li.mark { color: var(--muted); }
    .swatch { display: inline-block; width: 12px; height: 12px; border: 1px solid #555; border-radius: 2px;
              -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    pre { background: var(--band); padding: 10px; font-size: 12px; overflow-x: auto; white-space: pre-wrap; }
    code { font-size: 13px; overflow-wrap: anywhere; }
    footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
    p.cols-caption { font-weight: 600; margin: 10px 0 4px; }
    @media screen and (max-width: 1000px) {
      body { padding: 16px 12px 40px; }
      table { display: block; overflow-x: auto; max-width: 100%; }
    }
    ul.cols { columns: 4 170px; list-style: none; padding: 0; margin: 0 0 12px; font-size: 13px; font-variant-numeric: tabular-nums; }
    @page { size: A4; margin: 16mm 12mm 16mm;
      @top-center { content: "Personal data — confidential"; font: 8pt sans-serif; color: #8b0000; }
      @bottom-right { content: "page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #555; } }
    div.pcard { border: 1px solid var(--rule); border-radius: 4px; padding: 6px 10px; margin: 0 0 10px; }
    div.pcard h4 { margin: 0 0 4px; font-size: 14px; }
    div.pcard p { margin: 2px 0; font-size: 13px; }
    div.pcard figure { margin: 4px 0; }
    @media print {
      body { max-width: none; padding: 0; font-size: 9.5pt; }
      h1 { font-size: 18pt; }
      h2 { font-size: 14pt; margin: 14px 0 6px; break-after: avoid; }
      h3 { font-size: 11pt; margin: 10px 0 4px; break-after: avoid; }
      nav ol { columns: 2; font-size: 9pt; }
      section { break-before: auto; }
      figure, tr, dl.figures div, caption { break-inside: avoid; }
      caption { break-after: avoid; }
      figure { margin: 6px 0 10px; }
      figure.graph svg { max-height: 105mm; }
      figure.card { display: inline-block; width: 49%; vertical-align: top; margin: 0 0 6px; }
      div.cards figure.card { display: block; width: auto; margin: 0; }
      figure.card ul.legend { gap: 1px 8px; font-size: 7pt; }
      div.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; align-items: start; }
      div.pcard { box-sizing: border-box; break-inside: avoid; margin: 0; padding: 4px 6px; }
      div.pcard h4 { font-size: 9.5pt; }
      div.pcard p, div.pcard figcaption, div.pcard ul.legend { font-size: 7pt; line-height: 1.25; }
      div.pcard figure.card { display: block; width: 100%; margin: 2px 0; }
      div.pcard figure.card svg { max-height: 44mm; }
      div.pcard figcaption { display: none; }
      figure.overview svg { max-height: 60mm; }
      figure.card svg { max-height: 70mm; }
      figure.profile svg { max-height: 70mm; width: auto; margin: 0 auto; }
      figure.chart svg { max-height: 52mm; max-width: 100%; }
      figcaption, ul.legend { font-size: 8pt; }
      dl.figures { grid-template-columns: repeat(4, 1fr); gap: 4px; }
      dl.figures dd { font-size: 12pt; }
      table { font-size: 7pt; margin: 4px 0 8px; }
      th, td { padding: 1px 3px; }
      ul.cols { columns: 5; font-size: 7.5pt; }
      p.cols-caption { break-after: avoid; }
      pre { font-size: 6pt; columns: 3; white-space: pre-wrap; }
      thead { display: table-header-group; }
      .zoombar { display: none; }
      a { color: inherit; text-decoration: none; }
    }

    """

    /// Sorts a table by a clicked header (numeric columns by their value or data-sort, largest
    /// first on the first click); zooms and pans the network images (buttons, Ctrl+wheel or the
    /// wheel once zoomed, drag to move); puts each person's key figures in the hover text.
    static let script = """
    document.querySelectorAll("figure.graph svg").forEach(function (svg) {
      svg.querySelectorAll("g.node").forEach(function (n) {
        var a = n.querySelector("a"), t = n.querySelector("title");
        var x = a && a.getAttribute("xlink:title");
        if (t && x) t.textContent = x;
      });
      var vb = svg.viewBox && svg.viewBox.baseVal;
      if (!vb || !vb.width) return;
      var fig = svg.parentNode, home = [vb.x, vb.y, vb.width, vb.height];
      function set(x, y, w, h) {
        w = Math.min(w, home[2]); h = Math.min(h, home[3]);
        x = Math.max(home[0], Math.min(x, home[0] + home[2] - w)); y = Math.max(home[1], Math.min(y, home[1] + home[3] - h));
        vb.x = x; vb.y = y; vb.width = w; vb.height = h;
        fig.classList.toggle("zoomed", w < home[2] * 0.999);
      }
      function zoom(f, cx, cy) {
        if (vb.width * f < home[2] / 40) return;
        set(cx - (cx - vb.x) * f, cy - (cy - vb.y) * f, vb.width * f, vb.height * f);
      }
      function point(e) {
        var p = svg.createSVGPoint(); p.x = e.clientX; p.y = e.clientY;
        return p.matrixTransform(svg.getScreenCTM().inverse());
      }
      var bar = document.createElement("div"); bar.className = "zoombar";
      [["+", 0.6, "zoom in"], ["\\u2212", 1 / 0.6, "zoom out"], ["\\u21BA", 0, "whole image"]].forEach(function (b) {
        var btn = document.createElement("button"); btn.type = "button"; btn.textContent = b[0]; btn.title = b[2];
        btn.addEventListener("click", function () {
          if (b[1]) zoom(b[1], vb.x + vb.width / 2, vb.y + vb.height / 2); else set(home[0], home[1], home[2], home[3]);
        });
        bar.appendChild(btn);
      });
      fig.insertBefore(bar, svg);
      svg.addEventListener("wheel", function (e) {
        if (!e.ctrlKey && !fig.classList.contains("zoomed")) return;
        e.preventDefault(); var p = point(e); zoom(e.deltaY < 0 ? 0.8 : 1.25, p.x, p.y);
      }, { passive: false });
      svg.addEventListener("dblclick", function (e) { var p = point(e); zoom(0.5, p.x, p.y); });
      var drag = null;
      svg.addEventListener("pointerdown", function (e) {
        if (!fig.classList.contains("zoomed")) return;
        drag = point(e); svg.setPointerCapture(e.pointerId);
      });
      svg.addEventListener("pointermove", function (e) {
        if (!drag) return; var p = point(e);
        set(vb.x - (p.x - drag.x), vb.y - (p.y - drag.y), vb.width, vb.height);
      });
      svg.addEventListener("pointerup", function () { drag = null; });
    });
    document.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("th").forEach(function (th, col) {
        th.addEventListener("click", function () {
          var num0 = th.classList.contains("num"), state = th.getAttribute("aria-sort");
          var asc = num0 ? state === "descending" : state !== "ascending";
          table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
          var num = th.classList.contains("num");
          function key(r) { var c = r.cells[col]; var k = c.getAttribute("data-sort"); return k === null ? c.textContent : k; }
          rows.sort(function (a, b) {
            var x = key(a), y = key(b);
            if (num) { x = parseFloat(x); y = parseFloat(y); if (isNaN(x)) x = Infinity; if (isNaN(y)) y = Infinity; }
            return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });

    """
}

/// The report as Markdown, with the images as SVG files beside it (for pasting into documents).
public enum MarkdownReport {
    public static func write(_ doc: ReportDocument) -> (markdown: String, images: [(name: String, svg: String)]) {
        var m = "# \(cell(doc.title))\n\n"
        for line in doc.subtitle { m += "\(cell(line))  \n" }
        m += "\n"
        var images: [(String, String)] = []
        for (i, s) in doc.sections.enumerated() {
            m += "## \(i + 1). \(cell(s.title))\n\n"
            for b in s.blocks {
                switch b {
                case .paragraph(let t): m += "\(cell(t))\n\n"
                case .subheading(let t): m += "### \(cell(t))\n\n"
                case .list(let items): m += items.map { "- \(cell($0))\n" }.joined() + "\n"
                case let .columns(items, caption): m += "**\(cell(caption))**\n\n" + items.map { "- \(cell($0))\n" }.joined() + "\n"
                case .keyFigures(let kv):
                    m += "| | |\n|---|---:|\n" + kv.map { "| \(cell($0.label)) | \(cell($0.value)) |\n" }.joined() + "\n"
                case .preformatted(let t): m += "```\n\(t)\n```\n\n"
                case let .card(title, blocks):
                    // A card in Markdown: its title, then its blocks as lines.
                    m += "#### \(cell(title))\n\n"
                    for b in blocks {
                        switch b {
                        case .keyFigures(let kv): m += kv.map { "- \(cell($0.label)): \(cell($0.value))\n" }.joined() + "\n"
                        case .paragraph(let t): m += "\(cell(t))\n\n"
                        case .table(let t):
                            if let c = t.caption { m += "*\(cell(c))*: " }
                            m += t.rows.map { $0.map(cell).joined(separator: " ") }.joined(separator: "; ") + "\n\n"
                        case .image(let img):
                            if let svg = img.svg {
                                let file = "images/\(img.name).svg"
                                images.append((file, standalone(svg)))
                                m += "![\(cell(img.caption))](\(file))\n\n"
                            }
                        default: break
                        }
                    }
                case .chart(let name, let svg, let caption):
                    let file = "images/\(name).svg"
                    images.append((file, standalone(svg)))
                    m += "![\(cell(caption))](\(file))\n\n*\(cell(caption))*\n\n"
                case .image(let img):
                    if let svg = img.svg {
                        let file = "images/\(img.name).svg"
                        images.append((file, standalone(svg)))
                        m += "![\(cell(img.caption))](\(file))\n\n*\(cell(img.caption))*\n\n"
                        if !img.legend.isEmpty { m += "Colours: " + img.legend.map { "\(cell($0.label)) \($0.color)" }.joined(separator: ", ") + "\n\n" }
                        if !img.ties.isEmpty { m += "Ties: " + img.ties.map { "\(cell($0.label)) \($0.style) \($0.color)" }.joined(separator: ", ") + "\n\n" }
                        if !img.marks.isEmpty { m += cell(img.marks.joined(separator: "; ")) + "\n\n" }
                    } else {
                        m += "*Image not drawn (no Graphviz in this build): \(cell(img.caption))*\n\n"
                    }
                case .table(let t):
                    if let c = t.caption { m += "**\(cell(c))**\n\n" }
                    m += "| " + t.header.map(cell).joined(separator: " | ") + " |\n"
                    m += "|" + t.header.indices.map { t.numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
                    for r in t.rows { m += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
                    m += "\n"
                }
            }
        }
        if !doc.files.isEmpty { m += "Files beside this report: " + doc.files.map { "`\($0.name)`" }.joined(separator: ", ") + ".\n" }
        return (m, images)
    }

    /// Text of a paragraph, list item, caption or table cell: outside `code` spans, HTML and
    /// Markdown syntax from the data are escaped (``Escape/markdown(_:)``); a code span is literal
    /// in Markdown and only loses line breaks and `|` (which would end a table cell).
    static func cell(_ s: String) -> String {
        let parts = s.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.count % 2 == 1 else { return Escape.markdown(s) }
        return parts.enumerated().map { i, p in
            i % 2 == 1 ? "`" + p.replacingOccurrences(of: "|", with: "¦").replacingOccurrences(of: "\n", with: " ") + "`" : Escape.markdown(String(p))
        }.joined()
    }

    /// An inline SVG made a file of its own (namespace declared, as a standalone file needs).
    static func standalone(_ svg: String) -> String {
        guard svg.hasPrefix("<svg"), !svg.hasPrefix("<svg xmlns") else { return svg }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"" + svg.dropFirst(4) + "\n"
    }
}
