/// The page's script: the district, solve, roster, what-if and quarter
/// pages on the JSON API.
///
/// It reads its words from `window.WORDS` (the catalogue, `Words`) and sends
/// the workbench's token, when the page was opened with one, on every request.
enum PageScript {
  /// The whole script: the shared parts and pages, the quarter page, then the start.
  static let source = core + quarter + startup

  /// Opens the tab the address names and loads the district's data.
  static let startup = """
    showTab((location.hash || "#district").slice(1) || "district");
    loadInstances().catch(failed);

    """

  static let core = #"""
    "use strict";
    const W = window.WORDS, LANG = window.LANG;
    const query = new URLSearchParams(location.search);
    const token = query.get("token") || sessionStorage.getItem("workbenchToken") || "";
    if (token) sessionStorage.setItem("workbenchToken", token);
    const state = { instances: [], instance: null, district: null, jobs: [], job: null, view: null,
                    sorts: {}, filter: "", department: "", streams: {}, pins: [], base: null, comparison: null };

    function word(key, ...args) {
      let text = W[key] !== undefined ? W[key] : key;
      args.forEach((a, i) => { text = text.split("{" + i + "}").join(String(a)); });
      return text;
    }
    function el(tag, attrs, ...children) {
      const node = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) {
        if (v === null || v === undefined || v === false) continue;
        if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v === true ? "" : v);
      }
      for (const child of children.flat()) {
        if (child === null || child === undefined) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
      return node;
    }
    // Replaces a node's children; arrays are flattened, null and undefined left out.
    function fill(node, ...children) {
      node.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
      return node;
    }
    const SVG = "http://www.w3.org/2000/svg";
    function svg(tag, attrs, ...children) {
      const node = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
      for (const child of children.flat()) if (child) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      return node;
    }
    function fmt(x) {
      if (x === null || x === undefined) return "";
      return Number(x).toLocaleString(LANG === "zh" ? "zh-CN" : "en", { maximumFractionDigits: 2 });
    }
    function percent(x) { return x === null || x === undefined ? "" : fmt(x * 100) + "%"; }

    async function api(path, options) {
      const opts = Object.assign({ headers: {} }, options || {});
      if (token) opts.headers["X-Workbench-Token"] = token;
      const sep = path.includes("?") ? "&" : "?";
      const response = await fetch(path + (opts.method && opts.method !== "GET" ? "" : sep + "lang=" + LANG), opts);
      const text = await response.text();
      const body = text ? JSON.parse(text) : null;
      if (!response.ok) { const e = new Error(body && body.error ? body.error.message : response.statusText); e.body = body; throw e; }
      return body;
    }
    function showMessage(kind, text, problems) {
      const box = document.getElementById("message");
      fill(box);
      if (!text) return;
      const list = (problems || []).map(p => el("li", {},
        [p.file, p.place].filter(Boolean).join(" · ") + (p.file || p.place ? ": " : "") + p.message,
        p.fix ? el("div", { class: "fix" }, word("fix") + ": " + p.fix) : null));
      box.append(el("div", { class: kind }, el("strong", {}, text), list.length ? el("ul", {}, list) : null));
    }
    function failed(error) { showMessage("error", error.message, error.body && error.body.error ? error.body.error.problems : []); }

    // Tabs.
    function showTab(name) {
      document.querySelectorAll(".page").forEach(p => p.classList.toggle("active", p.id === name));
      document.querySelectorAll(".tab").forEach(t => t.classList.toggle("active", t.dataset.tab === name));
      if (location.hash !== "#" + name) history.replaceState(null, "", "#" + name);
      if (name === "roster") renderRoster();
      if (name === "whatif") renderWhatIf();
      if (name === "quarter") renderQuarter().catch(failed);
    }
    document.querySelectorAll(".tab").forEach(t => t.addEventListener("click", () => showTab(t.dataset.tab)));

    // Tables: columns are {key, label, number, value(row), cell(row)}; click a header to sort (by value).
    function table(id, columns, rows) {
      const sort = state.sorts[id];
      let shown = rows.slice();
      if (sort) {
        const column = columns.find(c => c.key === sort.key);
        const value = r => column.value ? column.value(r) : r[column.key];
        shown.sort((a, b) => {
          const x = value(a), y = value(b);
          const order = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""), LANG);
          return sort.up ? order : -order;
        });
      }
      const head = el("tr", {}, columns.map(c => el("th", {
        class: "sortable" + (sort && sort.key === c.key ? (sort.up ? " sorted-up" : " sorted-down") : ""),
        "data-key": c.key,
        onclick: () => { const s = state.sorts[id]; state.sorts[id] = { key: c.key, up: !(s && s.key === c.key && s.up) }; rerender(id); },
      }, c.label)));
      const body = shown.map(r => el("tr", {}, columns.map(c => {
        const v = c.value ? c.value(r) : r[c.key];
        return el("td", { class: c.number ? "number" : null }, c.cell ? c.cell(r) : c.number ? fmt(v) : (v ?? ""));
      })));
      return el("div", { class: "scroll" }, el("table", { id }, el("thead", {}, head), el("tbody", {}, body)));
    }
    const rerenders = {};
    function rerender(id) { if (rerenders[id]) rerenders[id](); }

    // The map: towns at their coordinates (y northwards), zones as dashed outlines.
    function hull(points) {
      const p = points.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      if (p.length < 3) return p;
      const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
      const lower = [], upper = [];
      for (const q of p) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop(); lower.push(q); }
      for (const q of p.slice().reverse()) { while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop(); upper.push(q); }
      return lower.slice(0, -1).concat(upper.slice(0, -1));
    }
    function districtMap(id, district, label, note) {
      const width = 760, height = 560, pad = 50;
      const placed = district.towns.filter(t => t.x !== null && t.x !== undefined && t.y !== null && t.y !== undefined);
      const xs = placed.map(t => t.x), ys = placed.map(t => t.y);
      const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
      const scale = Math.min((width - 2 * pad) / Math.max(maxX - minX, 1e-9), (height - 2 * pad) / Math.max(maxY - minY, 1e-9));
      const at = {};
      district.towns.forEach((t, i) => {
        if (placed.includes(t) && placed.length > 1) at[t.id] = [pad + (t.x - minX) * scale, height - pad - (t.y - minY) * scale];
        else { const a = 2 * Math.PI * i / district.towns.length; at[t.id] = [width / 2 + (height / 2 - pad) * Math.cos(a), height / 2 + (height / 2 - pad) * Math.sin(a)]; }
      });
      const zones = district.zones.filter(z => z.towns.length > 1).map(z => {
        const points = hull(z.towns.filter(t => at[t]).map(t => at[t]));
        return svg("polygon", { class: "zone", points: points.map(p => p.join(",")).join(" ") },
          svg("title", {}, z.name + ": " + z.towns.map(t => (district.towns.find(x => x.id === t) || { name: t }).name).join("、")));
      });
      const names = Object.fromEntries(district.departments.map(d => [d.id, d.name]));
      const towns = district.towns.map(t => {
        const [x, y] = at[t.id];
        const r = 5 + 3 * Math.sqrt(t.totalDemand || 0);
        const demand = Object.entries(t.demand).filter(([, v]) => v > 0).map(([d, v]) => names[d] + " " + fmt(v)).join("\n");
        const extra = label ? label(t) : null;
        return svg("g", { class: "town" + (t.pilot ? " pilot" : ""), "data-town": t.id },
          svg("title", {}, t.name + (t.pilot ? " · " + word("pilot") : "") + "\n" + word("demand") + " " + fmt(t.totalDemand) + "\n" + demand
            + (note && note(t) ? "\n" + note(t) : "")),
          svg("circle", { cx: x, cy: y, r }),
          t.pilot ? svg("circle", { class: "ring", cx: x, cy: y, r: r + 4 }) : null,
          svg("text", { x, y: y + r + 13 }, t.name),
          extra !== null && extra !== undefined ? svg("text", { class: "count", x, y: y + 4 }, extra) : null);
      });
      return svg("svg", { id, class: "map", viewBox: `0 0 ${width} ${height}`, role: "img" }, zones, towns);
    }

    // District.
    async function loadInstances(select) {
      state.instances = await api("/api/instances");
      const chooser = document.getElementById("instance");
      fill(chooser, ...state.instances.map(i => el("option", { value: i.id }, (i.title || i.name) + (i.quarter ? " · " + i.quarter : ""))));
      const pick = select || (state.instances.length ? state.instances[state.instances.length - 1].id : null);
      if (pick) { chooser.value = pick; await openInstance(pick); } else renderDistrict();
    }
    async function openInstance(id) {
      state.instance = id;
      state.district = await api("/api/instances/" + id);
      state.job = null; state.view = null;
      renderDistrict();
      await refreshJobs();
      renderSolve();
    }
    function renderDistrict() {
      const page = document.getElementById("district");
      const d = state.district;
      if (!d) { fill(page, el("p", { class: "lead" }, word("noInstance"))); return; }
      const summary = word("districtSummary", d.towns.length, d.departments.length, d.officers, d.auxiliaries, d.pilots);
      const staff = el("div", { id: "staff-table" });
      const filter = el("input", { type: "search", id: "staff-filter", value: state.filter, placeholder: word("filter"),
        oninput: e => { state.filter = e.target.value; drawStaff(); } });
      const department = el("select", { id: "staff-department", onchange: e => { state.department = e.target.value; drawStaff(); } },
        el("option", { value: "" }, word("allDepartments")), d.departments.map(x => el("option", { value: x.id }, x.name)));
      department.value = state.department;
      const count = el("span", { id: "staff-count" });
      function drawStaff() {
        const needle = state.filter.trim().toLowerCase();
        const rows = d.people.filter(p => (!state.department || p.department === state.department) &&
          (!needle || [p.name, p.departmentName, p.roleName, p.homeTown, p.currentPosting].some(v => v && v.toLowerCase().includes(needle))));
        count.textContent = word("shown", rows.length, d.people.length);
        fill(staff, table("staff", [
          { key: "name", label: word("name") }, { key: "departmentName", label: word("department") },
          { key: "roleName", label: word("role") },
          { key: "certified", label: word("certified"), value: p => p.certified ? word("yes") : word("no") },
          { key: "legal", label: word("legal"), value: p => p.legal ? word("yes") : word("no") },
          { key: "homeTown", label: word("homeTown") }, { key: "currentPosting", label: word("currentPosting") },
          { key: "tenure", label: word("tenure"), number: true },
        ], rows));
      }
      rerenders.staff = drawStaff;
      drawStaff();
      fill(page,
        el("h2", {}, d.title || d.name), el("p", { class: "lead", id: "district-summary" }, summary),
        el("h2", {}, word("map")), districtMap("district-map", d), el("p", { class: "lead" }, word("mapLegend")),
        el("h2", {}, word("staff")), el("div", { class: "filters" }, filter, department, count), staff);
    }
    document.getElementById("instance").addEventListener("change", e => openInstance(e.target.value).catch(failed));
    document.getElementById("upload").addEventListener("change", async e => {
      const file = e.target.files[0];
      if (!file) return;
      const type = file.name.toLowerCase().endsWith(".json") ? "application/json"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      try {
        const stored = await api("/api/instances", { method: "POST", headers: { "Content-Type": type }, body: file });
        showMessage("info", word("uploaded", stored.title || stored.name));
        await loadInstances(stored.id);
        showTab("district");
      } catch (error) {
        showMessage("error", word("uploadFailed") + ": " + error.message, error.body && error.body.error ? error.body.error.problems : []);
      }
      e.target.value = "";
    });

    // Solve.
    async function refreshJobs() {
      state.allJobs = await api("/api/jobs");
      state.jobs = state.allJobs.filter(j => j.instance === state.instance);
    }
    function renderSolve() {
      const page = document.getElementById("solve");
      if (!state.district) { fill(page, el("p", { class: "lead" }, word("noInstance"))); return; }
      const limit = el("input", { type: "number", id: "time-limit", min: "1", max: "86400", value: "30" });
      const solver = el("select", { id: "solver" }, ["auto", "glpk", "greedy"].map(s => el("option", { value: s }, s)));
      const start = el("button", { type: "button", id: "start", class: "primary", onclick: async () => {
        try {
          const job = await api(`/api/solve?instance=${state.instance}&timeLimit=${encodeURIComponent(limit.value)}&solver=${solver.value}`, { method: "POST" });
          showMessage(null);
          watch(job.job);
        } catch (error) { failed(error); }
      } }, word("start"));
      fill(page,
        el("div", { class: "filters" }, el("label", {}, word("timeLimit") + " ", limit), el("label", {}, word("solver") + " ", solver), start),
        el("div", { id: "progress", "data-progress": true }), el("h2", {}, word("jobs")), el("div", { id: "jobs" }));
      drawJobs();
    }
    function drawJobs() {
      const box = document.getElementById("jobs");
      if (!box) return;
      fill(box, table("job-list", [
        { key: "id", label: word("id") }, { key: "state", label: word("state"), value: j => word(j.state) },
        { key: "solver", label: word("solver") },
        { key: "objective", label: word("objective"), number: true, value: j => j.result ? j.result.objective : null },
        { key: "gap", label: word("gap"), value: j => j.result ? percent(j.result.gap) : "" },
        { key: "open", label: "", value: j => j.hasRoster ? el("button", { type: "button", class: "open-roster", onclick: () => openRoster(j.id) }, word("open")) : "" },
      ], state.jobs.slice().reverse()));
    }
    function drawProgress(status) {
      const box = document.querySelector(".page.active [data-progress]") || document.getElementById("progress");
      if (!box) return;
      const p = status.progress || {};
      const share = Math.min(1, (p.elapsed || 0) / status.timeLimit);
      const running = status.state === "queued" || status.state === "running";
      const field = (key, value) => [el("span", {}, word(key)), el("span", { "data-field": key }, value)];
      fill(box, 
        el("div", { class: "progress", "data-job": status.id, "data-state": status.state },
          field("state", word(status.state) + (status.queuePosition ? " · " + word("queuePosition", status.queuePosition) : "")),
          field("elapsed", word("seconds", fmt(p.elapsed || 0))),
          field("incumbent", fmt(status.result ? status.result.objective : p.incumbent)),
          field("bound", fmt(status.result ? status.result.bound : p.bound)),
          field("gap", percent(status.result ? status.result.gap : p.gap))),
        el("div", { class: "bar" }, el("div", { style: `width: ${(running ? share : 1) * 100}%` })),
        running ? el("button", { type: "button", id: "cancel", onclick: () => api("/api/jobs/" + status.id, { method: "DELETE" }).catch(failed) }, word("cancel")) : null,
        status.message && !running ? el("p", { class: "lead" }, status.message) : null);
    }
    function watch(id, onEnd) {
      // One stream per job: several what-ifs may run at once.
      if (state.streams[id]) state.streams[id].close();
      const stream = new EventSource(`/api/jobs/${id}/events` + (token ? "?token=" + encodeURIComponent(token) : ""));
      state.streams[id] = stream;
      const seen = async (event, ended) => {
        const status = JSON.parse(event.data);
        drawProgress(status);
        if (ended) {
          stream.close();
          delete state.streams[id];
          await refreshJobs();
          drawJobs();
          if (onEnd) await onEnd(status); else if (status.hasRoster) await openRoster(id);
        }
      };
      stream.addEventListener("status", e => seen(e, false));
      stream.addEventListener("end", e => seen(e, true));
    }

    // Roster.
    async function openRoster(id) {
      try {
        state.job = id;
        state.pins = [];
        // The roster opened last is the base of the what-ifs.
        if (state.base !== id) { state.base = id; state.comparison = null; state.changes = []; }
        state.view = await api(`/api/jobs/${id}/view`);
        showTab("roster");
      } catch (error) { failed(error); }
    }
    function renderRoster() {
      const page = document.getElementById("roster");
      const v = state.view;
      if (!v || !state.district) { fill(page, el("p", { class: "lead" }, word("noRoster"))); return; }
      const r = v.result || {};
      const headline = [word(r.status || ""), word("objective") + " " + fmt(r.objective),
        r.bound !== undefined && r.bound !== null ? word("bound") + " " + fmt(r.bound) : null,
        r.gap !== undefined && r.gap !== null ? word("gap") + " " + percent(r.gap) : null, word("solver") + " " + (r.solver || "")]
        .filter(Boolean).join(" · ");
      const rules = v.brokenRules.length
        ? el("ul", { class: "broken", id: "broken-rules" }, v.brokenRules.map(m => el("li", {}, m)))
        : el("p", { class: "kept", id: "broken-rules" }, word("allRulesKept"));
      const present = {}, slowest = {};
      v.towns.forEach(t => { present[t.id] = t.stationed.length + t.zoned.length; slowest[t.id] = t.worstResponse; });
      const response = el("p", { class: "lead", id: "roster-response" },
        word("responseLine", fmt(v.response.worst), fmt(v.response.mean))
          + (v.response.limit !== null && v.response.limit !== undefined ? " " + word("responseLimit", fmt(v.response.limit)) : ""));
      const listed = xs => xs.join(LANG === "zh" ? "、" : "; ");
      const q = `?lang=${LANG}` + (token ? "&token=" + encodeURIComponent(token) : "");
      const exports = el("p", { class: "exports", id: "exports" }, word("export") + ": ",
        el("a", { id: "export-workbook", href: `/api/jobs/${v.job}/workbook${q}`, download: `roster-${v.job}.xlsx` }, word("exportWorkbook")),
        " · ", el("a", { id: "export-report", href: `/api/jobs/${v.job}/report${q}`, target: "_blank" }, word("exportReport")),
        " · ", el("a", { id: "export-notices", href: `/api/jobs/${v.job}/notices${q}`, target: "_blank" }, word("exportNotices")));
      fill(page,
        el("h2", {}, v.instance), el("p", { class: "lead", id: "roster-headline" }, headline), rules, response, exports,
        v.moves ? [el("h2", { id: "roster-section-moves" }, word("movesAgainst", v.moves.length)), el("div", { id: "moves-box" })] : null,
        v.pins.length ? el("p", { class: "lead", id: "pins-in-force" }, word("pinned", listed(v.pins))) : null,
        v.forbidden.length ? el("p", { class: "lead", id: "forbidden-in-force" }, word("forbiddenList", listed(v.forbidden))) : null,
        el("div", { class: "columns" },
          el("div", {}, el("h2", {}, word("postingsOnMap")), districtMap("roster-map", state.district, t => present[t.id],
            t => slowest[t.id] === null || slowest[t.id] === undefined ? null : word("slowestResponse", fmt(slowest[t.id]))),
            el("p", { class: "lead" }, word("mapPostingsLegend"))),
          el("div", {}, el("h2", {}, word("heatMap")), heatMap(v))),
        adjustPanel(v),
        el("h2", {}, word("byTown")),
        el("div", { id: "by-town-box" }),
        el("h2", {}, word("byPerson")), el("p", { class: "lead" }, word("whyHelp")),
        el("div", { id: "why-box" }),
        el("div", { id: "by-person-box" }),
        el("h2", {}, word("byDepartment")),
        el("div", { id: "by-department-box" }));
      const draw = (id, box, columns, rows) => { rerenders[id] = () => fill(document.getElementById(box), table(id, columns, rows)); rerenders[id](); };
      if (v.moves) draw("moves", "moves-box", [
        { key: "name", label: word("name") }, { key: "from", label: word("from") }, { key: "to", label: word("to") },
      ], v.moves);
      draw("by-town", "by-town-box", [
        { key: "name", label: word("town") }, { key: "pilot", label: word("pilot"), value: t => t.pilot ? word("yes") : "" },
        { key: "demand", label: word("demand"), number: true }, { key: "supply", label: word("supply"), number: true },
        { key: "unmet", label: word("unmet"), number: true }, { key: "uncovered", label: word("uncovered"), number: true },
        { key: "stationed", label: word("stationed"), value: t => listed(t.stationed) },
        { key: "zoned", label: word("zoned"), value: t => listed(t.zoned) },
        { key: "auxiliaries", label: word("auxiliaries"), value: t => listed(t.auxiliaries) },
        { key: "desks", label: word("desks"), value: t => t.desksUsed + "/" + t.desks },
      ].concat(v.towns.some(t => t.jointInspections) ? [{ key: "jointInspections", label: word("jointInspections") }] : []), v.towns);
      const townName = Object.fromEntries(v.towns.map(t => [t.id, t.name]));
      draw("by-person", "by-person-box", [
        { key: "name", label: word("name"), cell: p => el("button", { type: "button", class: "link why-person", "data-person": p.id,
          onclick: () => showWhy(v.job, p.id).catch(failed) }, p.name) },
        { key: "department", label: word("department") }, { key: "role", label: word("role") },
        { key: "posting", label: word("posting") },
        { key: "fte", label: word("ftePerTown"), value: p => listed(p.towns.map(t => townName[t] + " " + fmt(p.fte[t] ?? 0))) },
      ], v.people);
      draw("by-department", "by-department-box", [
        { key: "name", label: word("department") }, { key: "demand", label: word("demand"), number: true },
        { key: "supply", label: word("supply"), number: true }, { key: "unmet", label: word("unmet"), number: true },
        { key: "uncovered", label: word("uncovered"), number: true }, { key: "stationed", label: word("stationed"), number: true },
        { key: "zoned", label: word("zoned"), number: true }, { key: "auxiliaries", label: word("auxiliaries"), number: true },
        { key: "unassigned", label: word("unassigned"), number: true },
      ], v.departments);
    }
    // Why there: the objective's terms here against the next best posting for the person.
    async function showWhy(job, person) {
      const w = await api(`/api/jobs/${job}/why?person=${encodeURIComponent(person)}`);
      const box = document.getElementById("why-box");
      if (!box) return;
      const next = w.alternatives.find(a => a.posting === w.nextBest);
      fill(box, el("div", { class: "why", id: "why" },
        el("h3", {}, word("whyTitle", w.name, w.posting)),
        el("p", { class: "lead", id: "why-next" }, w.nextBest
          ? word("whyNextBest", w.nextBest, fmt(next ? next.objective : null), fmt(w.objective), fmt(next ? next.difference : null))
          : word("whyNone")),
        w.brokenRules.length ? el("ul", { class: "broken" }, w.brokenRules.map(b => el("li", {}, b))) : null,
        el("table", { id: "why-terms" },
          el("thead", {}, el("tr", {}, [word("term"), word("here"), word("nextBestColumn"), word("difference")].map(h => el("th", {}, h)))),
          el("tbody", {}, w.terms.map(t => el("tr", {}, el("th", {}, t.name), el("td", { class: "number" }, fmt(t.here)),
            el("td", { class: "number" }, fmt(t.there)), el("td", { class: "number" + (t.difference > 0 ? " up" : t.difference < 0 ? " down" : "") }, fmt(t.difference)))))),
        el("h3", {}, word("alternativesTitle")),
        el("table", { id: "why-alternatives" },
          el("thead", {}, el("tr", {}, [word("posting"), word("objective"), word("difference"), word("brokenRules")].map(h => el("th", {}, h)))),
          el("tbody", {}, w.alternatives.map(a => el("tr", {}, el("td", {}, a.posting), el("td", { class: "number" }, fmt(a.objective)),
            el("td", { class: "number" }, fmt(a.difference)), el("td", { class: "number" }, a.brokenRules)))))));
      box.scrollIntoView();
    }
    // Pins and forbidden postings, then a re-solve from this roster.
    function adjustPanel(v) {
      const d = state.district;
      const person = el("select", { id: "pin-person" }, v.people.map(p => el("option", { value: p.id }, p.name + " · " + p.department)));
      const posting = el("select", { id: "pin-posting" });
      const fillPostings = () => {
        const who = d.people.find(p => p.id === person.value);
        fill(posting, 
          ...d.towns.map(t => el("option", { value: "stationed|" + t.id }, word("stationedAt") + " " + t.name)),
          ...(who && who.role === "officer" ? d.zones.map(z => el("option", { value: "zoned|" + z.id }, word("zonedTo") + " " + z.name)) : []));
      };
      person.addEventListener("change", fillPostings);
      fillPostings();
      const list = el("ul", { id: "pin-list" });
      const drawPins = () => fill(list, ...(state.pins.length ? state.pins.map((p, i) => el("li", {}, p.label + " ",
        el("button", { type: "button", class: "pin-remove", onclick: () => { state.pins.splice(i, 1); drawPins(); } }, word("remove"))))
        : [el("li", { class: "lead" }, word("pinsNone"))]));
      drawPins();
      const choose = kind => () => {
        const [mode, place] = posting.value.split("|");
        const who = v.people.find(p => p.id === person.value);
        const text = posting.options[posting.selectedIndex].text;
        // One pin per person; a pin and a forbidden posting of one person never name the same posting.
        state.pins = state.pins.filter(p => p.person !== person.value || (p.value !== posting.value && !(kind === "pin" && p.kind === "pin")));
        state.pins.push({ kind, person: person.value, value: posting.value, mode, town: mode === "stationed" ? place : undefined, zone: mode === "zoned" ? place : undefined,
          label: kind === "pin" ? who.name + " " + text : word("forbidLabel", who.name, text) });
        drawPins();
      };
      const add = el("button", { type: "button", id: "pin-add", onclick: choose("pin") }, word("addPin"));
      const forbid = el("button", { type: "button", id: "forbid-add", onclick: choose("forbid") }, word("addForbid"));
      const resolve = el("button", { type: "button", id: "resolve", class: "primary", onclick: async () => {
        const limit = document.getElementById("time-limit"), solver = document.getElementById("solver");
        try {
          const job = await api(`/api/jobs/${v.job}/resolve?timeLimit=${encodeURIComponent(limit ? limit.value : 30)}&solver=${solver ? solver.value : "auto"}`, {
            method: "POST", headers: { "Content-Type": "application/json" },
            body: JSON.stringify({
              pins: state.pins.filter(p => p.kind === "pin").map(({ person, mode, town, zone }) => ({ person, mode, town, zone })),
              forbid: state.pins.filter(p => p.kind === "forbid").map(({ person, mode, town, zone }) => ({ person, mode, town, zone })) }) });
          showMessage(null);
          showTab("solve");
          watch(job.job);
        } catch (error) { failed(error); }
      } }, word("resolve"));
      return el("div", { class: "adjust", id: "adjust" }, el("h2", {}, word("adjust")), el("p", { class: "lead" }, word("adjustHelp")),
        el("div", { class: "filters" }, person, posting, add, forbid), list, resolve);
    }
    function heatMap(v) {
      const departments = state.district.departments.filter(d => v.coverage.some(c => c.department === d.id));
      const towns = v.towns.filter(t => v.coverage.some(c => c.town === t.id));
      const cell = {};
      v.coverage.forEach(c => { cell[c.town + "|" + c.department] = c; });
      const colour = ratio => `hsl(${Math.round(Math.min(ratio, 1) * 120)}, 65%, ${ratio >= 1 ? 80 : 72}%)`;
      return el("div", { class: "scroll" }, el("table", { class: "heat", id: "heat-map" },
        el("thead", {}, el("tr", {}, el("th", {}, word("town")), departments.map(d => el("th", { title: d.name }, d.shortName || d.name)))),
        el("tbody", {}, towns.map(t => el("tr", {}, el("th", {}, t.name), departments.map(d => {
          const c = cell[t.id + "|" + d.id];
          if (!c) return el("td", { class: "none" });
          const ratio = c.demand > 0 ? c.supply / c.demand : 1;
          return el("td", { class: "cell", style: `background: ${colour(ratio)}`, title: `${t.name} · ${d.name}: ${fmt(c.supply)} / ${fmt(c.demand)}` }, fmt(c.supply) + "/" + fmt(c.demand));
        }))))));
    }

    // What-if: scenarios written from edits (the scenario file format), each
    // solved anchored on the base roster, then compared side by side.
    function yamlText(text) { return JSON.stringify(String(text)); }
    function renderWhatIf() {
      const page = document.getElementById("whatif");
      if (!state.base && state.job) state.base = state.job;
      if (!state.base || !state.district) { fill(page, el("p", { class: "lead" }, word("whatifNoBase"))); return; }
      const d = state.district;
      const departments = id => el("select", { id }, d.departments.map(x => el("option", { value: x.id }, x.name)));
      const roles = id => el("select", { id }, el("option", { value: "officer" }, word("officer")), el("option", { value: "auxiliary" }, word("auxiliary")));
      const number = (id, value, step) => el("input", { id, type: "number", value, step: step || "1", min: "0", class: "small" });
      const text = el("textarea", { id: "scenario-text", rows: "10", cols: "70" });
      const title = el("input", { type: "text", id: "scenario-title", placeholder: word("scenarioTitle"), size: "40" });
      const compose = () => {
        const changes = state.changes.length ? state.changes.join("\n") : "  []";
        text.value = `title: ${yamlText(title.value || word("scenarioUntitled"))}\nbase: ${yamlText(d.name)}\nchanges:\n${changes}\n`;
      };
      state.changes = state.changes || [];
      title.addEventListener("input", compose);
      const add = (lines) => { state.changes.push(lines.join("\n")); compose(); };
      const hireCount = number("hire-count", "2"), hireDept = departments("hire-department"), hireRole = roles("hire-role");
      const hireLegal = el("input", { type: "checkbox", id: "hire-legal" });
      const removeCount = number("remove-count", "1"), removeDept = departments("remove-department"), removeRole = roles("remove-role");
      const leave = el("select", { id: "unavailable-person" }, d.people.map(p => el("option", { value: p.id }, p.name + " · " + p.departmentName)));
      const demandTown = el("select", { id: "demand-town" }, el("option", { value: "*" }, word("allTowns")), el("option", { value: "pilot" }, word("pilotTowns")),
        d.towns.map(t => el("option", { value: t.id }, t.name)));
      const demandDept = el("select", { id: "demand-department" }, el("option", { value: "*" }, word("allDepartments")), d.departments.map(x => el("option", { value: x.id }, x.name)));
      const demandOp = el("select", { id: "demand-operation" }, [["factor", word("demand-factor")], ["add", word("demand-add")], ["set", word("demand-set")]]
        .map(([o, label]) => el("option", { value: o }, label)));
      const demandValue = number("demand-value", "1.2", "0.1");
      const builders = el("div", { class: "builders" },
        el("div", { class: "filters" }, el("strong", {}, word("hire")), hireCount, hireDept, hireRole, el("label", {}, hireLegal, word("legal")),
          el("button", { type: "button", id: "add-hire", onclick: () => add(["  - hire:", `      count: ${hireCount.value}`, `      department: ${hireDept.value}`,
            `      role: ${hireRole.value}`, `      certified: true`, `      legal: ${hireLegal.checked}`]) }, word("addChange"))),
        el("div", { class: "filters" }, el("strong", {}, word("leave")), removeCount, removeDept, removeRole,
          el("button", { type: "button", id: "add-remove", onclick: () => add(["  - remove:", `      department: ${removeDept.value}`,
            `      count: ${removeCount.value}`, `      role: ${removeRole.value}`]) }, word("addChange"))),
        el("div", { class: "filters" }, el("strong", {}, word("onLeave")), leave,
          el("button", { type: "button", id: "add-unavailable", onclick: () => add(["  - unavailable:", `      people: [${leave.value}]`]) }, word("addChange"))),
        el("div", { class: "filters" }, el("strong", {}, word("demandChange")), demandTown, demandDept, demandOp, demandValue,
          el("button", { type: "button", id: "add-demand", onclick: () => add(["  - demand:"]
            .concat(demandTown.value === "*" ? [] : demandTown.value === "pilot" ? ["      pilot: true"] : [`      towns: [${demandTown.value}]`])
            .concat(demandDept.value === "*" ? [] : [`      departments: [${demandDept.value}]`])
            .concat([`      ${demandOp.value}: ${demandValue.value}`])) }, word("addChange"))));
      compose();
      const run = el("button", { type: "button", id: "run-whatif", class: "primary", onclick: async () => {
        const limit = document.getElementById("time-limit"), solver = document.getElementById("solver");
        try {
          const job = await api(`/api/jobs/${state.base}/whatif?timeLimit=${encodeURIComponent(limit ? limit.value : 30)}&solver=${solver ? solver.value : "auto"}`,
            { method: "POST", headers: { "Content-Type": "application/yaml" }, body: text.value });
          showMessage(null);
          state.changes = [];
          title.value = "";
          compose();
          watch(job.job, async () => { await refreshJobs(); drawWhatIfs(); });
          await refreshJobs();
          drawWhatIfs();
        } catch (error) { failed(error); }
      } }, word("runWhatIf"));
      const clear = el("button", { type: "button", onclick: () => { state.changes = []; compose(); } }, word("clearChanges"));
      fill(page,
        el("p", { class: "lead", id: "whatif-base" }, word("whatifBase", state.base)),
        el("h2", {}, word("newScenario")), el("p", { class: "lead" }, word("whatifHelp")), builders,
        el("div", { class: "filters" }, title), text, el("div", { class: "filters" }, run, clear),
        el("div", { id: "whatif-progress", "data-progress": true }),
        el("h2", {}, word("scenarios")), el("div", { id: "whatif-list" }),
        el("div", { id: "comparison" }));
      drawWhatIfs();
      if (state.comparison) drawComparison(state.comparison);
    }
    function drawWhatIfs() {
      const box = document.getElementById("whatif-list");
      if (!box) return;
      const runs = state.jobs.filter(j => j.basedOn === state.base && j.label);
      const compare = el("button", { type: "button", id: "compare", class: "primary", onclick: async () => {
        const chosen = Array.from(document.querySelectorAll(".whatif-pick:checked")).map(c => c.value);
        try {
          state.comparison = await api(`/api/compare?jobs=${[state.base].concat(chosen).join(",")}`);
          drawComparison(state.comparison);
        } catch (error) { failed(error); }
      } }, word("compare"));
      fill(box, runs.length ? [el("ul", { id: "whatif-runs" }, runs.map(j => el("li", {},
        el("label", {}, el("input", { type: "checkbox", class: "whatif-pick", value: j.id, checked: j.hasRoster, disabled: !j.hasRoster }),
          " " + j.label + " · " + word(j.state) + (j.result ? " · " + word("objective") + " " + fmt(j.result.objective) : ""))))), compare]
        : el("p", { class: "lead" }, word("noScenarios")));
    }
    function drawComparison(c) {
      const box = document.getElementById("comparison");
      if (!box) return;
      const rows = [
        [word("scenario"), r => r.label], [word("status"), r => word(r.result ? r.result.status : "")],
        [word("objective"), r => fmt(r.objective)], [word("gap"), r => r.result ? percent(r.result.gap) : ""],
        [word("pairsCovered"), r => r.pairsCovered + "/" + r.pairsWithDemand], [word("unmet"), r => fmt(r.unmet)],
        [word("worstResponse"), r => fmt(r.worstResponse)],
        [word("brokenRules"), r => r.brokenRules], [word("moves"), r => r.moves.length],
        [word("joined"), r => r.joined.length], [word("left"), r => r.left.length],
        [word("changes"), r => r.changes.join("；")],
      ];
      const side = el("table", { id: "comparison-table" },
        el("thead", {}, el("tr", {}, el("th", {}, ""), c.runs.map((r, i) => el("th", {}, i === 0 ? word("base") : word("scenario") + " " + i)))),
        el("tbody", {}, rows.map(([name, value]) => el("tr", {}, el("th", {}, name), c.runs.map(r => el("td", {}, value(r)))))));
      const townName = Object.fromEntries(c.towns), departmentName = Object.fromEntries(c.departments);
      const cell = {};
      c.cells.forEach(x => { cell[x.town + "|" + x.department] = x; });
      const towns = c.towns.map(t => t[0]).filter(t => c.cells.some(x => x.town === t));
      const departments = c.departments.map(d => d[0]).filter(d => c.cells.some(x => x.department === d));
      const heat = i => el("div", { class: "scroll" }, el("table", { class: "heat diff", id: `diff-heat-${i}` },
        el("thead", {}, el("tr", {}, el("th", {}, word("town")), departments.map(d => el("th", {}, departmentName[d])))),
        el("tbody", {}, towns.map(t => el("tr", {}, el("th", {}, townName[t]), departments.map(d => {
          const x = cell[t + "|" + d];
          if (!x) return el("td", { class: "none" });
          const change = Math.round((x.supply[i] - x.supply[0]) * 100) / 100;
          const colour = change > 0 ? "hsl(120, 55%, 78%)" : change < 0 ? "hsl(0, 65%, 80%)" : "#fff";
          return el("td", { class: "cell", style: `background: ${colour}`, title: `${townName[t]} · ${departmentName[d]}: ${fmt(x.supply[0])} → ${fmt(x.supply[i])}` },
            change === 0 ? "" : (change > 0 ? "+" : "") + fmt(change));
        }))))));
      fill(box, el("h2", {}, word("comparison")), side,
        c.runs.slice(1).map((r, k) => [
          el("h2", {}, word("scenario") + " " + (k + 1) + ": " + r.label),
          el("h3", {}, word("diffHeatMap")), heat(k + 1),
          el("h3", {}, word("movesAgainstBase", r.moves.length)),
          r.moves.length ? table(`whatif-moves-${k + 1}`, [
            { key: "name", label: word("name") }, { key: "from", label: word("from") }, { key: "to", label: word("to") }], r.moves)
            : el("p", { class: "lead" }, word("noMoves")),
          r.joined.length ? el("p", {}, word("joinedList", r.joined.join("、"))) : null,
          r.left.length ? el("p", {}, word("leftList", r.left.join("、"))) : null,
        ]));
    }

    """#
}
