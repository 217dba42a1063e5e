import ArgumentParser

extension Secondment {
  struct Validate: ParsableCommand {
    func run() throws {}
  }
}
