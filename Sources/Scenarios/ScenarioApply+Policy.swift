import Foundation
import SecondmentDomain

/// Policy settings: any key of `Policy` (weights as `weights.x`), checked for kind and range.
extension ScenarioApplier {
  mutating func apply(_ settings: [PolicySetting], line: Int?) throws {
    let encoder = JSONEncoder()
    let decoder = JSONDecoder()
    var full = instance.policy
    // Encode once with the optional rules set, to learn every key Policy knows.
    full.maxTenureQuarters = full.maxTenureQuarters ?? 0
    full.maxMoves = full.maxMoves ?? 0
    full.responseMinutes = full.responseMinutes ?? 0
    guard
      let known = try? JSONSerialization.jsonObject(with: encoder.encode(full)) as? [String: Any],
      let knownWeights = known["weights"] as? [String: Any],
      var current = try? JSONSerialization.jsonObject(with: encoder.encode(instance.policy))
        as? [String: Any]
    else {
      throw fail(line, "the base instance's policy cannot be read")
    }
    var words: [String] = []
    for setting in settings {
      let top = setting.path[0]
      let keys = known.keys.sorted()
      guard known[top] != nil else {
        let hint = closest(top, among: keys).map { "did you mean `\($0)`? " } ?? ""
        throw fail(
          setting.line, "unknown policy key `\(top)`", fix: "\(hint)policy keys: \(listing(keys))")
      }
      var value: Any
      switch setting.value {
      case .bool(let b): value = b
      case .int(let i): value = i
      case .double(let d): value = d
      case .string(let s): value = s
      case .null: value = NSNull()
      }
      if top == "weights" {
        let weightKeys = knownWeights.keys.sorted()
        guard setting.path.count == 2, knownWeights[setting.path[1]] != nil else {
          let key = setting.path.count > 1 ? setting.path[1] : ""
          let hint = closest(key, among: weightKeys).map { "did you mean `\($0)`? " } ?? ""
          throw fail(
            setting.line, "unknown weight `\(setting.key)`",
            fix: "\(hint)weights: \(listing(weightKeys))")
        }
        guard case .double = setting.value.numeric, let w = setting.value.number, w >= 0 else {
          throw fail(
            setting.line, "weight `\(setting.path[1])` must be a number ≥ 0, not `\(setting.value)`")
        }
        var weights = current["weights"] as? [String: Any] ?? [:]
        weights[setting.path[1]] = w
        current["weights"] = weights
      } else {
        guard setting.path.count == 1 else {
          throw fail(setting.line, "policy key `\(top)` takes a single value, not a mapping")
        }
        if case .null = setting.value {
          guard ["maxTenureQuarters", "maxMoves", "responseMinutes"].contains(top) else {
            throw fail(
              setting.line, "only `maxTenureQuarters`, `maxMoves` and `responseMinutes` can be switched off with null",
              fix: "switch `\(top)` off with false or 0")
          }
          current.removeValue(forKey: top)
        } else {
          current[top] = value
        }
      }
      guard
        let data = try? JSONSerialization.data(withJSONObject: current),
        let policy = try? decoder.decode(Policy.self, from: data)
      else {
        let expected = known[top] is Bool
        throw fail(
          setting.line, "policy key `\(setting.key)` cannot be `\(setting.value)`",
          fix: expected ? "use true or false" : "use a number of the kind the key takes")
      }
      if let problem = Self.rangeProblem(setting.key, policy) {
        throw fail(
          setting.line, "policy key `\(setting.key)` = \(setting.value): \(problem)",
          fix: "give `\(setting.key)` a value in range")
      }
      instance.policy = policy
      words.append("\(setting.key) = \(setting.value)")
    }
    log.append("policy: \(words.joined(separator: ", "))")
  }

  /// Why a policy value is out of range, or nil when it is fine.
  static func rangeProblem(_ key: String, _ p: Policy) -> String? {
    switch key {
    case "avoidanceRadiusMinutes": p.avoidanceRadiusMinutes < 0 ? "must be ≥ 0" : nil
    case "minCertifiedPerTown": p.minCertifiedPerTown < 0 ? "must be ≥ 0 (0 switches it off)" : nil
    case "auxiliariesPerOfficer": p.auxiliariesPerOfficer < 0 ? "must be ≥ 0" : nil
    case "minLegalPerTown": p.minLegalPerTown < 0 ? "must be ≥ 0 (0 switches it off)" : nil
    case "maxTenureQuarters": (p.maxTenureQuarters ?? 1) < 1 ? "must be ≥ 1 (null: no rule)" : nil
    case "maxMoves": (p.maxMoves ?? 0) < 0 ? "must be ≥ 0 (null: no budget)" : nil
    case "responseMinutes": (p.responseMinutes ?? 0) < 0 ? "must be ≥ 0 (null: no limit)" : nil
    case "hoursPerFTE": p.hoursPerFTE < 1 ? "must be ≥ 1" : nil
    case "basePresenceFTE": (0...1).contains(p.basePresenceFTE) ? nil : "must be between 0 and 1"
    case "zoneTravelOverhead":
      (0...1).contains(p.zoneTravelOverhead) ? nil : "must be between 0 and 1"
    case "auxiliaryFTE": (0...1).contains(p.auxiliaryFTE) ? nil : "must be between 0 and 1"
    case "minZonedShare": (0...1).contains(p.minZonedShare) ? nil : "must be between 0 and 1 (0 switches it off)"
    case "zoneRadiusMinutes": p.zoneRadiusMinutes < 0 ? "must be ≥ 0" : nil
    case "zoneMaxTowns": p.zoneMaxTowns < 1 ? "must be ≥ 1" : nil
    case "travelSpeedKmh": p.travelSpeedKmh <= 0 ? "must be > 0" : nil
    default: nil
    }
  }
}

extension PolicyValue {
  /// The value as a number, when it is one.
  var number: Double? {
    switch self {
    case .int(let i): Double(i)
    case .double(let d): d
    default: nil
    }
  }

  /// `.double` for any number (used to check a weight's kind).
  var numeric: PolicyValue? { number.map { .double($0) } }
}
