import ArgumentParser
import Foundation
import SecondmentPlanner

/// Writes a line to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Loads and validates an instance for a command, or prints every problem
/// (file, place, fix) on standard error and exits 2.
///
/// `outcome` finishes the last line, e.g. "nothing was planned".
func loadDistrictOrExit(_ path: String, staff: String? = nil, outcome: String) throws -> District {
  do {
    return try InstanceLoader.loadDistrict(path: path, staff: staff)
  } catch let errors as InputErrors {
    printError(errors.description)
    let count = errors.errors.count
    printError("\(path): \(count) problem\(count == 1 ? "" : "s"); the instance is not valid; \(outcome)")
    throw ExitCode(2)
  } catch {
    printError("\(path): \(error)")
    throw ExitCode(2)
  }
}
