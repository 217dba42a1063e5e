import Foundation
import HTTPTypes
import Hummingbird
import SecondmentDomain
import SecondmentSheets

/// An instance a planner uploaded to the workspace, as listed.
public struct StoredInstance: Codable, Sendable {
  /// 12 hexadecimal digits, like a job id.
  public var id: String
  /// The instance's name, title and quarter.
  public var name: String
  public var title: String?
  public var quarter: String?
  /// When it was uploaded (ISO 8601).
  public var uploaded: String
  /// Towns and people, for the list.
  public var towns: Int
  public var people: Int
}

/// The district data of a workspace: `instances/ID/` holds the upload as
/// sent (`upload.json` or `upload.xlsx`), the instance as loaded
/// (`instance.json`) and what the list shows (`about.json`).
///
/// An upload is loaded and validated before anything is kept: a bad one
/// leaves no folder behind.
struct InstanceStore: Sendable {
  let workspace: Workspace

  var folder: URL { workspace.root.appendingPathComponent("instances") }

  /// The folder of a stored instance; nil for an id that is no id or no instance.
  func path(_ id: String) -> URL? {
    guard JobID.isValid(id) else { return nil }
    let file = folder.appendingPathComponent(id).appendingPathComponent("instance.json")
    return FileManager.default.fileExists(atPath: file.path) ? file : nil
  }

  /// Keeps an upload: loads and validates it, then writes the instance as JSON.
  ///
  /// - Throws: `APIError` (400) with every problem's place and fix.
  func save(_ body: ByteBuffer, as upload: String) throws -> StoredInstance {
    let id = JobID.make()
    let target = folder.appendingPathComponent(id)
    let loaded = try Uploads.keep(body, as: upload, in: target)
    do {
      let instance = loaded.instance
      try InstanceLoader.write(instance, to: target.appendingPathComponent("instance.json").path)
      let about = StoredInstance(
        id: id, name: instance.name, title: instance.title, quarter: instance.quarter,
        uploaded: ISO8601DateFormatter().string(from: Date()), towns: instance.towns.count,
        people: instance.people.count)
      try API.encoded(about).write(to: target.appendingPathComponent("about.json"), options: .atomic)
      return about
    } catch {
      try? FileManager.default.removeItem(at: target)
      throw APIError(.internalServerError, "the instance could not be kept: \(error)", fix: "upload it again")
    }
  }

  /// Every stored instance, oldest first.
  func all() -> [StoredInstance] {
    let ids = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return ids.filter(JobID.isValid).compactMap { id in
      let file = folder.appendingPathComponent(id).appendingPathComponent("about.json")
      return FileManager.default.contents(atPath: file.path).flatMap {
        try? JSONDecoder().decode(StoredInstance.self, from: $0)
      }
    }.sorted { ($0.uploaded, $0.id) < ($1.uploaded, $1.id) }
  }

  /// A stored instance's district.
  ///
  /// - Throws: `APIError` (404) for an unknown id.
  func district(_ id: String) throws -> District {
    guard let file = path(id) else {
      throw APIError(.notFound, "no instance \(id)", fix: "list the instances with GET /api/instances")
    }
    return try Uploads.district(of: file)
  }
}

/// Uploads of instances: the content types taken, and how one is kept.
enum Uploads {
  /// An Excel workbook's content type.
  static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

  /// The content types an upload may have, and the file name each is kept under.
  static let types: [String: String] = ["application/json": "json", xlsxType: "xlsx"]

  /// The file extension of a request's upload.
  ///
  /// - Throws: `APIError` (415) for any other content type.
  static func kind(of request: Request, what: String) throws -> String {
    let type = contentType(of: request)
    guard let kind = types[type] else {
      throw APIError(
        .unsupportedMediaType, "\(what) takes an instance as JSON or as an Excel workbook, not '\(type)'",
        fix: "send Content-Type application/json or "
          + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
    return kind
  }

  /// A request's content type without its parameters, lowercased ("" when none).
  static func contentType(of request: Request) -> String {
    request.headers[.contentType].map {
      String($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    } ?? ""
  }

  /// The request's body, at most `limit` bytes.
  ///
  /// - Throws: `APIError` (413) for a larger one.
  static func body(of request: Request, limit: Int) async throws -> ByteBuffer {
    do {
      return try await request.body.collect(upTo: limit)
    } catch {
      throw APIError(
        .contentTooLarge, "the upload is larger than \(limit / 1_048_576) MB",
        fix: "send the district's instance only; a workbook of 1,000 towns is under 2 MB")
    }
  }

  /// Writes `body` as `name` in `folder` (made here) and loads it as an
  /// instance; on any problem the folder is removed.
  ///
  /// - Throws: `APIError` (400) naming each problem's place and fix.
  static func keep(_ body: ByteBuffer, as name: String, in folder: URL) throws -> LoadedInstance {
    let file = folder.appendingPathComponent(name)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(body.readableBytesView).write(to: file, options: .atomic)
      return try InstanceFiles.load(path: file.path)
    } catch let errors as InputErrors {
      try? FileManager.default.removeItem(at: folder)
      throw APIError("the instance", in: "upload", problems: errors.errors)
    } catch let one as InputError {
      try? FileManager.default.removeItem(at: folder)
      throw APIError("the instance", in: "upload", problems: [one])
    } catch {
      try? FileManager.default.removeItem(at: folder)
      throw APIError(.badRequest, "the upload cannot be read: \(error)", fix: "send an instance file")
    }
  }

  /// The district of an instance file the workbench keeps (made once: `ViewCache`).
  static func district(of file: URL) throws -> District {
    do {
      return try ViewCache.shared.district(path: file.path) {
        District(try InstanceFiles.load(path: file.path).instance)
      }
    } catch {
      throw APIError(
        .internalServerError, "the kept instance \(file.lastPathComponent) cannot be read: \(error)",
        fix: "upload the district's data again")
    }
  }
}
