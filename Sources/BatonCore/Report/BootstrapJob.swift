/// One independent piece of the value report's bootstrap, by assistant index (and task type).
enum BootstrapJob: Sendable {
    case cohorts(Int)
    case effort(Int)
    case speedup(Int, Int)
}
