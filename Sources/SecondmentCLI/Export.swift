import ArgumentParser
import SecondmentDomain
import Foundation
import SecondmentPlanner
import SecondmentSheets

extension Secondment {
  /// `secondment export INSTANCE --xlsx F | --json F | --csv-dir D`: converts an instance.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Convert an instance between JSON, an Excel workbook and a folder of CSV files.",
      discussion: """
        Reads the instance in any form (names resolved to ids, validated) and
        writes it in the forms asked for: --xlsx a workbook with one sheet per
        table, --csv-dir one CSV file per table (UTF-8 with a byte-order mark),
        --json the instance JSON. JSON to workbook to JSON gives the same
        instance. --lang zh writes Chinese headers, yes/no as 是/否 and names
        instead of ids (they read back to the same ids). See
        docs/instance-format.md.

        Exit status: 0 when written, 2 on bad input or when an output cannot
        be written (nothing is half written).
        """)

    @Argument(help: ArgumentHelp(instanceHelp))
    var instance: String

    @OptionGroup var inputs: InputOptions

    @Option(help: ArgumentHelp("Write an Excel workbook here.", valueName: "file.xlsx"))
    var xlsx: String?

    @Option(help: ArgumentHelp("Write the instance JSON here.", valueName: "file.json"))
    var json: String?

    @Option(help: ArgumentHelp("Write one CSV file per table into this folder.", valueName: "folder"))
    var csvDir: String?

    @Option(help: "The language of the sheets' headers and cells: en or zh.")
    var lang: SheetLanguage = .en

    func validate() throws {
      if xlsx == nil && json == nil && csvDir == nil {
        throw ValidationError("say what to write: --xlsx FILE, --json FILE or --csv-dir FOLDER")
      }
      if let xlsx, Workbook.form(of: xlsx) != .workbook {
        throw ValidationError("--xlsx \(xlsx): the name must end in .xlsx")
      }
    }

    func run() throws {
      // A CSV folder is created when missing: check a file in it when it exists, the folder itself when not.
      var isFolder: ObjCBool = false
      let folderFile = csvDir.map { dir in
        FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder) && isFolder.boolValue
          ? (dir as NSString).appendingPathComponent("towns.csv") : dir
      }
      try checkOutputsOrExit(
        [("--xlsx", xlsx), ("--json", json), ("--csv-dir", folderFile)], inputs: [instance, inputs.staff])
      let loaded = try loadInstanceOrExit(instance, inputs: inputs.source, outcome: "nothing was written")
      let outputs: [(String?, InstanceFiles.Form)] = [(xlsx, .workbook), (json, .json), (csvDir, .csvFolder)]
      for case let (path?, form) in outputs {
        do {
          try InstanceFiles.write(loaded, to: path, form: form, language: lang)
          print("Instance written to \(path)")
        } catch {
          printError("\(path): cannot write the instance (\(error.localizedDescription))")
          throw ExitCode(2)
        }
      }
    }
  }
}
