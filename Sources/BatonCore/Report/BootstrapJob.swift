/// One independent piece of the value report's bootstrap, by plan index (and task type).
enum BootstrapJob: Sendable {
    case effect(Int)
    case effort(Int)
    case speedup(Int, Int)
}
