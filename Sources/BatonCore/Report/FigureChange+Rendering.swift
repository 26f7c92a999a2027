import Foundation

extension FigureChange {
    /// The figure's name in words.
    public var title: String {
        switch figure {
        case "realized_saving_hours": return "lead time saved per case"
        case "realized_lead_reduction": return "realized lead reduction"
        case "effort_saved_hours": return "effort saved"
        case "value_capture_ratio": return "value capture"
        case "waiting_hours_per_case": return "waiting per case"
        default: return figure.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// How the figure's values read: shares as percentages, the rest as durations.
    public var format: (Double) -> String {
        switch figure {
        case "realized_lead_reduction", "value_capture_ratio": return HumanFormat.percent
        default: return HumanFormat.hours
        }
    }

    /// How its change reads, with a sign: percentage points for shares, durations otherwise.
    public var changeFormat: (Double) -> String {
        switch figure {
        case "realized_lead_reduction", "value_capture_ratio": return HumanFormat.signedPoints
        default: return HumanFormat.signedDuration(hours:)
        }
    }

    /// `previous → current: change (interval), verdict`, or why there is no comparison.
    public var sentence: String {
        guard verdict != Self.insufficient, let current, let previous else {
            return "\(title): \(verdict)\(change.note.map { " (\($0))" } ?? "")"
        }
        return
            "\(title): \(format(previous)) → \(format(current)), \(HumanFormat.estimate(change, changeFormat)): \(verdict)"
    }
}
