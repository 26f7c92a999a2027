/// Why an experiment could not be started, changed or stopped: each names the experiment and
/// the problem, and the HTTP service maps it to a status (404, 409, 422) at its boundary.
public enum ExperimentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No experiment of that name.
    case notFound(experiment: String)
    /// The experiment was stopped already.
    case alreadyStopped(experiment: String, at: Timestamp)
    /// A setting that defines the randomization (assistant, holdout share, task types) of an
    /// experiment that has started differs from the stored one.
    case settingLocked(experiment: String, field: String)
    /// Another experiment of the same assistant is open (not stopped).
    case assistantBusy(assistant: String, experiment: String)
    /// The settings themselves are invalid (the message names the field).
    case invalid(String)

    public var description: String {
        switch self {
        case .notFound(let name):
            return "no experiment named '\(name)'"
        case .alreadyStopped(let name, let at):
            return "experiment '\(name)' was stopped at \(at); start a new experiment under another name"
        case .settingLocked(let name, let field):
            return
                "experiment '\(name)' is already running: its '\(field)' cannot change; stop it and start a new experiment"
        case .assistantBusy(let assistant, let name):
            return
                "assistant '\(assistant)' already has a running experiment, '\(name)'; stop it before starting another"
        case .invalid(let message):
            return message
        }
    }
}
