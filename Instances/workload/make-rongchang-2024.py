#!/usr/bin/env python3
"""Writes the illustrative Rongchang 2024 item catalogue and workload.

The report's figures (27 statutory + 58 delegated + 77 entrusted items,
7,756 invocations of delegated items, 704 penalty cases closed, 265 joint
inspections in 15 inspect-once scenarios) are met exactly; everything else
is made up so that `secondment demand` derives the baseline's demand
(Instances/rongchang-2024.json) from it: every (town, department) with demand
D gets (D - basePresenceFTE) x hoursPerFTE working hours of records.

Run from the repository root: python3 Instances/workload/make-rongchang-2024.py
"""
import csv, json, random

BASE, HOURS_PER_FTE = 0.25, 1760
instance = json.load(open("Instances/rongchang-2024.json"))
rng = random.Random(2024)
departments = [d["id"] for d in instance["departments"]]
dept_name = {d["id"]: d["name"] for d in instance["departments"]}
towns = instance["towns"]
pairs = [(t["id"], d) for t in towns for d in departments if t["demand"].get(d, 0) > 0]
target = {(t["id"], d): (t["demand"][d] - BASE) * HOURS_PER_FTE for t in towns for d in t["demand"]}

TOPICS = {
    "market": ["无照经营", "食品经营", "价格违法", "计量器具", "广告发布", "产品质量", "特种设备", "商标侵权", "合同欺诈", "网络交易"],
    "ecology": ["大气污染", "水污染", "噪声污染", "固体废物", "餐饮油烟", "危险废物", "排污许可", "环评违法", "秸秆焚烧", "畜禽养殖污染"],
    "transport": ["非法营运", "超限运输", "道路占用", "客运站管理", "出租汽车", "驾培机构", "水路运输", "公路路政", "货运源头", "汽车维修"],
    "agriculture": ["农药经营", "种子经营", "兽药使用", "动物防疫", "渔业捕捞", "农机安全", "肥料质量", "屠宰管理", "耕地保护", "农产品质量"],
    "urban": ["占道经营", "违法建设", "户外广告", "市容环境", "渣土运输", "园林绿化", "燃气安全", "生活垃圾", "城市道路", "排水管网"],
    "planning": ["违法占地", "非法采矿", "规划许可", "土地复垦", "测绘标志", "地质灾害", "矿产开采", "临时用地", "不动产登记", "林地保护"],
    "emergency": ["安全生产", "危险化学品", "烟花爆竹", "消防安全", "有限空间", "隐患排查", "应急预案", "工贸企业", "非煤矿山", "安全培训"],
    "culture": ["网吧经营", "娱乐场所", "出版物", "文物保护", "旅游市场", "演出活动", "广播电视", "文化市场", "民宿经营", "景区管理"],
    "health": ["公共场所卫生", "生活饮用水", "医疗机构", "职业卫生", "传染病防治", "学校卫生", "控烟", "母婴保健", "放射卫生", "消毒产品"],
}
ACTIONS = {"statutory": "行政处罚", "delegated": "行政检查", "entrusted": "行政强制"}
PER_DEPT = {"statutory": [3] * 9, "delegated": [7, 7, 7, 7, 6, 6, 6, 6, 6], "entrusted": [9, 9, 9, 9, 9, 8, 8, 8, 8]}
PREFIX = {"statutory": "S", "delegated": "D", "entrusted": "E"}
HOURS = {"statutory": [1.0, 1.5, 2.0], "delegated": [0.5, 1.0, 1.5, 2.0], "entrusted": [0.5, 1.0, 1.5]}
CASE_HOURS = [6, 8, 12, 16]

items = []  # dicts
by_dept = {c: {d: [] for d in departments} for c in PER_DEPT}
for category, counts in PER_DEPT.items():
    n = 0
    for d, count in zip(departments, counts):
        topics = TOPICS[d][:]
        rng.shuffle(topics)
        for k in range(count):
            n += 1
            item = {
                "id": f"{PREFIX[category]}{n:02d}",
                "name": f"{topics[k % len(topics)]}{ACTIONS[category] if k < len(topics) else '协助'}",
                "category": category, "departments": [d],
                "inv": 1.0 if (category == "statutory" and k == 0) else rng.choice(HOURS[category]),
                "case": rng.choice(CASE_HOURS) if category != "entrusted" else 0,
                "insp": 0, "certified": category != "entrusted",
            }
            items.append(item)
            by_dept[category][d].append(item)
assert [sum(PER_DEPT[c]) for c in PER_DEPT] == [27, 58, 77]

SCENARIOS = [
    ("沿街商铺", ["market", "urban", "emergency"]), ("餐饮店", ["market", "ecology", "emergency"]),
    ("建筑工地", ["urban", "planning", "emergency"]), ("农家乐", ["agriculture", "market"]),
    ("养殖场", ["agriculture", "ecology"]), ("加油站", ["emergency", "market", "transport"]),
    ("娱乐场所", ["culture", "emergency"]), ("客运站", ["transport", "emergency"]),
    ("农资店", ["agriculture", "market"]), ("食品小作坊", ["market", "health"]),
    ("汽修厂", ["transport", "ecology"]), ("民宿", ["culture", "market"]),
    ("废品回收站", ["urban", "ecology"]), ("采砂场", ["planning", "ecology", "transport"]),
    ("学校周边", ["market", "health", "urban"]),
]
plans = []  # (scenario item, town)
for k, (name, depts) in enumerate(SCENARIOS, 1):
    item = {"id": f"J{k:02d}", "name": name, "category": "joint", "departments": depts,
            "inv": 0, "case": 0, "insp": 3.0, "certified": False}
    items.append(item)
    fits = [t["id"] for t in towns if all(t["demand"].get(d, 0) > 0 for d in depts)]
    assert fits, name
    for town in rng.sample(fits, min(len(fits), rng.randint(2, 4))):
        plans.append((item, town))

def spread(total, weights):
    """total split in proportion to weights, largest remainders last (whole numbers)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out

records = {}  # (town, item id) -> [inv, cases, insp]
hours = {p: 0.0 for p in pairs}
def add(town, item, inv=0, cases=0, insp=0):
    r = records.setdefault((town, item["id"]), [0, 0, 0])
    r[0] += inv; r[1] += cases; r[2] += insp
    for d in item["departments"]:
        hours[(town, d)] += inv * item["inv"] + cases * item["case"] + insp * item["insp"]

for (item, town), n in zip(plans, spread(265, [rng.randint(2, 8) for _ in plans])):
    add(town, item, insp=n)
weights = [target[p] for p in pairs]
for p, n in zip(pairs, spread(7756, weights)):
    for item, k in zip(by_dept["delegated"][p[1]], spread(n, [rng.random() + 0.2 for _ in by_dept["delegated"][p[1]]])):
        if k: add(p[0], item, inv=k)
for p, n in zip(pairs, spread(704, weights)):
    pool = by_dept["statutory"][p[1]] + by_dept["delegated"][p[1]]
    for item, k in zip(pool, spread(n, [rng.random() + 0.2 for _ in pool])):
        if k: add(p[0], item, cases=k)
for p in pairs:
    pool = by_dept["entrusted"][p[1]]
    n = int(target[p] * 0.08)
    for item, k in zip(pool, spread(n, [rng.random() + 0.2 for _ in pool])):
        if k: add(p[0], item, inv=k)
for p in pairs:  # statutory invocations fill the rest; the first item takes 1 hour each
    left = target[p] - hours[p]
    assert left > 100, (p, left)
    first, *others = by_dept["statutory"][p[1]]
    for item in others:
        k = int(left * rng.uniform(0.2, 0.35) / item["inv"])
        add(p[0], item, inv=k)
    add(p[0], first, inv=round(target[p] - hours[p]))
    assert abs(hours[p] - target[p]) <= 0.5, p

town_name = {t["id"]: t["name"] for t in towns}
order = {item["id"]: i for i, item in enumerate(items)}
with open("Instances/workload/rongchang-2024-items.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["事项编号", "事项名称", "类别", "部门", "每次办理工时", "每件案件工时", "每次检查工时", "需持证"])
    zh = {"statutory": "法定", "delegated": "赋权", "entrusted": "委托", "joint": "综合查一次"}
    for item in items:
        w.writerow([item["id"], item["name"], zh[item["category"]], "、".join(dept_name[d] for d in item["departments"]),
                    f"{item['inv']:g}", f"{item['case']:g}", f"{item['insp']:g}", "是" if item["certified"] else "否"])
with open("Instances/workload/rongchang-2024-workload.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["镇街", "事项", "办理次数", "办结案件", "检查次数"])
    town_order = {t["id"]: i for i, t in enumerate(towns)}
    for (town, item), (inv, cases, insp) in sorted(records.items(), key=lambda kv: (town_order[kv[0][0]], order[kv[0][1]])):
        w.writerow([town_name[town], item, inv, cases, insp])
print(len(items), "catalogue entries,", len(records), "records")
