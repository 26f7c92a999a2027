import BatonCLI

/// The `baton` executable: parses the command line and hands over to ``BatonCommand``.
@main
struct BatonMain {
    static func main() async {
        await BatonCommand.main()
    }
}
