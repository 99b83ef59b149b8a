#!/usr/bin/env python3
"""Recall and precision of the signals of gaming on planted networks.

For each intensity, one network is generated with every kind of gaming planted in a court of its
own (`shenguan generate --plant KIND=COURT:INTENSITY --plant-truth FILE`), and one honest network
with none; `shenguan check --only signals --format json` is run on each, and for each kind:

- recall: the share of the planted cases that the kind's signal of the planted court lists;
- evidence: the level of that signal;
- false alarms: signals of the kind in other courts (and in the honest network), by level;
- precision: the share of the cases the planted court's signal lists that were planted.

Writes a Markdown table (BENCHMARKS.md, "Signals of gaming on planted networks").
"""

import argparse
import collections
import csv
import json
import os
import subprocess
import sys

PLANTS = {
    "year_end_rush": "湘1402",
    "withheld_filings": "湘1403",
    "withdraw_refile": "湘1404",
    "clock_stopping": "湘1405",
    "zhongben_early": "湘1406",
    "month_end_rush": "湘1407",
}


def run(cmd, env):
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: {done.returncode}\n{done.stderr}")
    return done.stdout


def network(sg, out, scale, seed, plants, env):
    db = os.path.join(out, "store.db")
    truth = os.path.join(out, "truth.csv")
    if os.path.exists(db):
        os.remove(db)
    cmd = [sg, "--db", db, "generate", "--scale", str(scale), "--seed", str(seed),
           "--from", "2023-01-01", "--to", "2026-10-31"]
    for kind, (court, intensity) in plants.items():
        cmd += ["--plant", f"{kind}={court}:{intensity}"]
    if plants:
        cmd += ["--plant-truth", truth]
    run(cmd, env)
    # The whole span the network covers, as the truth does.
    lines = run([sg, "--db", db, "check", "--only", "signals", "--from", "2023-01-01",
                 "--to", "2026-10-31", "--format", "json"], env)
    signals = [json.loads(l) for l in lines.splitlines() if l.strip()]
    signals = [s for s in signals if "signal" in s]
    planted = collections.defaultdict(set)
    if plants:
        with open(truth, newline="") as f:
            for row in csv.DictReader(f):
                planted[row["类型"]].add(row["案号"])
    return signals, planted


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shenguan", default="target/release/shenguan")
    parser.add_argument("--out", default="bench/out/planted")
    parser.add_argument("--scale", type=float, default=0.25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--intensities", default="0.2,0.5,1.0")
    args = parser.parse_args()
    env = dict(os.environ, SHENGUAN_TODAY="2026-11-27")
    os.makedirs(args.out, exist_ok=True)
    rows = []
    honest, _ = network(args.shenguan, args.out, args.scale, args.seed, {}, env)
    # A court's signals; a judge's (the clock, against the court's other judges) are counted
    # apart below.
    judges = collections.Counter(s["evidence"] for s in honest if s.get("judge"))
    honest = [s for s in honest if not s.get("judge")]
    honest_levels = collections.Counter((s["signal"], s["evidence"]) for s in honest)
    for intensity in [float(x) for x in args.intensities.split(",")]:
        plants = {k: (c, intensity) for k, c in PLANTS.items()}
        signals, planted = network(args.shenguan, args.out, args.scale, args.seed, plants, env)
        signals = [s for s in signals if not s.get("judge")]
        for kind, court in PLANTS.items():
            truth = planted.get(kind, set())
            mine = [s for s in signals if s["signal"] == kind and s["court"] == court]
            listed = {c["case_no"] for s in mine for c in s["cases"]}
            evidence = max((s["evidence"] for s in mine),
                           key=["weak", "moderate", "strong"].index, default="—")
            others = collections.Counter(s["evidence"] for s in signals
                                         if s["signal"] == kind and s["court"] != court)
            recall = len(truth & listed) / len(truth) if truth else float("nan")
            precision = len(truth & listed) / len(listed) if listed else float("nan")
            rows.append((kind, intensity, len(truth), recall, precision, evidence,
                         others.get("strong", 0), others.get("moderate", 0),
                         honest_levels.get((kind, "strong"), 0),
                         honest_levels.get((kind, "moderate"), 0)))
    print("| signal | intensity | planted | recall | precision | evidence | other courts strong / moderate | honest network strong / moderate |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r[0]} | {r[1]:.1f} | {r[2]} | {r[3]:.1%} | {r[4]:.1%} | {r[5]} | {r[6]} / {r[7]} | {r[8]} / {r[9]} |")
    print()
    print(f"Judges' signals (the clock, each judge against the court's other judges) in the honest "
          f"network: {judges.get('strong', 0)} strong, {judges.get('moderate', 0)} moderate, "
          f"{judges.get('weak', 0)} weak.")


if __name__ == "__main__":
    main()
