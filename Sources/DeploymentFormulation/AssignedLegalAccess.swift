import MIPModel

extension DeploymentFormulation {
  /// The department each legal-access row is asked of at `values` (a point
  /// of the departments apart, e.g. their linear relaxations), by row: the
  /// department whose legal officers are most present in the town there.
  ///
  /// Only rows over the groups' headcounts alone (a pooled model's, outside
  /// the elastic model) and only where some department's legal officers are
  /// present at `values`.
  public func legalAccessDepartments(at values: [Double]) -> [Int: Int] {
    let departmentOf = headcountDepartments
    var asked: [Int: Int] = [:]
    for row in legalAccessRows {
      let terms = model.constraints[row].terms
      guard !terms.isEmpty, terms.allSatisfy({ departmentOf[$0.variable.index] != nil }) else { continue }
      var presence: [Int: Double] = [:]
      for t in terms {
        presence[departmentOf[t.variable.index]!, default: 0] += t.coefficient * values[t.variable.index]
      }
      // The most present; of equals, the first department.
      guard let most = presence.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }), most.value > 1e-6
      else { continue }
      asked[row] = most.key
    }
    return asked
  }

  /// This model with each legal-access row of `asked` (row → department,
  /// `legalAccessDepartments`) also asked of its department alone: a row
  /// over that department's headcounts in the row, with the same limit.
  ///
  /// A **restriction**: the new rows lie within one department, so the
  /// departments apart keep the rule and their joined roster needs no
  /// repair for it, but their optima no longer bound the district's.
  /// Used for rosters only (`Planner.departmentsApart` on a pooled district
  /// in `auto`, whose other lane makes the bound).
  public func askingLegalAccess(of asked: [Int: Int]) -> DeploymentFormulation {
    let departmentOf = headcountDepartments
    var copy = self
    for (row, d) in asked.sorted(by: { $0.key < $1.key }) {
      let rule = model.constraints[row]
      var own = LinearExpression()
      for t in rule.terms where departmentOf[t.variable.index] == d { own.add(t.coefficient, t.variable) }
      copy.model.addConstraint(
        own, rule.sense, rule.rhs, name: rule.name + "_" + Builder.sanitize(district.departments[d].id))
    }
    return copy
  }

  /// Each group headcount's department (position in `district.departments`), by variable index.
  public var headcountDepartments: [Int: Int] {
    var departmentOf: [Int: Int] = [:]
    for g in groups.indices {
      guard let d = department(ofGroup: g) else { continue }
      for z in groupHeadcounts[g].values { departmentOf[z.index] = d }
    }
    return departmentOf
  }
}
