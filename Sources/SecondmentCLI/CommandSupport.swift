import ArgumentParser
import SecondmentDomain
import Foundation
import PlanHistory
import SecondmentPlanner
import SecondmentSheets

/// Writes a line to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

extension TextEncoding: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
}

extension SheetLanguage: ExpressibleByArgument {}

/// Where an instance's people come from and how its CSV files are encoded;
/// shared by every command that reads an instance.
struct InputOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A staff list (CSV, or a workbook with a people sheet) whose people replace the instance's.",
      valueName: "file"))
  var staff: String?

  @Option(
    help: ArgumentHelp(
      "The encoding of CSV input: utf-8 or gb18030 (default: detected).", valueName: "name"))
  var encoding: TextEncoding?

  /// The options as plain values (an option group cannot be made by hand).
  var source: InputSource { InputSource(staff: staff, encoding: encoding) }
}

/// Where an instance's people come from and how CSV input is encoded.
struct InputSource {
  var staff: String? = nil
  var encoding: TextEncoding? = nil
}

/// The instance argument's help: every form a command accepts.
let instanceHelp = "The instance: a JSON file, an Excel workbook (.xlsx) or a folder of CSV files."

/// Loads and validates an instance for a command, or prints every problem
/// (file, place, fix) on standard error and exits 2. Notes of the reader
/// (sheets and columns ignored) go to standard error.
///
/// `outcome` finishes the last line, e.g. "nothing was planned".
func loadInstanceOrExit(_ path: String, inputs: InputSource = InputSource(), outcome: String) throws -> Instance {
  do {
    let loaded = try InstanceFiles.load(path: path, staff: inputs.staff, encoding: inputs.encoding)
    for note in loaded.notes { printError("note: \(note)") }
    return loaded.instance
  } catch let errors as InputErrors {
    printError(errors.description)
    let count = errors.errors.count
    printError("\(path): \(count) problem\(count == 1 ? "" : "s"); the instance is not valid; \(outcome)")
    throw ExitCode(2)
  } catch let error as InputError {
    printError(error.description)
    throw ExitCode(2)
  } catch {
    printError("\(path): \(error)")
    throw ExitCode(2)
  }
}

/// `loadInstanceOrExit`, resolved for planning.
func loadDistrictOrExit(_ path: String, inputs: InputSource = InputSource(), outcome: String) throws -> District {
  District(try loadInstanceOrExit(path, inputs: inputs, outcome: outcome))
}

/// Reads a roster file (JSON, or CSV by its name) and settles its lines
/// against `checker`'s district (names or ids), or prints every problem
/// (file, JSON path or CSV line, fix) on standard error and exits 2.
///
/// `outcome` finishes the last line, e.g. "nothing was adopted".
func resolveRosterOrExit(
  _ path: String, checker: RosterChecker, outcome: String
) throws -> (loaded: LoadedRoster, resolved: ResolvedRoster) {
  do {
    let loaded = try RosterIO.read(path: path)
    return (loaded, try checker.resolve(loaded.roster, file: path, locations: loaded.locations))
  } catch let error as InputError {
    printError(error.description)
    printError("\(path): the roster cannot be read; \(outcome)")
    throw ExitCode(2)
  } catch let errors as InputErrors {
    printError(errors.description)
    printError("\(path): \(errors.errors.count) lines cannot be read; \(outcome)")
    throw ExitCode(2)
  }
}


/// Refuses, before any work, an output that is one of the inputs, or that
/// cannot be written (its folder missing or read-only, a read-only file, a
/// folder); prints why on standard error and exits 2.
///
/// - Parameters:
///   - outputs: each output option and its path (nil when not asked for).
///   - inputs: the files the command reads.
func checkOutputsOrExit(_ outputs: [(option: String, path: String?)], inputs: [String?]) throws {
  func real(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().standardized.path }
  let read = Set(inputs.compactMap { $0 }.map(real))
  var problems: [String] = []
  var seen: [String: String] = [:]
  for case let (option, path?) in outputs {
    let target = real(path)
    if read.contains(target) {
      problems.append("\(option) \(path): that is an input of this command; it would be overwritten (fix: write to another file)")
    } else if let other = seen[target] {
      problems.append("\(option) \(path): \(other) writes the same file (fix: give each output its own file)")
    } else if let problem = AtomicFile.problem(writing: path) {
      problems.append("\(option) \(path): cannot be written: \(problem) (fix: choose a writable place)")
    }
    seen[target] = option
  }
  guard problems.isEmpty else {
    for problem in problems { printError(problem) }
    printError("nothing was done")
    throw ExitCode(2)
  }
}

/// Ctrl-C and SIGTERM during a search: the first asks it to stop, and the
/// best roster found so far is still written (exit 4); a second ends the
/// process at once.
final class Interrupt: @unchecked Sendable {
  static let shared = Interrupt()
  /// The exit status of a run stopped by an interrupt that wrote its best roster.
  static let exitStatus: Int32 = 4

  private let lock = NSLock()
  private var count = 0
  private var sources: [any DispatchSourceSignal] = []

  /// Whether an interrupt came.
  var signalled: Bool { lock.withLock { count > 0 } }

  /// For `PlanOptions.shouldStop`.
  var shouldStop: @Sendable () -> Bool { { Interrupt.shared.signalled } }

  /// Catches SIGINT and SIGTERM from now on.
  func install() {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [self] in hit(number) }
      source.resume()
      lock.withLock { sources.append(source) }
    }
  }

  private func hit(_ number: Int32) {
    let n = lock.withLock {
      count += 1
      return count
    }
    if n == 1 {
      printError("\ninterrupted: stopping the search; the best roster found so far is written (interrupt again to stop at once)")
    } else {
      exit(128 + number)
    }
  }
}

/// Runs `body`; a problem with the planner's files (an input, a roster, a
/// plan history) is printed on standard error and exits 2.
func exitingOnBadInput<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as InputError {
    printError(error.description)
  } catch let errors as InputErrors {
    printError(errors.description)
  } catch let error as HistoryError {
    printError(error.description)
  } catch let error as AtomicFile.WriteError {
    printError(error.description)
  }
  throw ExitCode(2)
}
