#!/usr/bin/env python3
"""Each department's fewest uncovered pairs, from its coverage alone.

For an instance file (JSON, as `secondment generate` writes), solves per
department the model of its coverage with HiGHS (highspy, one thread): an
integer count of officers per posting (stationed in a town, zoned over a
zone), at most the department's available officers in all and at most its
drivers on zones, and a binary per town with demand of the department that
is 1 only where a posting over the town has an officer. Maximising the
covered towns gives the fewest uncovered pairs the department can have,
whatever the other rules (certified and legal officers, desks) ask: a lower
bound on the uncovered-pairs term of any roster, to compare a roster's
coverage with. Prints one row per department and the total.

Usage: Benchmarks/coverage-minimum.py INSTANCE.json [--time-limit 60]
"""
import argparse, collections, json

import highspy


def minimum_uncovered(instance, department, time_limit):
    towns = [t["id"] for t in instance["towns"]]
    demand = {t["id"]: t["demand"].get(department, 0) for t in instance["towns"]}
    officers = [p for p in instance["people"]
                if p["department"] == department and p["role"] == "officer" and not p["unavailable"]]
    drivers = sum(1 for p in officers if p["drives"])
    needing = [t for t in towns if demand[t] > 0]
    zones_over = collections.defaultdict(list)
    for z in instance["zones"]:
        for t in z["towns"]:
            zones_over[t].append(z["id"])
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))
    column = {}
    for t in towns:
        column[("stationed", t)] = len(column)
    for z in instance["zones"]:
        column[("zoned", z["id"])] = len(column)
    for t in needing:
        column[("covered", t)] = len(column)
    n = len(column)
    upper = [float(len(officers))] * len(towns) + [float(drivers)] * len(instance["zones"]) + [1.0] * len(needing)
    h.addVars(n, [0.0] * n, upper)
    h.changeColsCost(n, list(range(n)), [0.0] * (n - len(needing)) + [-1.0] * len(needing))
    h.changeColsIntegrality(n, list(range(n)), [highspy.HighsVarType.kInteger] * n)
    postings = [column[("stationed", t)] for t in towns] + [column[("zoned", z["id"])] for z in instance["zones"]]
    h.addRow(-highspy.kHighsInf, float(len(officers)), len(postings), postings, [1.0] * len(postings))
    zoned = [column[("zoned", z["id"])] for z in instance["zones"]]
    h.addRow(-highspy.kHighsInf, float(drivers), len(zoned), zoned, [1.0] * len(zoned))
    for t in needing:
        over = [column[("stationed", t)]] + [column[("zoned", z)] for z in zones_over[t]]
        h.addRow(0.0, highspy.kHighsInf, len(over) + 1, [column[("covered", t)]] + over, [-1.0] + [1.0] * len(over))
    h.run()
    info = h.getInfo()
    proven = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return len(needing), len(officers), drivers, round(len(needing) + info.objective_function_value), proven


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance")
    parser.add_argument("--time-limit", type=float, default=60)
    args = parser.parse_args()
    with open(args.instance, encoding="utf-8") as f:
        instance = json.load(f)
    print("| department | pairs | officers | drivers | fewest uncovered | proven |")
    print("|---|---|---|---|---|---|")
    total = 0
    for department in instance["departments"]:
        pairs, officers, drivers, uncovered, proven = minimum_uncovered(instance, department["id"], args.time_limit)
        total += uncovered
        print(f"| {department['id']} | {pairs} | {officers} | {drivers} | {uncovered} | {'yes' if proven else 'no'} |")
    print(f"| total | | | | {total} | |")


if __name__ == "__main__":
    main()
