import ArgumentParser

extension Secondment {
  struct Check: ParsableCommand {
    func run() throws {}
  }
}
