import FKPCore

/// A horizontal bar chart, drawn on the server as SVG: for each place, its families per welfare
/// group before the forums and after them, as two stacked bars. No script, and colours given as
/// presentation attributes, which the content security policy allows (inline styles it does not).
enum GroupChartSVG {
    struct Row {
        let label: String
        let before: GroupCounts
        let after: GroupCounts
    }

    /// The page's group colours (public/css/fkp.css, `--g1`...`--g4`).
    static let colours: [WelfareGroup: String] = [.veryPoor: "#b3261e", .poor: "#b45309", .vulnerable: "#7a6500", .notPoor: "#2e7d32"]

    /// Every text is escaped: the result is safe to place in a page as it is.
    static func render(_ rows: [Row], title: String, beforeLabel: String, afterLabel: String, groupLabel: (WelfareGroup) -> String) -> String {
        let width = 640.0, labelWidth = 150.0, barHeight = 14.0, rowHeight = 44.0, top = 34.0
        let barWidth = width - labelWidth - 50
        let largest = max(1, rows.map { max($0.before.total, $0.after.total) }.max() ?? 1)
        let height = top + Double(rows.count) * rowHeight + 8
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "width=\"100%\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\"><title>\(HTMLText.escape(title))</title>"
        var x = 0.0
        for group in WelfareGroup.allCases {
            let label = HTMLText.escape(groupLabel(group))
            svg += "<rect x=\"\(x)\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(colours[group] ?? "#777")\"/>"
                + "<text x=\"\(x + 16)\" y=\"14\" font-size=\"11\">\(label)</text>"
            x += 160
        }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += "<text x=\"0\" y=\"\(y + 12)\" font-size=\"12\">\(HTMLText.escape(row.label))</text>"
            for (offset, (word, counts)) in [(beforeLabel, row.before), (afterLabel, row.after)].enumerated() {
                let barY = y + 16 + Double(offset) * (barHeight + 2)
                svg += "<text x=\"\(labelWidth - 6)\" y=\"\(barY + 11)\" font-size=\"10\" text-anchor=\"end\">\(HTMLText.escape(word))</text>"
                var start = labelWidth
                for group in WelfareGroup.allCases where counts[group] > 0 {
                    let length = barWidth * Double(counts[group]) / Double(largest)
                    svg += "<rect x=\"\(start)\" y=\"\(barY)\" width=\"\(length)\" height=\"\(barHeight)\" fill=\"\(colours[group] ?? "#777")\">"
                        + "<title>\(HTMLText.escape(groupLabel(group))): \(counts[group])</title></rect>"
                    start += length
                }
                svg += "<text x=\"\(start + 4)\" y=\"\(barY + 11)\" font-size=\"10\">\(counts.total)</text>"
            }
        }
        return svg + "</svg>"
    }
}
