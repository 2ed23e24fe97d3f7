import ArgumentParser
import Frames

/// `--format table|csv|json`: aligned tables for people, CSV and JSON for pipes.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json

    func render(_ frame: Frame) -> String {
        switch self {
        case .table: frame.table(maxRows: .max)
        case .csv: frame.csv()
        case .json: frame.json()
        }
    }
}
