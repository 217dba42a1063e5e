#!/usr/bin/env python3
"""Generated districts of 21-500 towns: `secondment solve` against HiGHS at the same limits.

For each size and seed the script generates a district (`secondment generate
--towns N --people 5N --departments 9 --seed S`), solves it with `secondment
solve` in its default mode at each limit (release build; wall seconds and peak
memory of the whole command), exports the exact per-person model
(`--export-model`) and solves that with HiGHS (highspy, one thread) at the
same limits, in the same run. Both stop at the same relative gap, `--gap`
(default 0: a proof is a proof of optimality for both; HiGHS's own default
stops at 0.01%). Prints one Markdown row per district and limit:
objective, bound, gap and seconds of both, and our roster against HiGHS's
(positive: ours costs more), then a summary per size and limit: districts
proven optimal, worst gap, worst distance to the best roster either solver
found at the longest limit, slowest run and peak memory. HiGHS is the
benchmark's peer, never the product's.

Usage: Benchmarks/districts.py [--towns 21 50 100 200 500] [--seeds 1 2 3 4 5]
       [--limits 10 60] [--gap 0] [--no-highs]
"""
import argparse, importlib, os, re, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
diagnose = importlib.import_module("diagnose-exact")

ROOT = diagnose.ROOT
BIN = diagnose.BIN


def ours(path, limit, gap):
    """`solve` in its default mode: status, objective, bound, wall seconds, peak MiB."""
    mem = path + ".mem"
    start = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", mem, BIN, "solve", path,
                        "--time-limit", str(limit), "--gap", str(gap), "--quiet"],
                       capture_output=True, text=True, timeout=limit * 3 + 120)
    seconds = time.time() - start
    out = p.stdout
    status = re.search(r"^Status: (\S+)", out, re.M)
    total = re.search(r"^\s+total\s+([0-9.]+)", out, re.M)
    bound = re.search(r"^\s+bound ([0-9.e+-]+)", out, re.M)
    return {
        "status": status.group(1) if status else "none",
        "objective": float(total.group(1)) if total else None,
        "bound": float(bound.group(1)) if bound else None,
        "seconds": seconds,
        "mib": int(open(mem).read().split()[-1]) / 1024,
    }


def gap(o, b):
    return None if o is None or b is None else abs(o - b) / max(abs(o), 1e-9) * 100


def fmt(x, digits=2):
    return "-" if x is None else f"{x:.{digits}f}"


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--towns", type=int, nargs="+", default=[21, 50, 100, 200, 500])
    a.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    a.add_argument("--limits", type=float, nargs="+", default=[10, 60])
    a.add_argument("--gap", type=float, default=0.0,
                   help="relative gap at which both stop (HiGHS's mip_rel_gap, our --gap)")
    a.add_argument("--no-highs", action="store_true")
    args = a.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "secondment"], cwd=ROOT,
                   check=True, capture_output=True)
    work = tempfile.mkdtemp()
    rows = []
    print("| towns | seed | limit s | ours | ours bound | ours gap % | ours s | ours MiB | HiGHS | HiGHS bound | HiGHS gap % | HiGHS s | ours vs HiGHS % |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for towns in args.towns:
        for seed in args.seeds:
            instance = os.path.join(work, f"g{towns}-{seed}.json")
            model = os.path.join(work, f"g{towns}-{seed}.mps")
            subprocess.run([BIN, "generate", "--towns", str(towns), "--people", str(5 * towns),
                            "--departments", "9", "--seed", str(seed), "--output", instance],
                           check=True, capture_output=True)
            if not args.no_highs:
                subprocess.run([BIN, "solve", instance, "--time-limit", "1", "--quiet",
                                "--export-model", model], capture_output=True)
            for limit in args.limits:
                o = ours(instance, limit, args.gap)
                h = None if args.no_highs else diagnose.highs(model, limit, mip_rel_gap=args.gap)
                if h is not None and h["objective"] is not None and abs(h["objective"]) > 1e20:
                    h["objective"] = None  # no solution: HiGHS reports infinity
                rows.append({"towns": towns, "seed": seed, "limit": limit, "ours": o, "highs": h})
                ho = h and h["objective"]
                print(f"| {towns} | {seed} | {limit:g} | {fmt(o['objective'])} | {fmt(o['bound'])} | "
                      f"{fmt(gap(o['objective'], o['bound']), 3)} | {o['seconds']:.1f} | {o['mib']:.0f} | "
                      f"{fmt(ho)} | {fmt(h and h['bound'])} | "
                      f"{fmt(gap(ho, h and h['bound']), 3)} | {fmt(h and h['seconds'], 1)} | "
                      f"{fmt(None if o['objective'] is None or ho is None else (o['objective'] - ho) / ho * 100, 3)} |",
                      flush=True)
    print()
    print("| towns | limit s | proven (ours) | proven (HiGHS) | worst gap % (ours) | worst gap % (HiGHS) | worst vs best roster % (ours) | slowest s (ours) | peak MiB (ours) |")
    print("|---|---|---|---|---|---|---|---|---|")
    longest = max(args.limits)
    for towns in args.towns:
        best = {}
        for r in rows:
            if r["towns"] != towns:
                continue
            for x in [r["ours"]["objective"], r["highs"] and r["highs"]["objective"]]:
                if x is not None and r["limit"] == longest:
                    best[r["seed"]] = min(best.get(r["seed"], x), x)
        for limit in args.limits:
            group = [r for r in rows if r["towns"] == towns and r["limit"] == limit]
            gaps = [gap(r["ours"]["objective"], r["ours"]["bound"]) for r in group]
            hgaps = [gap(r["highs"]["objective"], r["highs"]["bound"]) for r in group if r["highs"]]
            dist = [(r["ours"]["objective"] - best[r["seed"]]) / best[r["seed"]] * 100
                    for r in group if r["ours"]["objective"] is not None and r["seed"] in best]
            worst = lambda xs: None if not xs or any(x is None for x in xs) else max(xs)
            print(f"| {towns} | {limit:g} | {sum(r['ours']['status'] == 'optimal' for r in group)}/{len(group)} | "
                  f"{'-' if args.no_highs else sum(r['highs']['status'] == 'Optimal' for r in group)}/{len(group)} | "
                  f"{fmt(worst(gaps), 3)} | {fmt(worst(hgaps), 3)} | {fmt(max(dist) if dist else None, 3)} | "
                  f"{max(r['ours']['seconds'] for r in group):.1f} | {max(r['ours']['mib'] for r in group):.0f} |")


if __name__ == "__main__":
    main()
