"""A deterministic synthetic register of any size, for the scale benchmarks (issue 12).

The same seed and size always give the same bytes, so figures taken on different days compare.
Projects look like an office's: Chinese titles and scopes, a team with a leader, mentors, a leading
official and members from several units, four to six milestones (some done, some revised, some
late), indicators with dated readings, monthly updates (some asking for coordination) and reviews
with actions. A project file is about 2.4 KB, as the issue measures; people are one per five
projects. The register is valid; `--plant N` puts N known errors into it and writes the list of
(file, code) that `validate` must report to `planted.json` beside the register.

    python benchmarks/synth.py OUT --projects 10000 [--seed 1] [--plant 20] [--programmes 1]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

CATEGORIES = (
    ("industry", "产业", "建设现代产业体系"),
    ("city", "名城", "打造品质滨水名城"),
    ("governance", "治理", "提升社会治理效能"),
    ("livelihood", "民生", "持续增进民生福祉"),
    ("party", "党建", "树立基层党建旗帜"),
    ("legacy", "遗留", "解决历史遗留问题"),
)
ACTIONS = ("推进", "打造", "创建", "完善", "开展", "探索", "加快", "提升", "整治", "盘活")
OBJECTS = (
    "农贸市场立体停车场", "老旧小区改造", "垃圾分类标杆小区", "共享单车管理示范点", "内河涌环境整治",
    "流动党员服务新模式", "公有资产物业", "龙头企业招商引资", "特色民宿", "交通拥堵点改造",
    "青少年家庭教育关爱", "历史挂靠集体产权登记", "智慧社区平台", "工业园区升级", "滨水绿道",
)  # fmt: skip
PLACES = ("东部片区", "中心城区主干道", "容新社区", "华口社区", "南区工业区", "细滘大涌", "桂洲大道", "高黎社区")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰建国志红文斌"
UNITS = (
    "城建办", "经济促进局", "社会工作局", "党建办", "综治办", "交通办", "市场所", "文体中心", "环运局",
    "国土城建局", "卫生健康局", "教育局", "财政局", "住建局", "农业农村局", "应急管理局",
)  # fmt: skip
MILESTONES = ("方案定稿", "完成选址", "资金落实", "场地移交", "工程施工", "中期评估", "试运行", "总结验收")
SUMMARIES = ("完成前期调研", "召开协调会", "方案报审", "施工进度过半", "专家论证通过", "群众意见征集", "资金到位")
NEEDS = ("协调用地指标", "请求资金支持", "协调部门会审", "协调场地移交")
START = date(2025, 2, 24)
AS_OF = date(2025, 8, 3)  # mid-programme: a mix of green, amber and red


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _people(rng: random.Random, count: int) -> str:
    lines = ["schema_version: 1", "people:"]
    for i in range(1, count + 1):
        lines += [f"  - id: P{i:05d}", f"    name: {_name(rng)}{i}", f"    post: {rng.choice(UNITS)}干部"]
        lines.append("    visibility: internal")
    return "\n".join(lines) + "\n"


def _units() -> str:
    lines = ["schema_version: 1", "units:"]
    for i, name in enumerate(UNITS, 1):
        lines += [f"  - id: U{i:03d}", f"    name: {name}", "    kind: department"]
    return "\n".join(lines) + "\n"


def _programme(pid: str, projects: int, index: int) -> str:
    cats = "".join(
        f"  - number: {n}\n    key: {key}\n    short: {short}\n    name: {name}\n"
        for n, (key, short, name) in enumerate(CATEGORIES, 1)
    )
    return (
        "schema_version: 1\n"
        f"id: {pid}\n"
        f"name: 合成测试专项（第{index}批，虚构）\n"
        "kind: government\nlevel: 区\nregion: 测试市（虚构）\norganiser: 测试发榜单位（虚构）\n"
        f"batch: {index}\nlaunched_on: {START.isoformat()}\nends_on: 2026-02-28\n"
        f"declared:\n  categories: {len(CATEGORIES)}\n  projects: {projects}\n"
        f"categories:\n{cats}"
        "settings:\n  review_cadence_days: 30\n  update_cadence_days: 30\n"
    )


def _day(offset: int) -> str:
    return (START + timedelta(days=offset)).isoformat()


def _project(rng: random.Random, number: int, people: int) -> str:
    """One project file; the randomness is drawn in a fixed order so a size change never moves others."""

    def person() -> str:
        return f"P{rng.randint(1, people):05d}"

    category = rng.randint(1, len(CATEGORIES))
    title = f"{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}"
    place = rng.choice(PLACES)
    leader, mentor, official = person(), person(), person()
    members = [f"P{n:05d}" for n in rng.sample(range(1, people + 1), 5)]
    members = [m for m in members if m not in {leader, mentor, official}][: rng.randint(2, 4)]
    status = rng.choices(("active", "assigned", "done"), weights=(80, 10, 10))[0]
    out = [
        "schema_version: 1",
        f"number: {number}",
        f"category: {category}",
        f"title: {title}（{number}号）",
        f"title_full: {title}（{number}号）({place})",
        f"scope: {place}",
        f"tier: {rng.choice(('key', 'normal'))}",
        f"goal: {rng.choice(SUMMARIES)}，年底前见成效",
        f"start_on: {_day(5)}",
        "due_on: 2025-12-31",
        f"lead_unit: {rng.choice(UNITS)}",
        f"co_units: [{', '.join(rng.sample(UNITS, 2))}]",
        "task_order:",
        f"  issued_on: {_day(0)}",
        "  issued_by: 区领导",
        f"  doc_no: 测任〔2025〕{number}号",
        f"status: {status}",
        "status_history:",
        f"  - {{to: assigned, on: {_day(0)}, by_role: office, reason: 颁发任务令}}",
    ]
    if status != "assigned":
        out.append(f"  - {{from: assigned, to: active, on: {_day(5)}, by_role: leader, by: {leader}}}")
    if status == "done":
        out.append(f"  - {{from: active, to: review, on: {_day(290)}, by_role: leader, by: {leader}}}")
        out.append(f"  - {{from: review, to: done, on: {_day(300)}, by_role: office, reason: 通过验收}}")
    out += [
        "teams:",
        "  - id: T1",
        f"    leader: {leader}",
        f"    mentors: [{mentor}]",
        f"    lead_officials: [{official}]",
        "    members:",
    ]
    out += [f"      - {{person: {m}, unit: {rng.choice(UNITS)}}}" for m in members]
    out.append("milestones:")
    count = rng.randint(4, 6)
    for i in range(1, count + 1):
        due = 40 + i * 50
        line = f"  - {{id: M{i}, title: {MILESTONES[(i + number) % len(MILESTONES)]}, due_on: {_day(due)}"
        state = "done" if status == "done" or (due < 200 and rng.random() < 0.8) else "planned"
        if state == "done":
            line += f", status: done, done_on: {_day(due - rng.randint(0, 10))}"
        elif due < 310 and rng.random() < 0.5:
            line += f", status: in_progress, percent: {rng.choice((20, 40, 60, 80))}"
        else:
            line += ", status: planned"
        out.append(line + "}")
    out += [
        "indicators:",
        "  - id: I1",
        f"    name: {rng.choice(('新增车位', '改造户数', '服务人次', '招商金额'))}",
        f"    unit: {rng.choice(('个', '户', '人次', '万元'))}",
        "    aggregation: sum",
        "    direction: increase",
        "    baseline: 0",
        f"    target: {rng.randint(10, 50) * 10}",
        "    actuals:",
    ]
    out += [f"      - {{on: {_day(60 * k)}, value: {rng.randint(5, 60)}}}" for k in range(1, rng.randint(2, 4))]
    out.append("updates:")
    for month in range(1, rng.randint(5, 8)):
        line = f"  - {{date: {_day(30 * month - 2)}, author: {leader}, summary: {rng.choice(SUMMARIES)}"
        if rng.random() < 0.15:
            line += f", needs_coordination: [{rng.choice(NEEDS)}]"
        out.append(line + "}")
    out.append("reviews:")
    for month in range(1, rng.randint(4, 6)):
        line = f"  - {{date: {_day(30 * month)}, reviewer: {mentor}, kind: monthly"
        if rng.random() < 0.3:
            line += f", actions: [{{text: {rng.choice(NEEDS)}, owner: {leader}, due_on: {_day(30 * month + 20)}}}]"
        out.append(line + "}")
    return "\n".join(out) + "\n"


# A planted error: (what is written into a valid project file, the code `validate` must report).
PLANTS = (
    (lambda text: text.replace("status: ", "status: unknown_", 1), "schema.enum"),
    (
        lambda text: text.replace("schema_version: 1\n", "schema_version: 1\nnot_a_field: 1\n", 1),
        "schema.unknown-field",
    ),
    (lambda text: text.replace("    leader: P", "    leader: X", 1), "ref.person"),
    (lambda text: text.replace("category: ", "category: 9", 1), "ref.category"),
    (lambda text: text + "title: 重复的标题\n", "yaml.duplicate-key"),
)


def generate(out: Path, projects: int, *, seed: int = 1, plant: int = 0, programmes: int = 1) -> list[dict[str, str]]:
    """Write the register to `out` (replaced) and return the planted errors."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    people = max(10, projects // 5)
    (out / "programmes").mkdir(parents=True)
    (out / "people.yaml").write_text(_people(rng, people), encoding="utf-8")
    (out / "units.yaml").write_text(_units(), encoding="utf-8")
    per = -(-projects // programmes)
    files: list[Path] = []
    for index in range(1, programmes + 1):
        pid = f"synth-{index:03d}"
        folder = out / "programmes" / pid / "projects"
        folder.mkdir(parents=True)
        size = min(per, projects - per * (index - 1))
        (folder.parent / "programme.yaml").write_text(_programme(pid, size, index), encoding="utf-8")
        width = len(str(size))
        for number in range(1, size + 1):
            path = folder / f"{number:0{width}d}.yaml"
            path.write_text(_project(rng, number, people), encoding="utf-8", newline="\n")
            files.append(path)
    planted = []
    for k, path in enumerate(rng.sample(files, min(plant, len(files)))):
        change, code = PLANTS[k % len(PLANTS)]
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8", newline="\n")
        planted.append({"file": path.relative_to(out).as_posix(), "code": code})
    if planted:
        (out.parent / "planted.json").write_text(json.dumps(planted, ensure_ascii=False, indent=1), encoding="utf-8")
    return planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="register folder to (re)create")
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plant", type=int, default=0, help="known errors to plant (listed in planted.json)")
    parser.add_argument("--programmes", type=int, default=1, help="spread the projects over this many programmes")
    args = parser.parse_args()
    planted = generate(args.out, args.projects, seed=args.seed, plant=args.plant, programmes=args.programmes)
    size = sum(p.stat().st_size for p in args.out.rglob("*.yaml"))
    print(f"{args.projects} projects, {size / 1e6:.1f} MB in {args.out}; {len(planted)} planted errors")


if __name__ == "__main__":
    main()
