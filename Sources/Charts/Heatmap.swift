import CSV

/// A grid of categorical cells (e.g. chip × date export status), one colour per category, with a legend. Each cell
/// also names its category where the text fits (so the grid reads without telling colours apart), in black or white
/// by contrast; column headers turn upright when the widest does not fit its column.
public struct Heatmap: Sendable {
    public var title: String
    public var rows: [String]
    public var columns: [String]
    /// cells[row][column]: the category label of each cell.
    public var cells: [[String]]
    /// Category → colour; categories without one get palette colours.
    public var colors: [String: ChartColor]
    public var width: Double

    public init(
        title: String, rows: [String], columns: [String], cells: [[String]], colors: [String: ChartColor] = [:],
        width: Double = 760
    ) {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.colors = colors
        self.width = width
    }

    /// The chart's data: one row per heatmap row, one column per heatmap column.
    public func csv() -> String {
        CSVWriter.text(
            header: [""] + columns, rows: rows.indices.map { i in [rows[i]] + (i < cells.count ? cells[i] : []) })
    }

    public func svg() throws -> String {
        guard !rows.isEmpty, !columns.isEmpty else { throw ChartError("a heatmap needs rows and columns") }
        try ChartLimits.check(
            rows.count * columns.count, ChartLimits.heatmapCells, "cells", advice: "show fewer rows or columns")
        guard cells.count == rows.count, cells.allSatisfy({ $0.count == columns.count }) else {
            throw ChartError("a heatmap needs \(rows.count) rows of \(columns.count) cells")
        }
        var categories: [String] = []
        for row in cells { for cell in row where !categories.contains(cell) { categories.append(cell) } }
        let palette = Palette.assign(categories, given: colors)
        let labelColumn = min(width * 0.3, rows.map { TextMetrics.width($0, size: 11) }.max() ?? 0)
        let gridLeft = 8 + labelColumn + 8
        let cellWidth = (width - gridLeft - 10) / Double(columns.count)
        let cellHeight = 26.0
        let headerWidth = columns.map { TextMetrics.width($0, size: 11, bold: true) }.max() ?? 0
        let upright = headerWidth > cellWidth - 4
        let headerHeight = upright ? min(headerWidth, 160) + 8 : 18
        let gridTop = 36 + headerHeight
        let legendTop = gridTop + cellHeight * Double(rows.count) + 16
        let height = legendTop + 18 * Double(categories.count) + 10
        var svg = SVG(width: width, height: height, label: title)
        svg.title(title)
        for (j, column) in columns.enumerated() {
            let centre = gridLeft + cellWidth * (Double(j) + 0.5)
            if upright {
                svg.text(
                    centre + 4, gridTop - 6, TextMetrics.fit(column, width: 160, size: 11, bold: true), size: 11,
                    anchor: .start, weight: .bold, rotate: -90)
            } else {
                svg.text(centre, gridTop - 6, column, size: 11, anchor: .middle, weight: .bold)
            }
        }
        for (i, row) in rows.enumerated() {
            let y = gridTop + cellHeight * Double(i)
            svg.text(
                8 + labelColumn, y + cellHeight / 2 + 4, TextMetrics.fit(row, width: labelColumn, size: 11), size: 11,
                anchor: .end)
            for (j, cell) in cells[i].enumerated() {
                let fill = palette[cell] ?? Palette.fallback
                let x = gridLeft + cellWidth * Double(j)
                svg.rect(
                    x + 1, y + 1, cellWidth - 2, cellHeight - 2, fill: fill, title: "\(row), \(columns[j]): \(cell)")
                if TextMetrics.width(cell, size: 10) + 8 <= cellWidth - 2 {
                    svg.text(
                        x + cellWidth / 2, y + cellHeight / 2 + 4, cell, size: 10, anchor: .middle,
                        fill: Contrast.text(on: fill))
                }
            }
        }
        for (k, category) in categories.enumerated() {
            let y = legendTop + 18 * Double(k)
            svg.rect(gridLeft, y, 14, 14, fill: palette[category] ?? Palette.fallback)
            svg.text(gridLeft + 20, y + 11, TextMetrics.fit(category, width: width - gridLeft - 28, size: 11), size: 11)
        }
        return svg.document
    }
}
