#!/usr/bin/env python3
"""Large GAP instances of types C, D and E: this project against HiGHS at one limit.

Generates one instance per type and size with `secondment gap-generate`
(rules in Instances/gap/README.md), solves each with `secondment gap` in its
default mode and, in the same run, builds the same model for HiGHS (highspy,
one thread, default options otherwise) with the same time limit. Prints one
Markdown row per instance (objective, bound, seconds of both; the distance of
ours to the better of the two objectives and to the better of the two bounds)
and a summary per type: instances with a solution, mean objective, mean
distance, slowest run. Everything is minimised, as the literature solves
these types. HiGHS is the benchmark's peer, never the product's.

With --files, the instances of minimised OR-Library files (gapa-gapd)
instead, with proofs and total seconds in the summary.

With --peer cpsat, CP-SAT (OR-Tools, one worker) is the peer instead of
HiGHS; with --sense max, everything is maximised (gap1-12's canonical
sense), and a positive distance is still the worse side.

Usage: Benchmarks/gap-large.py [--limit 10] [--types c d e] [--seed 1]
       [--sizes 10x400 20x400 ...] [--solver auto|glpk|greedy] [--no-highs]
       [--peer highs|cpsat] [--sense min|max] [--files Instances/gap/gapb.txt ...]
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, os.environ.get("SCRATCH", ".build"), "release/secondment")
SIZES = ["10x400", "20x400", "40x400", "15x900", "30x900", "60x900", "20x1600", "40x1600", "80x1600"]


def read_gap(path):
    """The instances of an OR-Library file, each (m, n, cost, resource, capacity)."""
    tokens = [int(t) for t in open(path).read().split()]
    instances, k = [], 1
    for _ in range(tokens[0]):
        m, n = tokens[k], tokens[k + 1]
        k += 2
        cost = [tokens[k + i * n:k + (i + 1) * n] for i in range(m)]
        k += m * n
        resource = [tokens[k + i * n:k + (i + 1) * n] for i in range(m)]
        k += m * n
        instances.append((m, n, cost, resource, tokens[k:k + m]))
        k += m
    return instances


def highs(instance, limit, sense):
    import highspy, numpy as np
    m, n, cost, resource, capacity = instance
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(limit))
    start = time.time()
    lp = highspy.HighsLp()
    cols = m * n  # column i * n + j is x[i][j]
    lp.num_col_ = cols
    lp.num_row_ = n + m
    lp.col_cost_ = np.array([c for row in cost for c in row], dtype=float)
    lp.col_lower_ = np.zeros(cols)
    lp.col_upper_ = np.ones(cols)
    lp.row_lower_ = np.array([1.0] * n + [-highspy.kHighsInf] * m)
    lp.row_upper_ = np.array([1.0] * n + [float(b) for b in capacity])
    starts, index, value = [], [], []
    for i in range(m):
        for j in range(n):
            starts.append(len(index))
            index += [j, n + i]
            value += [1.0, float(resource[i][j])]
    starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * cols
    if sense == "max":
        lp.sense_ = highspy.ObjSense.kMaximize
    h.passModel(lp)
    h.run()
    seconds = time.time() - start
    info = h.getInfo()
    has = info.primal_solution_status == 2
    return {
        "objective": info.objective_function_value if has else None,
        "bound": info.mip_dual_bound,
        "status": h.modelStatusToString(h.getModelStatus()),
        "seconds": seconds,
    }


def cpsat(instance, limit, sense):
    """CP-SAT (OR-Tools) with one worker on the same model."""
    from ortools.sat.python import cp_model
    m, n, cost, resource, capacity = instance
    start = time.time()
    model = cp_model.CpModel()
    x = [[model.NewBoolVar(f"x{i}_{j}") for j in range(n)] for i in range(m)]
    for j in range(n):
        model.AddExactlyOne(x[i][j] for i in range(m))
    for i in range(m):
        model.Add(sum(resource[i][j] * x[i][j] for j in range(n)) <= capacity[i])
    objective = sum(cost[i][j] * x[i][j] for i in range(m) for j in range(n))
    model.Maximize(objective) if sense == "max" else model.Minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = float(limit)
    status = solver.Solve(model)
    seconds = time.time() - start
    has = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return {
        "objective": solver.ObjectiveValue() if has else None,
        "bound": solver.BestObjectiveBound() if has else None,
        "status": "Optimal" if status == cp_model.OPTIMAL else solver.StatusName(status),
        "seconds": seconds,
    }


def ours(path, limit, solver, sense):
    cmd = [BIN, "gap", path, "--sense", sense, "--time-limit", str(limit), "--format", "json"]
    if solver != "auto":
        cmd += ["--solver", solver]
    start = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=limit * 5 + 60)
    wall = time.time() - start
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr}")
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    for row in rows:
        # One instance: the whole command's wall seconds; several: each one's own.
        row["wall"] = wall if len(rows) == 1 else row["seconds"]
    return rows


SIGN = 1  # -1 when maximising: a positive distance is always worse


def pct(x, ref):
    return None if x is None or ref is None else SIGN * (x - ref) / abs(ref) * 100


def fmt(x, digits=2):
    return "-" if x is None else f"{x:.{digits}f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=float, default=10)
    ap.add_argument("--types", nargs="+", default=["c", "d", "e"])
    ap.add_argument("--sizes", nargs="+", default=SIZES)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--solver", default="auto")
    ap.add_argument("--no-highs", action="store_true", help="run no peer")
    ap.add_argument("--peer", choices=["highs", "cpsat"], default="highs",
                    help="HiGHS (one thread) or CP-SAT (one worker)")
    ap.add_argument("--sense", choices=["min", "max"], default="min",
                    help="min (gapa-d, types C-E) or max (gap1-12's canonical sense)")
    ap.add_argument("--files", nargs="*", default=[],
                    help="OR-Library files (e.g. Instances/gap/gapb.txt) instead of generated instances")
    args = ap.parse_args()
    global SIGN
    SIGN = -1 if args.sense == "max" else 1
    subprocess.run(["swift", "build", "-c", "release", "--product", "secondment",
                    "--scratch-path", os.path.join(ROOT, os.environ.get("SCRATCH", ".build"))],
                   cwd=ROOT, check=True, capture_output=True)
    work = tempfile.mkdtemp()
    rows = []
    peer_name = "HiGHS" if args.peer == "highs" else "CP-SAT"
    peer = highs if args.peer == "highs" else cpsat
    pick = max if args.sense == "max" else min
    print(f"| instance | ours | ours bound | ours s | {peer_name} | {peer_name} bound | {peer_name} s "
          f"| ours vs best % | ours vs {peer_name} % |")
    print("|---|---|---|---|---|---|---|---|---|")
    jobs = []  # (type or file label, path)
    for f in args.files:
        jobs.append((os.path.basename(f).removesuffix(".txt"), os.path.abspath(f)))
    for t in ([] if args.files else args.types):
        for size in args.sizes:
            m, n = (int(x) for x in size.split("x"))
            path = os.path.join(work, f"{t}{m}{n}.txt")
            subprocess.run([BIN, "gap-generate", "--type", t, "--agents", str(m), "--jobs", str(n),
                            "--seed", str(args.seed), "--output", path], check=True, capture_output=True)
            jobs.append((t, path))
    for t, path in jobs:
        instances = read_gap(path)
        for k, o in enumerate(ours(path, args.limit, args.solver, args.sense)):
            name = o["name"] if args.files else os.path.basename(path).removesuffix(".txt")
            hi = None if args.no_highs else peer(instances[k], args.limit, args.sense)
            objs = [x for x in [o["objective"], hi and hi["objective"]] if x is not None]
            best = pick(objs) if objs else None
            row = {"type": t, "name": name, "ours": o, "highs": hi, "best": best}
            rows.append(row)
            print(f"| {name} | {fmt(o['objective'], 0)} | {fmt(o['bound'], 1)} | {o['wall']:.1f} | "
                  f"{fmt(hi and hi['objective'], 0)} | {fmt(hi and hi['bound'], 1)} | "
                  f"{fmt(hi and hi['seconds'], 1)} | {fmt(pct(o['objective'], best), 3)} | "
                  f"{fmt(pct(o['objective'], hi and hi['objective']), 3)} |", flush=True)
    print()
    print(f"| type | instances | ours with solution | {peer_name} with solution | ours proven | {peer_name} proven "
          f"| ours mean objective | {peer_name} mean objective | ours total s | {peer_name} total s "
          f"| ours slowest s | {peer_name} slowest s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for t in dict.fromkeys(r["type"] for r in rows):
        group = [r for r in rows if r["type"] == t]
        ours_objs = [r["ours"]["objective"] for r in group]
        highs_objs = [r["highs"] and r["highs"]["objective"] for r in group]
        both = all(x is not None for x in ours_objs + highs_objs)
        mean = lambda xs: statistics.mean(xs) if all(x is not None for x in xs) and xs else None
        print(f"| {t.upper()} | {len(group)} | {sum(x is not None for x in ours_objs)} | "
              f"{sum(x is not None for x in highs_objs)} | "
              f"{sum(r['ours']['status'] == 'optimal' for r in group)} | "
              f"{sum(bool(r['highs']) and r['highs']['status'] == 'Optimal' for r in group)} | "
              f"{fmt(mean(ours_objs), 1)} | "
              f"{fmt(mean(highs_objs) if both or args.no_highs else None, 1)} | "
              f"{sum(r['ours']['wall'] for r in group):.1f} | "
              f"{sum(r['highs']['seconds'] for r in group if r['highs']):.1f} | "
              f"{max(r['ours']['wall'] for r in group):.1f} | "
              f"{fmt(max((r['highs']['seconds'] for r in group if r['highs']), default=None), 1)} |")


if __name__ == "__main__":
    main()
