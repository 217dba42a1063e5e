#!/usr/bin/env python3
"""Why GLPK does not close a generated district that HiGHS closes: one model, three views.

For each district (generated with `secondment generate --towns N --people 5N
--departments 9 --seed S`) the script exports the exact model (`solve
--export-model`, the model the planner solves) and measures on it:

- the LP relaxation's value (HiGHS, one thread),
- HiGHS after its root node (presolve, cuts, heuristics; `mip_max_nodes = 1`):
  the dual bound and the best roster then,
- HiGHS to the limit: status, objective, bound, nodes, seconds,
- glpsol (GLPK 5.0's own branch-and-cut on the same file) with `--cuts` to the
  limit: the bound after the root, the best bound at the end, nodes, seconds,
- `secondment solve --solver glpk` (this project's exact path) to the limit.

HiGHS and glpsol are the benchmark's peers, never the product's. Usage:
    Benchmarks/diagnose-exact.py [--towns 21 50] [--seed 1] [--limit 60]
"""
import argparse, json, os, re, subprocess, sys, tempfile, time

import highspy

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build/release/secondment")


def run(cmd, limit):
    start = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=limit + 120)
    return p, time.time() - start


def highs(path, limit, **options):
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(limit))
    for key, value in options.items():
        h.setOptionValue(key, value)
    h.readModel(path)
    start = time.time()
    h.run()
    seconds = time.time() - start
    info = h.getInfo()
    return {
        "status": h.modelStatusToString(h.getModelStatus()),
        "objective": info.objective_function_value,
        "bound": info.mip_dual_bound,
        "nodes": info.mip_node_count,
        "seconds": seconds,
    }


def glpsol(path, limit):
    # No --log: glpsol replaces the file it logs to, and /dev/null with it.
    p, seconds = run(["glpsol", "--freemps", path, "--cuts", "--tmlim", str(limit)], limit)
    out = p.stdout
    lp = re.search(r"^\*\s*\d+:\s*obj\s*=\s*([-0-9.e+]+)", out, re.M)
    root = None
    best = None
    bound = None
    nodes = None
    for line in out.splitlines():
        m = re.match(r"^[+*]\s*(\d+):\s*mip\s*=\s*(\S+)\s*>=\s*(\S+)\s*(\S+)?\s*\((\d+);\s*(\d+)\)", line.strip())
        if m:
            best = None if m.group(2) == "not" else m.group(2)
            bound = m.group(3)
            if root is None:
                root = bound
            nodes = int(m.group(5)) + int(m.group(6))
    # The last progress line: best and bound.
    last = [l for l in out.splitlines() if " mip = " in l]
    if last:
        m = re.search(r"mip\s*=\s*(\S+)\s*>=\s*(\S+)", last[-1])
        if m:
            best, bound = m.group(1), m.group(2)
    cuts = re.findall(r"Cuts on level 0: (.*)", out)
    status = "optimal" if "INTEGER OPTIMAL SOLUTION FOUND" in out else ("time limit" if "TIME LIMIT EXCEEDED" in out else "other")
    return {
        "status": status, "lp": float(lp.group(1)) if lp else None, "root bound": root, "best": best,
        "bound": bound, "nodes": nodes, "seconds": seconds, "cuts at the root": cuts[-1] if cuts else None,
    }


def project(path, limit, solver):
    p, seconds = run([BIN, "solve", path, "--solver", solver, "--time-limit", str(limit), "--quiet"], limit)
    out = p.stdout
    status = re.search(r"^Status: (\S+)", out, re.M)
    total = re.search(r"^\s+total\s+([0-9.]+)", out, re.M)
    bound = re.search(r"^\s+bound ([0-9.e+-]+)", out, re.M)
    return {
        "status": status.group(1) if status else p.stderr[-200:],
        "objective": float(total.group(1)) if total else None,
        "bound": float(bound.group(1)) if bound else None, "seconds": seconds,
    }


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--towns", type=int, nargs="+", default=[21, 50])
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--limit", type=int, default=60)
    args = a.parse_args()
    if not os.access(BIN, os.X_OK):
        subprocess.run(["swift", "build", "-c", "release", "--product", "secondment"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp()
    rows = []
    for towns in args.towns:
        instance = os.path.join(work, f"g{towns}.json")
        model = os.path.join(work, f"g{towns}.mps")
        subprocess.run(
            [BIN, "generate", "--towns", str(towns), "--people", str(5 * towns), "--departments", "9",
             "--seed", str(args.seed), "--output", instance], check=True, capture_output=True)
        subprocess.run(
            [BIN, "solve", instance, "--time-limit", "1", "--quiet", "--export-model", model],
            capture_output=True)
        row = {"towns": towns, "seed": args.seed}
        row["lp relaxation"] = highs(model, args.limit, solve_relaxation=True)["objective"]
        row["highs root"] = highs(model, args.limit, mip_max_nodes=1)
        row["highs"] = highs(model, args.limit)
        row["glpsol --cuts"] = glpsol(model, args.limit)
        row["secondment glpk"] = project(instance, args.limit, "glpk")
        row["secondment auto"] = project(instance, args.limit, "auto")
        rows.append(row)
        print(json.dumps(row, indent=1), flush=True)


if __name__ == "__main__":
    main()
