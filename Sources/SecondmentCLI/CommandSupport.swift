import ArgumentParser
import Foundation
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

