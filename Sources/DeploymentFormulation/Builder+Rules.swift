import MIPModel
import SecondmentDomain

/// The rule catalogue's rows in the model: the town and roster rules, each
/// with its slack in the elastic model, and the presence indicators.
extension Builder {
  /// The town and roster rules' rows, from the rule catalogue.
  mutating func addRuleRows() {
    let towns = district.towns
    let departments = district.departments
    let policy = district.policy
    // two-certified, with the "town has presence" indicator where needed.
    for t in towns.indices {
      let tn = Builder.sanitize(towns[t].id)
      var present: LinearExpression = 1
      if certifiedRule && !presenceFixed {
        let y = model.addVariable("y_\(tn)", kind: .binary)
        counts.presence[t] = y
        present = LinearExpression(y)
      }
      if let row = TownPresenceRules.certifiedRow(
        certified: counts.certified[t], present: present, policy: policy)
      {
        addRow(
          row, name: "cert_\(tn)", slack: ("sl_cert_\(tn)", .certified(town: t)),
          linking: "certified officers in \(towns[t].name)")
      }
      if let y = counts.presence[t] {
        addPresenceRows(town: t, indicator: y, groupPresence: groupPresence, groupSize: groupSize)
      }
    }

    // legal-access: every town, demand or not.
    for t in towns.indices {
      guard let row = TownPresenceRules.legalRow(legal: counts.legal[t], policy: policy) else { break }
      let tn = Builder.sanitize(towns[t].id)
      legalAccessRows.append(model.constraints.count)
      addRow(
        row, name: "legal_\(tn)", slack: ("sl_legal_\(tn)", .legal(town: t)),
        linking: "legal access in \(towns[t].name)")
    }

    // auxiliary-with-officer and auxiliary-ratio: aux ≤ ratio × officers present.
    for t in towns.indices {
      for d in departments.indices where !counts.auxiliaries[t][d].terms.isEmpty {
        guard
          let row = AuxiliaryRules.row(
            auxiliaries: counts.auxiliaries[t][d], officers: counts.officers[t][d], policy: policy)
        else { break }
        let name = "aux_\(Builder.sanitize(towns[t].id))_\(Builder.sanitize(departments[d].id))"
        addRow(row, name: name, slack: ("sl_\(name)", .auxiliaries(town: t, department: d)))
      }
    }

    // desk-capacity: stationed headcount; rows that cannot bind are left out.
    for t in towns.indices {
      guard
        let row = DeskRule.row(
          stationed: counts.stationed[t], desks: towns[t].deskCapacity, policy: policy)
      else { break }
      let most = counts.stationed[t].terms.keys.reduce(0.0) { $0 + model.variables[$1.index].upper }
      guard most > row.limit else { continue }
      let tn = Builder.sanitize(towns[t].id)
      addRow(
        row, name: "desk_\(tn)", slack: ("sl_desk_\(tn)", .desks(town: t)),
        linking: "desks in \(towns[t].name)")
    }

    // max-moves.
    if !counts.moves.terms.isEmpty, let row = MovesRule.row(moves: counts.moves, policy: policy) {
      addRow(row, name: "moves", slack: ("sl_moves", .moves), linking: "the moves budget")
    }

    // response-time: an officer of the department within reach of every pair with demand.
    for t in towns.indices where !counts.reaching.isEmpty {
      for d in departments.indices where demand[t][d] > 0 {
        guard let row = ResponseTimeRule.row(reaching: counts.reaching[t][d], policy: policy) else { break }
        let name = "reach_\(Builder.sanitize(towns[t].id))_\(Builder.sanitize(departments[d].id))"
        addRow(row, name: name, slack: ("sl_\(name)", .response(town: t, department: d)))
      }
    }

    // joint-inspection: every department of a scenario planned in a town present there.
    for need in JointInspectionRule.needs(in: district) {
      guard let row = JointInspectionRule.row(officers: counts.officers[need.town][need.department], policy: policy)
      else { break }
      let name = "joint_\(Builder.sanitize(towns[need.town].id))_\(Builder.sanitize(departments[need.department].id))"
      addRow(row, name: name, slack: ("sl_\(name)", .joint(town: need.town, department: need.department)))
    }
  }


  /// Adds a rule's row (`RuleRow`, from the rule catalogue); in the elastic
  /// model with a penalised slack of `slack`'s kind, kept for the explanation.
  mutating func addRow(
    _ row: RuleRow<LinearExpression>, name: String,
    slack: (name: String, kind: DeploymentFormulation.Slack)? = nil, linking rule: String? = nil
  ) {
    var e = row.quantity
    if options.elastic, let slack {
      let s = model.addVariable(slack.name, kind: .continuous, lower: 0, upper: row.slackLimit)
      slacks.append((s, slack.kind))
      slackRows.append(row)
      terms.penalty.add(rulePenalty, s)
      e.add(row.sense == .atLeast ? 1 : -1, s)
    }
    if let rule { linking(rule) }
    model.addConstraint(e, row.sense == .atLeast ? .greaterOrEqual : .lessOrEqual, row.limit, name: name)
  }

  /// The rows that tie town t's presence indicator to the people present:
  /// per group (tightened) or for all at once.
  mutating func addPresenceRows(
    town t: Int, indicator y: Variable, groupPresence: [[Int: LinearExpression]], groupSize: [Int]
  ) {
    let town = district.towns[t]
    let tn = Builder.sanitize(town.id)
    if options.tighten {
      for (g, presence) in groupPresence.enumerated() {
        guard var link = presence[t] else { continue }
        link.add(-Double(groupSize[g]), y)
        linking("certified officers in \(town.name)")
        model.addConstraint(link, .lessOrEqual, 0, name: "pres_\(tn)_g\(g)")
      }
    } else {
      let reach = groupPresence.enumerated().reduce(0) {
        $0 + ($1.element[t] == nil ? 0 : groupSize[$1.offset])
      }
      var link = counts.present[t]
      link.add(-Double(reach), y)
      linking("certified officers in \(town.name)")
      model.addConstraint(link, .lessOrEqual, 0, name: "pres_\(tn)")
    }
  }
}
