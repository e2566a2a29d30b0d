"""Independent check of `icpc audit`: generates closed deals with a known rubric, computes
every figure here (scikit-learn's roc_auc_score, statsmodels' Wilson interval, plain Python
for WoE, IV and KS), runs `icpc audit --format json` on the same file and compares: counts
exactly, floats to 1e-9.

usage: audit_oracle.py ICPC WORKDIR [SEED]
"""
import json
import math
import random
import subprocess
import sys
from fractions import Fraction

from sklearn.metrics import roc_auc_score
from statsmodels.stats.proportion import proportion_confint

ICP = """schema accounts {
  employees: int from "Employees"
  industry: enum [saas, fintech, retail, services] from "Industry"
  sso: bool from "Uses SSO"
  country: enum [us, de, fr, xx] from "Country"
}

icp midmarket "Mid-market software buyers" {
  uses accounts
  owner "revops@example.com"
  reviewed 2026-11-01
  refresh quarterly

  firmographics {
    employees in 200..2000
    industry in [saas, fintech]
  }

  disqualify {
    country in [xx] because "Sanctioned"
    employees < 10 because "Too small to buy"
  }

  rubric {
    rule size +3 "Mid-market headcount" : employees in 200..2000
    rule vertical +2 "Software verticals" : industry in [saas, fintech]
    rule sso +1 "Has SSO" : sso
    rule retail -1 "Retail churns" : industry in [retail]

    tier elite when score >= 6
    tier a when score >= 4
    tier b when score >= 2
    tier c otherwise
  }
}
"""

RULES = [("size", 3), ("vertical", 2), ("sso", 1), ("retail", -1)]
TIERS = [("elite", 6), ("a", 4), ("b", 2), ("c", None)]
DISQ = ["country in [xx]", "employees < 10"]
WON = {"won", "closed won", "true", "yes", "1"}
LOST = {"lost", "closed lost", "false", "no", "0"}


def generate(rng, n):
    rows = []
    for i in range(n):
        emp = rng.choice(["", str(rng.randint(1, 5000)), str(rng.randint(200, 2000))])
        ind = rng.choice(["saas", "fintech", "retail", "services", "", "SaaS"])
        sso = rng.choice(["true", "false", "", "yes"])
        country = rng.choice(["us", "de", "fr", "xx", "", "us"])
        rows.append({"Name": f"acct{i}", "Employees": emp, "Industry": ind,
                     "Uses SSO": sso, "Country": country})
    return rows


def truth(row):
    """Three-valued truth of each rule and disqualifier: True, False or None (unknown)."""
    emp = int(row["Employees"]) if row["Employees"] else None
    ind = row["Industry"].lower() or None
    sso = {"true": True, "yes": True, "false": False}.get(row["Uses SSO"])
    country = row["Country"] or None
    size = None if emp is None else 200 <= emp <= 2000
    vertical = None if ind is None else ind in ("saas", "fintech")
    retail = None if ind is None else ind == "retail"
    rules = [size, vertical, sso, retail]
    disq = [None if country is None else country == "xx", None if emp is None else emp < 10]
    return rules, disq


def min_score(rules):
    s = 0
    for (name, w), t in zip(RULES, rules):
        if t is True:
            s += w
        elif t is None:
            s += min(w, 0)
    return s


def tier_of(score):
    for name, thr in TIERS:
        if thr is None or score >= thr:
            return name
    return None


def plant_outcome(rng, score, disq):
    # Won more often at higher scores, so the rubric separates; elite accounts are left open
    # (a tier with no closed deals).
    if score >= 6:
        return rng.choice(["In progress", ""])
    p = 0.15 + 0.12 * score - (0.1 if any(d is True for d in disq) else 0)
    r = rng.random()
    if r < 0.06:
        return rng.choice(["Negotiation", "open", ""])
    won = rng.random() < p
    return rng.choice(["Won", "closed won", "YES"]) if won else rng.choice(["Lost", "Closed Lost", "no"])


def wilson(w, l):
    if w + l == 0:
        return None, None
    return proportion_confint(w, w + l, alpha=0.05, method="wilson")


def woe(a_part, a, b_part, b):
    return math.log(((a_part + 0.5) / (a + 1)) / ((b_part + 0.5) / (b + 1)))


def main():
    icpc, work = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    rng = random.Random(seed)
    rows = generate(rng, 3000)
    header = ["Name", "Employees", "Industry", "Uses SSO", "Country", "Stage"]
    lines = [",".join(header)]
    records = []
    for i, row in enumerate(rows):
        rules, disq = truth(row)
        score = min_score(rules)
        row["Stage"] = plant_outcome(rng, score, disq)
        bad = None
        if i % 250 == 17:
            bad = "unreadable"
            row["Employees"] = "about 40"
        elif i % 400 == 33:
            bad = "ragged"
        cells = [row[h] for h in header]
        line = ",".join(cells)
        if bad == "ragged":
            line += ",extra"
        lines.append(line)
        records.append((row, rules, disq, score, bad))
    csv_path = f"{work}/closed.csv"
    icp_path = f"{work}/audit.icp"
    with open(csv_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(icp_path, "w") as f:
        f.write(ICP)
    run = subprocess.run([icpc, "audit", icp_path, "--accounts", csv_path, "--outcome", "Stage",
                          "--format", "json", "--threads", "3"],
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"icpc audit failed ({run.returncode}): {run.stderr}")
    got = json.loads(run.stdout)

    # The independent computation.
    exp = {"rows": len(records), "won": 0, "lost": 0, "open": 0, "errors": 0}
    tiers = {name: [0, 0, 0] for name, _ in TIERS}
    tiers["disqualified"] = [0, 0, 0]
    nrules = len(RULES) + len(DISQ)
    split = [[0, 0, 0, 0] for _ in range(nrules)]  # won_holds, won_fails, lost_holds, lost_fails
    unknown = [0] * nrules
    scored = 0
    y, s = [], []
    near = [0, 0, 0]
    for row, rules, disq, score, bad in records:
        if bad:
            exp["errors"] += 1
            continue
        scored += 1
        v = row["Stage"].strip().lower()
        deal = "won" if v in WON else "lost" if v in LOST else "open"
        exp[deal] += 1
        t = "disqualified" if any(d is True for d in disq) else tier_of(score)
        k = {"won": 1, "lost": 2, "open": None}[deal]
        tiers[t][0] += 1
        if k:
            tiers[t][k] += 1
        for i, val in enumerate(rules + disq):
            if val is None:
                unknown[i] += 1
            elif deal != "open":
                split[i][(0 if deal == "won" else 2) + (0 if val else 1)] += 1
        if t not in ("disqualified", "elite"):
            missing = [w for (n, w), val in zip(RULES, rules) if w > 0 and val is not True]
            if missing and score + max(missing) >= TIERS[0][1]:
                near[0] += 1
                if k:
                    near[k] += 1
        if deal != "open":
            y.append(1 if deal == "won" else 0)
            s.append(score)

    problems = []

    def same(what, a, b):
        if a is None or b is None:
            if a is not b:
                problems.append(f"{what}: icpc {a!r}, expected {b!r}")
        elif isinstance(b, float):
            if abs(a - b) > 1e-9:
                problems.append(f"{what}: icpc {a!r}, expected {b!r}")
        elif a != b:
            problems.append(f"{what}: icpc {a!r}, expected {b!r}")

    for k in exp:
        same(k, got[k], exp[k])
    auc = roc_auc_score(y, s)
    same("auc", got["auc"], float(auc))
    same("gini", got["gini"], float(2 * auc - 1))
    # KS: the largest gap of the empirical CDFs over every threshold.
    won_s = sorted(x for x, t in zip(s, y) if t)
    lost_s = sorted(x for x, t in zip(s, y) if not t)
    ks = max(abs(sum(1 for x in won_s if x <= th) / len(won_s)
                 - sum(1 for x in lost_s if x <= th) / len(lost_s)) for th in set(s))
    same("ks", got["ks"], ks)
    overall = exp["won"] / (exp["won"] + exp["lost"])
    gt = {t["tier"]: t for t in got["tiers"]}
    for name, (acc, w, l) in tiers.items():
        t = gt.get(name)
        if t is None:
            problems.append(f"tier {name} missing")
            continue
        same(f"tier {name} accounts", t["accounts"], acc)
        same(f"tier {name} won", t["won"], w)
        same(f"tier {name} lost", t["lost"], l)
        same(f"tier {name} win_rate", t["win_rate"], w / (w + l) if w + l else None)
        lo, hi = wilson(w, l)
        same(f"tier {name} wilson_low", t["wilson_low"], None if lo is None else float(lo))
        same(f"tier {name} wilson_high", t["wilson_high"], None if hi is None else float(hi))
    if tiers["elite"][1] + tiers["elite"][2] != 0:
        problems.append("fixture: the elite tier should hold no closed deals")
    names = [n for n, _ in RULES] + DISQ
    gr = {r["rule"]: r for r in got["rules"]}
    for i, name in enumerate(names):
        r = gr.get(name)
        if r is None:
            problems.append(f"rule {name} missing")
            continue
        wh, wf, lh, lf = split[i]
        W, L = wh + wf, lh + lf
        same(f"{name} kind", r["kind"], "rule" if i < len(RULES) else "disqualifier")
        same(f"{name} known", r["known"], W + L)
        same(f"{name} won_holds", r["won_holds"], wh)
        same(f"{name} lost_holds", r["lost_holds"], lh)
        same(f"{name} lift", r["lift"], (wh / (wh + lh)) / overall if wh + lh else None)
        wo_h, wo_f = woe(wh, W, lh, L), woe(wf, W, lf, L)
        iv = (wh / W - lh / L) * wo_h + (wf / W - lf / L) * wo_f
        same(f"{name} woe", r["woe"], wo_h)
        same(f"{name} iv", r["iv"], iv)
        same(f"{name} unknown_rate", r["unknown_rate"], unknown[i] / scored)
        positive = i < len(RULES) and RULES[i][1] > 0
        holds = (wh + lh) / (W + L)
        if (positive and holds >= 0.98) or (not positive and holds <= 0.02):
            verdict = "excludes no one here"
        elif (positive and lh / L > wh / W) or (not positive and wh / W > lh / L):
            verdict = "inverted"
        else:
            verdict = "separates" if iv >= 0.1 else "weak" if iv >= 0.02 else "no signal"
        same(f"{name} verdict", r["verdict"], verdict)
    n = got["near_icp"]
    same("near accounts", n["accounts"], near[0])
    same("near won", n["won"], near[1])
    same("near lost", n["lost"], near[2])
    same("near win_rate", n["win_rate"], near[1] / (near[1] + near[2]) if near[1] + near[2] else None)
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"audit figures match: {exp}, auc {auc:.6f}, ks {ks:.6f}, near {near}")


if __name__ == "__main__":
    main()
