import ArgumentParser

extension Secondment {
  struct Gap: ParsableCommand {
    func run() throws {}
  }
}
