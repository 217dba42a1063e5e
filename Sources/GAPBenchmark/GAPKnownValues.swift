import MIPModel

/// A reference objective value of one OR-Library GAP instance in one sense.
///
/// Source: `Instances/gap/known_values.csv` (see `Instances/gap/README.md`),
/// copied into `GAPKnownValue.all`; a test checks the two agree.
public struct GAPKnownValue: Sendable, Hashable {
  /// Whether `value` is a proven optimum or the best known solution.
  public enum Status: String, Sendable, Hashable {
    case optimal
    case bestKnown = "best_known"
  }

  /// File name, e.g. `gap1.txt`.
  public var file: String
  /// 1-based position of the instance in its file.
  public var index: Int
  /// OR-Library name, e.g. `c515-1`.
  public var name: String
  /// Agents (m).
  public var agents: Int
  /// Jobs (n).
  public var jobs: Int
  /// The sense `value` belongs to.
  public var sense: ObjectiveSense
  /// Whether this is the OR-Library canonical sense (max for gap1-12, min for gapa-d).
  public var canonical: Bool
  /// The optimum, or the best known value when `status` is `.bestKnown`.
  public var value: Int
  /// Proven optimal or best known.
  public var status: Status
  /// A proven bound when the value is not proven optimal (lower bound, minimising).
  public var lowerBound: Int?
}

extension GAPKnownValue {
  /// The reference value of instance `index` (1-based) of `file` in `sense`, if listed.
  ///
  /// `file` may be a path; only its last component counts.
  public static func lookup(file: String, index: Int, sense: ObjectiveSense) -> GAPKnownValue? {
    let base = file.split(separator: "/").last.map(String.init) ?? file
    return all.first { $0.file == base && $0.index == index && $0.sense == sense }
  }

  /// OR-Library's sense for a file: maximise for `gap1`-`gap12`, minimise for
  /// `gapa`-`gapd`; nil for a file not in the table.
  public static func canonicalSense(file: String) -> ObjectiveSense? {
    let base = file.split(separator: "/").last.map(String.init) ?? file
    return all.first { $0.file == base && $0.canonical }?.sense
  }

  /// Every listed value: 60 instances of gap1-12 in both senses, 24 of gapa-d minimised.
  public static let all: [GAPKnownValue] = [
    .init(file: "gap1.txt", index: 1, name: "c515-1", agents: 5, jobs: 15, sense: .maximize, canonical: true, value: 336, status: .optimal, lowerBound: nil),
    .init(file: "gap1.txt", index: 1, name: "c515-1", agents: 5, jobs: 15, sense: .minimize, canonical: false, value: 261, status: .optimal, lowerBound: nil),
    .init(file: "gap1.txt", index: 2, name: "c515-2", agents: 5, jobs: 15, sense: .maximize, canonical: true, value: 327, status: .optimal, lowerBound: nil),
    .init(file: "gap1.txt", index: 2, name: "c515-2", agents: 5, jobs: 15, sense: .minimize, canonical: false, value: 269, status: .optimal, lowerBound: nil),
    .init(file: "gap1.txt", index: 3, name: "c515-3", agents: 5, jobs: 15, sense: .maximize, canonical: true, value: 339, status: .optimal, lowerBound: nil),
    .init(file: "gap1.txt", index: 3, name: "c515-3", agents: 5, jobs: 15, sense: .minimize, canonical: false, value: 256, status: .optimal, lowerBound: nil),
    .init(file: "gap1.txt", index: 4, name: "c515-4", agents: 5, jobs: 15, sense: .maximize, canonical: true, value: 341, status: .optimal, lowerBound: nil),
    .init(file: "gap1.txt", index: 4, name: "c515-4", agents: 5, jobs: 15, sense: .minimize, canonical: false, value: 274, status: .optimal, lowerBound: nil),
    .init(file: "gap1.txt", index: 5, name: "c515-5", agents: 5, jobs: 15, sense: .maximize, canonical: true, value: 326, status: .optimal, lowerBound: nil),
    .init(file: "gap1.txt", index: 5, name: "c515-5", agents: 5, jobs: 15, sense: .minimize, canonical: false, value: 251, status: .optimal, lowerBound: nil),
    .init(file: "gap2.txt", index: 1, name: "c520-1", agents: 5, jobs: 20, sense: .maximize, canonical: true, value: 434, status: .optimal, lowerBound: nil),
    .init(file: "gap2.txt", index: 1, name: "c520-1", agents: 5, jobs: 20, sense: .minimize, canonical: false, value: 277, status: .optimal, lowerBound: nil),
    .init(file: "gap2.txt", index: 2, name: "c520-2", agents: 5, jobs: 20, sense: .maximize, canonical: true, value: 436, status: .optimal, lowerBound: nil),
    .init(file: "gap2.txt", index: 2, name: "c520-2", agents: 5, jobs: 20, sense: .minimize, canonical: false, value: 269, status: .optimal, lowerBound: nil),
    .init(file: "gap2.txt", index: 3, name: "c520-3", agents: 5, jobs: 20, sense: .maximize, canonical: true, value: 420, status: .optimal, lowerBound: nil),
    .init(file: "gap2.txt", index: 3, name: "c520-3", agents: 5, jobs: 20, sense: .minimize, canonical: false, value: 260, status: .optimal, lowerBound: nil),
    .init(file: "gap2.txt", index: 4, name: "c520-4", agents: 5, jobs: 20, sense: .maximize, canonical: true, value: 419, status: .optimal, lowerBound: nil),
    .init(file: "gap2.txt", index: 4, name: "c520-4", agents: 5, jobs: 20, sense: .minimize, canonical: false, value: 269, status: .optimal, lowerBound: nil),
    .init(file: "gap2.txt", index: 5, name: "c520-5", agents: 5, jobs: 20, sense: .maximize, canonical: true, value: 428, status: .optimal, lowerBound: nil),
    .init(file: "gap2.txt", index: 5, name: "c520-5", agents: 5, jobs: 20, sense: .minimize, canonical: false, value: 267, status: .optimal, lowerBound: nil),
    .init(file: "gap3.txt", index: 1, name: "c525-1", agents: 5, jobs: 25, sense: .maximize, canonical: true, value: 580, status: .optimal, lowerBound: nil),
    .init(file: "gap3.txt", index: 1, name: "c525-1", agents: 5, jobs: 25, sense: .minimize, canonical: false, value: 438, status: .optimal, lowerBound: nil),
    .init(file: "gap3.txt", index: 2, name: "c525-2", agents: 5, jobs: 25, sense: .maximize, canonical: true, value: 564, status: .optimal, lowerBound: nil),
    .init(file: "gap3.txt", index: 2, name: "c525-2", agents: 5, jobs: 25, sense: .minimize, canonical: false, value: 415, status: .optimal, lowerBound: nil),
    .init(file: "gap3.txt", index: 3, name: "c525-3", agents: 5, jobs: 25, sense: .maximize, canonical: true, value: 573, status: .optimal, lowerBound: nil),
    .init(file: "gap3.txt", index: 3, name: "c525-3", agents: 5, jobs: 25, sense: .minimize, canonical: false, value: 446, status: .optimal, lowerBound: nil),
    .init(file: "gap3.txt", index: 4, name: "c525-4", agents: 5, jobs: 25, sense: .maximize, canonical: true, value: 570, status: .optimal, lowerBound: nil),
    .init(file: "gap3.txt", index: 4, name: "c525-4", agents: 5, jobs: 25, sense: .minimize, canonical: false, value: 430, status: .optimal, lowerBound: nil),
    .init(file: "gap3.txt", index: 5, name: "c525-5", agents: 5, jobs: 25, sense: .maximize, canonical: true, value: 564, status: .optimal, lowerBound: nil),
    .init(file: "gap3.txt", index: 5, name: "c525-5", agents: 5, jobs: 25, sense: .minimize, canonical: false, value: 411, status: .optimal, lowerBound: nil),
    .init(file: "gap4.txt", index: 1, name: "c530-1", agents: 5, jobs: 30, sense: .maximize, canonical: true, value: 656, status: .optimal, lowerBound: nil),
    .init(file: "gap4.txt", index: 1, name: "c530-1", agents: 5, jobs: 30, sense: .minimize, canonical: false, value: 423, status: .optimal, lowerBound: nil),
    .init(file: "gap4.txt", index: 2, name: "c530-2", agents: 5, jobs: 30, sense: .maximize, canonical: true, value: 644, status: .optimal, lowerBound: nil),
    .init(file: "gap4.txt", index: 2, name: "c530-2", agents: 5, jobs: 30, sense: .minimize, canonical: false, value: 424, status: .optimal, lowerBound: nil),
    .init(file: "gap4.txt", index: 3, name: "c530-3", agents: 5, jobs: 30, sense: .maximize, canonical: true, value: 673, status: .optimal, lowerBound: nil),
    .init(file: "gap4.txt", index: 3, name: "c530-3", agents: 5, jobs: 30, sense: .minimize, canonical: false, value: 426, status: .optimal, lowerBound: nil),
    .init(file: "gap4.txt", index: 4, name: "c530-4", agents: 5, jobs: 30, sense: .maximize, canonical: true, value: 647, status: .optimal, lowerBound: nil),
    .init(file: "gap4.txt", index: 4, name: "c530-4", agents: 5, jobs: 30, sense: .minimize, canonical: false, value: 395, status: .optimal, lowerBound: nil),
    .init(file: "gap4.txt", index: 5, name: "c530-5", agents: 5, jobs: 30, sense: .maximize, canonical: true, value: 664, status: .optimal, lowerBound: nil),
    .init(file: "gap4.txt", index: 5, name: "c530-5", agents: 5, jobs: 30, sense: .minimize, canonical: false, value: 406, status: .optimal, lowerBound: nil),
    .init(file: "gap5.txt", index: 1, name: "c824-1", agents: 8, jobs: 24, sense: .maximize, canonical: true, value: 563, status: .optimal, lowerBound: nil),
    .init(file: "gap5.txt", index: 1, name: "c824-1", agents: 8, jobs: 24, sense: .minimize, canonical: false, value: 403, status: .optimal, lowerBound: nil),
    .init(file: "gap5.txt", index: 2, name: "c824-2", agents: 8, jobs: 24, sense: .maximize, canonical: true, value: 558, status: .optimal, lowerBound: nil),
    .init(file: "gap5.txt", index: 2, name: "c824-2", agents: 8, jobs: 24, sense: .minimize, canonical: false, value: 389, status: .optimal, lowerBound: nil),
    .init(file: "gap5.txt", index: 3, name: "c824-3", agents: 8, jobs: 24, sense: .maximize, canonical: true, value: 564, status: .optimal, lowerBound: nil),
    .init(file: "gap5.txt", index: 3, name: "c824-3", agents: 8, jobs: 24, sense: .minimize, canonical: false, value: 383, status: .optimal, lowerBound: nil),
    .init(file: "gap5.txt", index: 4, name: "c824-4", agents: 8, jobs: 24, sense: .maximize, canonical: true, value: 568, status: .optimal, lowerBound: nil),
    .init(file: "gap5.txt", index: 4, name: "c824-4", agents: 8, jobs: 24, sense: .minimize, canonical: false, value: 384, status: .optimal, lowerBound: nil),
    .init(file: "gap5.txt", index: 5, name: "c824-5", agents: 8, jobs: 24, sense: .maximize, canonical: true, value: 559, status: .optimal, lowerBound: nil),
    .init(file: "gap5.txt", index: 5, name: "c824-5", agents: 8, jobs: 24, sense: .minimize, canonical: false, value: 396, status: .optimal, lowerBound: nil),
    .init(file: "gap6.txt", index: 1, name: "c832-1", agents: 8, jobs: 32, sense: .maximize, canonical: true, value: 761, status: .optimal, lowerBound: nil),
    .init(file: "gap6.txt", index: 1, name: "c832-1", agents: 8, jobs: 32, sense: .minimize, canonical: false, value: 525, status: .optimal, lowerBound: nil),
    .init(file: "gap6.txt", index: 2, name: "c832-2", agents: 8, jobs: 32, sense: .maximize, canonical: true, value: 759, status: .optimal, lowerBound: nil),
    .init(file: "gap6.txt", index: 2, name: "c832-2", agents: 8, jobs: 32, sense: .minimize, canonical: false, value: 527, status: .optimal, lowerBound: nil),
    .init(file: "gap6.txt", index: 3, name: "c832-3", agents: 8, jobs: 32, sense: .maximize, canonical: true, value: 758, status: .optimal, lowerBound: nil),
    .init(file: "gap6.txt", index: 3, name: "c832-3", agents: 8, jobs: 32, sense: .minimize, canonical: false, value: 519, status: .optimal, lowerBound: nil),
    .init(file: "gap6.txt", index: 4, name: "c832-4", agents: 8, jobs: 32, sense: .maximize, canonical: true, value: 752, status: .optimal, lowerBound: nil),
    .init(file: "gap6.txt", index: 4, name: "c832-4", agents: 8, jobs: 32, sense: .minimize, canonical: false, value: 516, status: .optimal, lowerBound: nil),
    .init(file: "gap6.txt", index: 5, name: "c832-5", agents: 8, jobs: 32, sense: .maximize, canonical: true, value: 747, status: .optimal, lowerBound: nil),
    .init(file: "gap6.txt", index: 5, name: "c832-5", agents: 8, jobs: 32, sense: .minimize, canonical: false, value: 521, status: .optimal, lowerBound: nil),
    .init(file: "gap7.txt", index: 1, name: "c840-1", agents: 8, jobs: 40, sense: .maximize, canonical: true, value: 942, status: .optimal, lowerBound: nil),
    .init(file: "gap7.txt", index: 1, name: "c840-1", agents: 8, jobs: 40, sense: .minimize, canonical: false, value: 646, status: .optimal, lowerBound: nil),
    .init(file: "gap7.txt", index: 2, name: "c840-2", agents: 8, jobs: 40, sense: .maximize, canonical: true, value: 949, status: .optimal, lowerBound: nil),
    .init(file: "gap7.txt", index: 2, name: "c840-2", agents: 8, jobs: 40, sense: .minimize, canonical: false, value: 662, status: .optimal, lowerBound: nil),
    .init(file: "gap7.txt", index: 3, name: "c840-3", agents: 8, jobs: 40, sense: .maximize, canonical: true, value: 968, status: .optimal, lowerBound: nil),
    .init(file: "gap7.txt", index: 3, name: "c840-3", agents: 8, jobs: 40, sense: .minimize, canonical: false, value: 662, status: .optimal, lowerBound: nil),
    .init(file: "gap7.txt", index: 4, name: "c840-4", agents: 8, jobs: 40, sense: .maximize, canonical: true, value: 945, status: .optimal, lowerBound: nil),
    .init(file: "gap7.txt", index: 4, name: "c840-4", agents: 8, jobs: 40, sense: .minimize, canonical: false, value: 645, status: .optimal, lowerBound: nil),
    .init(file: "gap7.txt", index: 5, name: "c840-5", agents: 8, jobs: 40, sense: .maximize, canonical: true, value: 951, status: .optimal, lowerBound: nil),
    .init(file: "gap7.txt", index: 5, name: "c840-5", agents: 8, jobs: 40, sense: .minimize, canonical: false, value: 649, status: .optimal, lowerBound: nil),
    .init(file: "gap8.txt", index: 1, name: "c848-1", agents: 8, jobs: 48, sense: .maximize, canonical: true, value: 1133, status: .optimal, lowerBound: nil),
    .init(file: "gap8.txt", index: 1, name: "c848-1", agents: 8, jobs: 48, sense: .minimize, canonical: false, value: 797, status: .optimal, lowerBound: nil),
    .init(file: "gap8.txt", index: 2, name: "c848-2", agents: 8, jobs: 48, sense: .maximize, canonical: true, value: 1134, status: .optimal, lowerBound: nil),
    .init(file: "gap8.txt", index: 2, name: "c848-2", agents: 8, jobs: 48, sense: .minimize, canonical: false, value: 783, status: .optimal, lowerBound: nil),
    .init(file: "gap8.txt", index: 3, name: "c848-3", agents: 8, jobs: 48, sense: .maximize, canonical: true, value: 1141, status: .optimal, lowerBound: nil),
    .init(file: "gap8.txt", index: 3, name: "c848-3", agents: 8, jobs: 48, sense: .minimize, canonical: false, value: 800, status: .optimal, lowerBound: nil),
    .init(file: "gap8.txt", index: 4, name: "c848-4", agents: 8, jobs: 48, sense: .maximize, canonical: true, value: 1117, status: .optimal, lowerBound: nil),
    .init(file: "gap8.txt", index: 4, name: "c848-4", agents: 8, jobs: 48, sense: .minimize, canonical: false, value: 789, status: .optimal, lowerBound: nil),
    .init(file: "gap8.txt", index: 5, name: "c848-5", agents: 8, jobs: 48, sense: .maximize, canonical: true, value: 1127, status: .optimal, lowerBound: nil),
    .init(file: "gap8.txt", index: 5, name: "c848-5", agents: 8, jobs: 48, sense: .minimize, canonical: false, value: 792, status: .optimal, lowerBound: nil),
    .init(file: "gap9.txt", index: 1, name: "c1030-1", agents: 10, jobs: 30, sense: .maximize, canonical: true, value: 709, status: .optimal, lowerBound: nil),
    .init(file: "gap9.txt", index: 1, name: "c1030-1", agents: 10, jobs: 30, sense: .minimize, canonical: false, value: 482, status: .optimal, lowerBound: nil),
    .init(file: "gap9.txt", index: 2, name: "c1030-2", agents: 10, jobs: 30, sense: .maximize, canonical: true, value: 717, status: .optimal, lowerBound: nil),
    .init(file: "gap9.txt", index: 2, name: "c1030-2", agents: 10, jobs: 30, sense: .minimize, canonical: false, value: 476, status: .optimal, lowerBound: nil),
    .init(file: "gap9.txt", index: 3, name: "c1030-3", agents: 10, jobs: 30, sense: .maximize, canonical: true, value: 712, status: .optimal, lowerBound: nil),
    .init(file: "gap9.txt", index: 3, name: "c1030-3", agents: 10, jobs: 30, sense: .minimize, canonical: false, value: 496, status: .optimal, lowerBound: nil),
    .init(file: "gap9.txt", index: 4, name: "c1030-4", agents: 10, jobs: 30, sense: .maximize, canonical: true, value: 723, status: .optimal, lowerBound: nil),
    .init(file: "gap9.txt", index: 4, name: "c1030-4", agents: 10, jobs: 30, sense: .minimize, canonical: false, value: 497, status: .optimal, lowerBound: nil),
    .init(file: "gap9.txt", index: 5, name: "c1030-5", agents: 10, jobs: 30, sense: .maximize, canonical: true, value: 706, status: .optimal, lowerBound: nil),
    .init(file: "gap9.txt", index: 5, name: "c1030-5", agents: 10, jobs: 30, sense: .minimize, canonical: false, value: 488, status: .optimal, lowerBound: nil),
    .init(file: "gap10.txt", index: 1, name: "c1040-1", agents: 10, jobs: 40, sense: .maximize, canonical: true, value: 958, status: .optimal, lowerBound: nil),
    .init(file: "gap10.txt", index: 1, name: "c1040-1", agents: 10, jobs: 40, sense: .minimize, canonical: false, value: 638, status: .optimal, lowerBound: nil),
    .init(file: "gap10.txt", index: 2, name: "c1040-2", agents: 10, jobs: 40, sense: .maximize, canonical: true, value: 963, status: .optimal, lowerBound: nil),
    .init(file: "gap10.txt", index: 2, name: "c1040-2", agents: 10, jobs: 40, sense: .minimize, canonical: false, value: 638, status: .optimal, lowerBound: nil),
    .init(file: "gap10.txt", index: 3, name: "c1040-3", agents: 10, jobs: 40, sense: .maximize, canonical: true, value: 960, status: .optimal, lowerBound: nil),
    .init(file: "gap10.txt", index: 3, name: "c1040-3", agents: 10, jobs: 40, sense: .minimize, canonical: false, value: 654, status: .optimal, lowerBound: nil),
    .init(file: "gap10.txt", index: 4, name: "c1040-4", agents: 10, jobs: 40, sense: .maximize, canonical: true, value: 947, status: .optimal, lowerBound: nil),
    .init(file: "gap10.txt", index: 4, name: "c1040-4", agents: 10, jobs: 40, sense: .minimize, canonical: false, value: 635, status: .optimal, lowerBound: nil),
    .init(file: "gap10.txt", index: 5, name: "c1040-5", agents: 10, jobs: 40, sense: .maximize, canonical: true, value: 947, status: .optimal, lowerBound: nil),
    .init(file: "gap10.txt", index: 5, name: "c1040-5", agents: 10, jobs: 40, sense: .minimize, canonical: false, value: 639, status: .optimal, lowerBound: nil),
    .init(file: "gap11.txt", index: 1, name: "c1050-1", agents: 10, jobs: 50, sense: .maximize, canonical: true, value: 1139, status: .optimal, lowerBound: nil),
    .init(file: "gap11.txt", index: 1, name: "c1050-1", agents: 10, jobs: 50, sense: .minimize, canonical: false, value: 573, status: .optimal, lowerBound: nil),
    .init(file: "gap11.txt", index: 2, name: "c1050-2", agents: 10, jobs: 50, sense: .maximize, canonical: true, value: 1178, status: .optimal, lowerBound: nil),
    .init(file: "gap11.txt", index: 2, name: "c1050-2", agents: 10, jobs: 50, sense: .minimize, canonical: false, value: 583, status: .optimal, lowerBound: nil),
    .init(file: "gap11.txt", index: 3, name: "c1050-3", agents: 10, jobs: 50, sense: .maximize, canonical: true, value: 1195, status: .optimal, lowerBound: nil),
    .init(file: "gap11.txt", index: 3, name: "c1050-3", agents: 10, jobs: 50, sense: .minimize, canonical: false, value: 589, status: .optimal, lowerBound: nil),
    .init(file: "gap11.txt", index: 4, name: "c1050-4", agents: 10, jobs: 50, sense: .maximize, canonical: true, value: 1171, status: .optimal, lowerBound: nil),
    .init(file: "gap11.txt", index: 4, name: "c1050-4", agents: 10, jobs: 50, sense: .minimize, canonical: false, value: 578, status: .optimal, lowerBound: nil),
    .init(file: "gap11.txt", index: 5, name: "c1050-5", agents: 10, jobs: 50, sense: .maximize, canonical: true, value: 1171, status: .optimal, lowerBound: nil),
    .init(file: "gap11.txt", index: 5, name: "c1050-5", agents: 10, jobs: 50, sense: .minimize, canonical: false, value: 581, status: .optimal, lowerBound: nil),
    .init(file: "gap12.txt", index: 1, name: "c1060-1", agents: 10, jobs: 60, sense: .maximize, canonical: true, value: 1451, status: .optimal, lowerBound: nil),
    .init(file: "gap12.txt", index: 1, name: "c1060-1", agents: 10, jobs: 60, sense: .minimize, canonical: false, value: 974, status: .optimal, lowerBound: nil),
    .init(file: "gap12.txt", index: 2, name: "c1060-2", agents: 10, jobs: 60, sense: .maximize, canonical: true, value: 1449, status: .optimal, lowerBound: nil),
    .init(file: "gap12.txt", index: 2, name: "c1060-2", agents: 10, jobs: 60, sense: .minimize, canonical: false, value: 956, status: .optimal, lowerBound: nil),
    .init(file: "gap12.txt", index: 3, name: "c1060-3", agents: 10, jobs: 60, sense: .maximize, canonical: true, value: 1433, status: .optimal, lowerBound: nil),
    .init(file: "gap12.txt", index: 3, name: "c1060-3", agents: 10, jobs: 60, sense: .minimize, canonical: false, value: 941, status: .optimal, lowerBound: nil),
    .init(file: "gap12.txt", index: 4, name: "c1060-4", agents: 10, jobs: 60, sense: .maximize, canonical: true, value: 1447, status: .optimal, lowerBound: nil),
    .init(file: "gap12.txt", index: 4, name: "c1060-4", agents: 10, jobs: 60, sense: .minimize, canonical: false, value: 954, status: .optimal, lowerBound: nil),
    .init(file: "gap12.txt", index: 5, name: "c1060-5", agents: 10, jobs: 60, sense: .maximize, canonical: true, value: 1446, status: .optimal, lowerBound: nil),
    .init(file: "gap12.txt", index: 5, name: "c1060-5", agents: 10, jobs: 60, sense: .minimize, canonical: false, value: 945, status: .optimal, lowerBound: nil),
    .init(file: "gapa.txt", index: 1, name: "a05100", agents: 5, jobs: 100, sense: .minimize, canonical: true, value: 1698, status: .optimal, lowerBound: nil),
    .init(file: "gapa.txt", index: 2, name: "a05200", agents: 5, jobs: 200, sense: .minimize, canonical: true, value: 3235, status: .optimal, lowerBound: nil),
    .init(file: "gapa.txt", index: 3, name: "a10100", agents: 10, jobs: 100, sense: .minimize, canonical: true, value: 1360, status: .optimal, lowerBound: nil),
    .init(file: "gapa.txt", index: 4, name: "a10200", agents: 10, jobs: 200, sense: .minimize, canonical: true, value: 2623, status: .optimal, lowerBound: nil),
    .init(file: "gapa.txt", index: 5, name: "a20100", agents: 20, jobs: 100, sense: .minimize, canonical: true, value: 1158, status: .optimal, lowerBound: nil),
    .init(file: "gapa.txt", index: 6, name: "a20200", agents: 20, jobs: 200, sense: .minimize, canonical: true, value: 2339, status: .optimal, lowerBound: nil),
    .init(file: "gapb.txt", index: 1, name: "b05100", agents: 5, jobs: 100, sense: .minimize, canonical: true, value: 1843, status: .optimal, lowerBound: nil),
    .init(file: "gapb.txt", index: 2, name: "b05200", agents: 5, jobs: 200, sense: .minimize, canonical: true, value: 3552, status: .optimal, lowerBound: nil),
    .init(file: "gapb.txt", index: 3, name: "b10100", agents: 10, jobs: 100, sense: .minimize, canonical: true, value: 1407, status: .optimal, lowerBound: nil),
    .init(file: "gapb.txt", index: 4, name: "b10200", agents: 10, jobs: 200, sense: .minimize, canonical: true, value: 2827, status: .optimal, lowerBound: nil),
    .init(file: "gapb.txt", index: 5, name: "b20100", agents: 20, jobs: 100, sense: .minimize, canonical: true, value: 1166, status: .optimal, lowerBound: nil),
    .init(file: "gapb.txt", index: 6, name: "b20200", agents: 20, jobs: 200, sense: .minimize, canonical: true, value: 2339, status: .optimal, lowerBound: nil),
    .init(file: "gapc.txt", index: 1, name: "c05100", agents: 5, jobs: 100, sense: .minimize, canonical: true, value: 1931, status: .optimal, lowerBound: nil),
    .init(file: "gapc.txt", index: 2, name: "c05200", agents: 5, jobs: 200, sense: .minimize, canonical: true, value: 3456, status: .optimal, lowerBound: nil),
    .init(file: "gapc.txt", index: 3, name: "c10100", agents: 10, jobs: 100, sense: .minimize, canonical: true, value: 1402, status: .optimal, lowerBound: nil),
    .init(file: "gapc.txt", index: 4, name: "c10200", agents: 10, jobs: 200, sense: .minimize, canonical: true, value: 2806, status: .optimal, lowerBound: nil),
    .init(file: "gapc.txt", index: 5, name: "c20100", agents: 20, jobs: 100, sense: .minimize, canonical: true, value: 1243, status: .optimal, lowerBound: nil),
    .init(file: "gapc.txt", index: 6, name: "c20200", agents: 20, jobs: 200, sense: .minimize, canonical: true, value: 2391, status: .optimal, lowerBound: nil),
    .init(file: "gapd.txt", index: 1, name: "d05100", agents: 5, jobs: 100, sense: .minimize, canonical: true, value: 6353, status: .optimal, lowerBound: nil),
    .init(file: "gapd.txt", index: 2, name: "d05200", agents: 5, jobs: 200, sense: .minimize, canonical: true, value: 12742, status: .optimal, lowerBound: nil),
    .init(file: "gapd.txt", index: 3, name: "d10100", agents: 10, jobs: 100, sense: .minimize, canonical: true, value: 6347, status: .optimal, lowerBound: nil),
    .init(file: "gapd.txt", index: 4, name: "d10200", agents: 10, jobs: 200, sense: .minimize, canonical: true, value: 12430, status: .optimal, lowerBound: nil),
    .init(file: "gapd.txt", index: 5, name: "d20100", agents: 20, jobs: 100, sense: .minimize, canonical: true, value: 6185, status: .optimal, lowerBound: nil),
    .init(file: "gapd.txt", index: 6, name: "d20200", agents: 20, jobs: 200, sense: .minimize, canonical: true, value: 12238, status: .bestKnown, lowerBound: 12235),
  ]
}
