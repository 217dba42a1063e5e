extension PageScript {
  /// The quarter page: replan a quarter from the plan history (with a change
  /// list), every change with its reason, coverage before and after, adopt
  /// (confirmed), and the history with each person's tenure.
  static let quarter = #"""
    // Quarter.
    async function renderQuarter() {
      const page = document.getElementById("quarter");
      state.history = await api("/api/history");
      const h = state.history;
      const last = h.adoptions.length ? h.adoptions[h.adoptions.length - 1].quarter : null;
      const quarter = el("input", { type: "text", id: "replan-quarter", size: "8",
        value: state.replanQuarter || h.nextQuarter || (state.district && state.district.quarter) || "" });
      const start = el("select", { id: "replan-start" },
        state.district ? el("option", { value: "instance" }, word("startInstance")) : null,
        last ? el("option", { value: "adopted" }, word("startAdopted", last)) : null);
      const changes = el("input", { type: "file", id: "change-list", accept: ".xlsx,.csv" });
      const run = el("button", { type: "button", id: "replan", class: "primary", onclick: async () => {
        const limit = document.getElementById("time-limit"), solver = document.getElementById("solver");
        const file = changes.files[0];
        const from = start.value === "instance" && state.instance ? "&instance=" + state.instance : "";
        const options = { method: "POST", headers: {} };
        if (file) {
          options.headers["Content-Type"] = file.name.toLowerCase().endsWith(".csv") ? "text/csv"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
          options.body = file;
        }
        try {
          state.replanQuarter = quarter.value.trim();
          const job = await api(`/api/replan?quarter=${encodeURIComponent(state.replanQuarter)}${from}` +
            `&timeLimit=${encodeURIComponent(limit ? limit.value : 30)}&solver=${solver ? solver.value : "auto"}`, options);
          showMessage(null);
          state.quarterJob = job.job;
          state.quarterView = null;
          drawQuarterResult();
          watch(job.job, async status => {
            if (status.hasRoster) state.quarterView = await api(`/api/jobs/${job.job}/view`);
            else showMessage("error", status.message || word(status.state));
            drawQuarterResult();
          });
        } catch (error) { failed(error); }
      } }, word("replan"));
      fill(page,
        el("h2", {}, word("replanTitle")), el("p", { class: "lead" }, word("replanHelp")),
        el("div", { class: "filters" }, el("label", {}, word("replanQuarter") + " ", quarter),
          el("label", {}, word("startFrom") + " ", start), el("label", {}, word("changeList") + " ", changes), run),
        el("div", { id: "replan-progress", "data-progress": true }),
        el("div", { id: "replan-result" }),
        el("h2", {}, word("historyTitle")), el("div", { id: "history-box" }),
        el("h2", {}, word("tenureTitle")), el("div", { id: "tenure-box" }));
      drawQuarterResult();
      drawHistory();
    }
    function drawHistory() {
      const h = state.history, box = document.getElementById("history-box"), tenure = document.getElementById("tenure-box");
      if (!h || !box) return;
      const reasons = a => Object.entries(a.changes).map(([k, n]) => k + " " + n).join(LANG === "zh" ? "，" : ", ");
      fill(box, h.adoptions.length ? table("history-table", [
        { key: "quarter", label: word("replanQuarter") }, { key: "instance", label: word("instance") },
        { key: "objective", label: word("objective"), number: true }, { key: "moves", label: word("moves"), number: true },
        { key: "posted", label: word("posted"), number: true }, { key: "changes", label: word("changes"), value: reasons },
        { key: "adoptedBy", label: word("adoptedBy") },
        { key: "adoptedAt", label: word("adoptedAt"), value: a => new Date(a.adoptedAt).toLocaleString(LANG === "zh" ? "zh-CN" : "en") },
      ], h.adoptions.slice().reverse()) : el("p", { class: "lead", id: "history-empty" }, word("historyEmpty")));
      rerenders["history-table"] = drawHistory;
      fill(tenure, h.tenure.length ? table("tenure-table", [
        { key: "name", label: word("name") }, { key: "posting", label: word("posting") },
        { key: "quarters", label: word("tenure"), number: true }, { key: "since", label: word("since") },
        { key: "inForce", label: word("inForce"), value: t => t.inForce ? word("yes") : word("no") },
      ], h.tenure) : null);
      rerenders["tenure-table"] = drawHistory;
    }
    function drawQuarterResult() {
      const box = document.getElementById("replan-result");
      if (!box) return;
      const v = state.quarterView, q = v && v.quarter && v.quarter.summary;
      if (!q) { fill(box); return; }
      const lines = v.quarter.changes;
      const status = (state.allJobs || []).find(j => j.id === v.job) || {};
      const r = v.result || {};
      const m = (key, pick) => el("tr", {}, el("th", {}, word(key)), el("td", { class: "number" }, pick(q.before)), el("td", { class: "number" }, pick(q.after)));
      const adoptedBy = el("input", { type: "text", id: "adopted-by", placeholder: word("adoptedBy"), size: "12" });
      const supersede = el("input", { type: "checkbox", id: "supersede" });
      const adopt = el("button", { type: "button", id: "adopt", class: "primary", disabled: !!status.adopted || v.brokenRules.length > 0,
        onclick: async () => {
          if (!window.confirm(word("adoptConfirm", q.quarter))) return;
          try {
            const done = await api(`/api/jobs/${v.job}/adopt`, { method: "POST", headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ adoptedBy: adoptedBy.value, supersede: supersede.checked }) });
            showMessage("info", word("adoptedMessage", done.quarter));
            state.replanQuarter = null;
            await refreshJobs();
            await renderQuarter();
          } catch (error) { failed(error); }
        } }, word("adopt", q.quarter));
      const changes = lines.length ? table("quarter-changes", [
        { key: "name", label: word("name") }, { key: "from", label: word("from") }, { key: "to", label: word("to") },
        { key: "reason", label: word("reason") }, { key: "isMove", label: word("isMove"), value: c => c.isMove ? word("yes") : word("no") },
      ], lines) : el("p", { class: "lead" }, word("noChanges"));
      rerenders["quarter-changes"] = drawQuarterResult;
      fill(box,
        el("h2", { id: "quarter-headline" }, q.previous ? word("replannedFrom", q.quarter, q.previous) : word("fromScratch", q.quarter)),
        el("p", { class: "lead", id: "quarter-people" }, word("quarterPeople", q.people, q.available, q.departures, q.onLeave, q.backFromLeave, q.newHires)),
        el("p", { class: "lead", id: "quarter-moves" }, word("quarterMoves", q.moves, q.forcedMoves, q.maxMoves ?? word("noBudget")) +
          " · " + word(r.status || "") + " · " + word("objective") + " " + fmt(r.objective)),
        v.brokenRules.length ? el("ul", { class: "broken" }, v.brokenRules.map(b => el("li", {}, b))) : el("p", { class: "kept" }, word("allRulesKept")),
        q.changeList.length ? el("ul", { id: "quarter-change-list" }, q.changeList.map(c => el("li", {}, c))) : null,
        el("h3", { id: "quarter-changes-title" }, word("changesTitle", lines.length)), changes,
        el("h3", {}, word("coverageBeforeAfter")),
        el("table", { id: "quarter-coverage" },
          el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", {}, word("before")), el("th", {}, word("after")))),
          el("tbody", {}, m("uncoveredPairs", x => x.uncoveredPairs), m("unmet", x => fmt(x.unmetDemandFTE)),
            m("pilotUnmet", x => fmt(x.pilotUnmetDemandFTE)), m("largestUnmetShare", x => percent(x.imbalance)),
            m("worstResponse", x => fmt(x.worstResponseMinutes || 0)))),
        el("div", { class: "filters adopt" }, adoptedBy, el("label", {}, supersede, word("supersede")), adopt,
          el("button", { type: "button", id: "open-quarter-roster", onclick: () => openRoster(v.job) }, word("openRoster"))),
        status.adopted ? el("p", { class: "kept", id: "adopted" }, word("adoptedAlready", status.adopted)) : null);
    }

    """#
}
