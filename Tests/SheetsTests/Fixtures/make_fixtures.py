#!/usr/bin/env python3
"""Writes the planner's workbooks the sheet tests read, with openpyxl.

An independent program (openpyxl, not secondment) writes them the way a
district HR office keeps its data: Chinese sheet names and headers,
departments and towns by their Chinese names (no internal ids in the
references), yes/no as 是/否, an extra sheet and an extra column that the
tool ignores. The content is Instances/rongchang-2024.json's, so the tests
can compare the two. Run from the package root:

    pip install openpyxl
    python3 Tests/SheetsTests/Fixtures/make_fixtures.py

Outputs (committed; rerun only when the fixture should change):
- rongchang-2024.xlsx: the district, people with no quotas stated (the
  staff list decides them).
- rongchang-2024-hires.xlsx: an edited copy with 10 new law graduates.
- 2025Q2-changes.xlsx: a change list for the next quarter.
- rongchang-2024-gb18030/: the same tables as CSV files in GB18030, as
  Excel on Chinese Windows saves them.
- bad-*.xlsx: workbooks with one planted mistake each.
"""
import csv
import json
import os
import shutil

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SOURCE = json.load(open(os.path.join(ROOT, "Instances", "rongchang-2024.json"), encoding="utf-8"))

TOWN = {t["id"]: t["name"] for t in SOURCE["towns"]}
DEPT = {d["id"]: d["name"] for d in SOURCE["departments"]}
ZONE = {z["id"]: z["id"] for z in SOURCE["zones"]}
YES = {True: "是", False: "否"}


def short_town(town_id, i):
    """Every third reference drops the 镇/街道 suffix, as planners do."""
    name = TOWN[town_id]
    if i % 3 == 0:
        for suffix in ("街道", "镇"):
            if name.endswith(suffix):
                return name[: -len(suffix)]
    return name


def tables(people_extra=()):
    about = [["项目", "值"], ["名称", SOURCE["name"]], ["标题", SOURCE["title"]]]
    about += [["说明", n] for n in SOURCE["notes"]]
    about += [["示意数据", n] for n in SOURCE["illustrative"]]
    departments = [["编号", "名称", "英文名称"]]
    departments += [[d["id"], d["name"], d["englishName"]] for d in SOURCE["departments"]]
    towns = [["编号", "名称", "拼音", "类型", "试点", "东", "北", "办公席位"] + [d["name"] for d in SOURCE["departments"]]]
    for t in SOURCE["towns"]:
        towns.append(
            [t["id"], t["name"], t["pinyin"], "街道" if t["kind"] == "subdistrict" else "镇", YES[t["pilot"]],
             t["x"], t["y"], t["deskCapacity"]]
            + [t["demand"].get(d["id"]) for d in SOURCE["departments"]])
    people = [["编号", "姓名", "部门", "角色", "执法证", "法律背景", "驾驶", "户籍镇街", "意向镇街", "备注"]]
    for i, p in enumerate(SOURCE["people"]):
        people.append(
            [p["id"], p["name"], DEPT[p["department"]], "执法人员" if p["role"] == "officer" else "协管员",
             YES[p["certified"]], YES[p["legal"]], YES[p["drives"]], short_town(p["homeTown"], i),
             "、".join(TOWN[t] for t in p["preferredTowns"]), ""])
    people += list(people_extra)
    zones = [["编号", "名称", "镇街"]]
    zones += [[z["id"], z["name"], "、".join(TOWN[t] for t in z["towns"])] for z in SOURCE["zones"]]
    travel = [["分钟"] + [TOWN[t] for t in SOURCE["travel"]["towns"]]]
    for t, row in zip(SOURCE["travel"]["towns"], SOURCE["travel"]["minutes"]):
        travel.append([TOWN[t]] + row)
    policy = [["项目", "值"]]
    chinese = {"avoidance": "回避", "minCertifiedPerTown": "每镇街最少持证人员", "zoneTravelOverhead": "包片路途损耗"}
    for key, value in sorted(SOURCE["policy"].items()):
        if isinstance(value, dict):
            for inner, v in sorted(value.items()):
                policy.append([f"{key}.{inner}", v])
        else:
            policy.append([chinese.get(key, key), YES[value] if isinstance(value, bool) else value])
    return [("基本信息", about), ("部门", departments), ("镇街", towns), ("人员", people), ("片区", zones),
            ("路程", travel), ("政策", policy)]


def write_book(name, sheets, extra=True):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    if extra:
        note = book.create_sheet("填表说明")
        note.append(["本表由人事科维护"])
    book.save(os.path.join(HERE, name))


HIRES = [
    ("张明远", "交通运输局", "昌元街道", "是"), ("李思琪", "交通运输局", "双河", "是"),
    ("王浩然", "市场监督管理局", "峰高街道", "是"), ("赵雨萱", "市场监督管理局", "安富", "否"),
    ("陈子涵", "生态环境局", "清升镇", "是"), ("刘一鸣", "城市管理局", "铜鼓", "是"),
    ("孙佳怡", "农业农村委员会", "清江镇", "否"), ("周俊杰", "应急管理局", "直升镇", "是"),
    ("吴欣然", "规划和自然资源局", "荣隆", "是"), ("郑博文", "卫生健康委员会", "古昌镇", "是"),
]


def main():
    write_book("rongchang-2024.xlsx", tables())
    hires = [[f"hire-{i + 1:02d}", name, dept, "执法人员", "是", "是", drives, home, "", "法学专业应届生"]
             for i, (name, dept, home, drives) in enumerate(HIRES)]
    write_book("rongchang-2024-hires.xlsx", tables(hires))

    changes = [["人员", "变动", "姓名", "部门", "角色", "执法证", "法律背景", "驾驶", "户籍镇街", "岗位", "镇街", "当量"]]
    people = SOURCE["people"]
    changes.append([people[3]["name"], "离开"] + [""] * 10)
    changes.append([people[20]["name"], "休假"] + [""] * 10)
    changes.append([people[40]["id"], "固定", "", "", "", "", "", "", "", "派驻:" + TOWN["anfu"], "", ""])
    changes.append(["hire-q2-01", "加入", "黄子轩", "交通运输局", "执法人员", "是", "是", "是", "吴家镇", "", "", ""])
    changes.append(["", "需求", "", "市场监督管理局", "", "", "", "", "", "", "安富街道", 2.5])
    write_book("2025Q2-changes.xlsx", [("变动", changes)], extra=False)

    folder = os.path.join(HERE, "rongchang-2024-gb18030")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for title, rows in tables():
        with open(os.path.join(folder, title + ".csv"), "w", encoding="gb18030", newline="") as f:
            csv.writer(f).writerows([["" if c is None else c for c in row] for row in rows])

    # One planted mistake each; the tests assert the file, sheet, row and column.
    sheets = tables()
    people = dict(sheets)["人员"]
    people[5][2] = "交通局办公室"  # row 6, column C: unknown department
    write_book("bad-department.xlsx", sheets)
    sheets = tables()
    dict(sheets)["镇街"][3][7] = "很多"  # row 4, column H: desks not a number
    write_book("bad-desks.xlsx", sheets)
    sheets = tables()
    dict(sheets)["人员"][9][3] = "科长"  # row 10, column D: not a role
    write_book("bad-role.xlsx", sheets)
    sheets = tables()
    dict(sheets)["人员"][12][7] = "清"  # row 13, column H: 清升镇, 清江镇 and 清流镇 all start with 清
    write_book("bad-unknown-home.xlsx", sheets)
    sheets = [s for s in tables() if s[0] != "镇街"]
    write_book("bad-no-towns.xlsx", sheets)


if __name__ == "__main__":
    main()
