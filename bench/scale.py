#!/usr/bin/env python3
"""The scale curve: the core indicator set for every court x month of three years, from one
million to a hundred million generated cases, by the engine, DuckDB and Apache Spark (local mode)
on the same data in the same run. Called by bench/run-scale.sh; see BENCHMARKS.md, "Scale".

For each size:
  generate  `shenguan generate --format parquet --partition-by court,year` writes the cases and
            events straight into Hive partitions, and the engine's case snapshot beside them.
  engine    bench-metrics over the snapshot: cold (a fresh process reads it and computes once)
            and warm (best and median of --repeat with the columns in memory).
  duckdb    peer_duckdb_metrics.py prepare (the partitions into DuckDB's own file, the links
            resolved once, timed apart), then its one-query formulation cold and warm; its values
            are checked against the engine's.
  spark     scripts/spark_metrics.py over the partitions, the portable SQL of crates/metrics/sql
            with a period per month, run twice in one session: the first run reads and caches
            the tables, the second runs on the cache. Its values are checked against the
            engine's too. A run that passes --spark-budget seconds is stopped; a size where
            Spark's time projected from the smaller sizes (a line through the last two) would
            pass it is not tried.

Each tool's wall time and peak memory (resident set, GNU time) is recorded; a size that does not
fit (the generator or a tool runs out of memory or disk) is recorded as such and the curve goes
on. One JSON line per size goes to OUT/results.jsonl; `report` prints the table.
"""

import argparse
import calendar
import datetime as dt
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHENGUAN = os.path.join(ROOT, "target", "release", "shenguan")
BENCH_METRICS = os.path.join(ROOT, "target", "release", "bench-metrics")
DUCKDB_PEER = os.path.join(ROOT, "bench", "peer_duckdb_metrics.py")
SPARK_SCRIPT = os.path.join(ROOT, "scripts", "spark_metrics.py")


def group_rss_kb(group):
    """The resident memory of every process in a process group, summed (KB)."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                # pgrp is the fifth field, after the command in parentheses.
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[2]) != group:
                continue
            with open(f"/proc/{entry}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total


def timed(command, timeout=None, env=None, stdout_path=None):
    """Runs `command` under GNU time in its own process group; the group is killed when it
    outlives `timeout`. Returns wall seconds, peak resident KB, exit code and standard output.
    GNU time sees the process it started (and the children it waited for); a tool that starts
    another it does not wait for — PySpark's Java process — is seen by sampling the whole group's
    resident memory every half second (`group_peak_kb`)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as measure:
        out = open(stdout_path, "w") if stdout_path else subprocess.PIPE
        began = time.perf_counter()
        process = subprocess.Popen(
            ["/usr/bin/time", "-f", "%e %M", "-o", measure.name, *command],
            stdout=out, stderr=subprocess.PIPE, text=True, start_new_session=True,
            env={**os.environ, **(env or {})})
        peak = [0]
        done = threading.Event()

        def sample():
            while not done.wait(0.5):
                peak[0] = max(peak[0], group_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            stdout, stderr = process.communicate(timeout=timeout)
            overran = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            overran = True
        wall = time.perf_counter() - began
        done.set()
        sampler.join()
        if stdout_path:
            out.close()
        fields = measure.read().split()
        peak_kb = int(fields[-1]) if len(fields) >= 2 and fields[-1].isdigit() else None
    return {
        "wall_s": round(wall, 3),
        "peak_kb": peak_kb,
        "group_peak_kb": peak[0],
        "rc": process.returncode,
        "overran": overran,
        "stdout": stdout or "",
        "stderr_tail": (stderr or "").strip().splitlines()[-5:],
    }


def last_json(text):
    """The last line of `text` that is a JSON object (the tools print one as their summary)."""
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                continue
    return None


def months(start, end):
    """(from, to) of each calendar month of the window (whole months)."""
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        last = calendar.monthrange(year, month)[1]
        out.append((dt.date(year, month, 1), dt.date(year, month, last)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def folder_bytes(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(folder, name))
            except OSError:
                pass
    return total


def compare_spark(engine_file, spark_lines):
    """Every court, month and indicator the engine and Spark both compute: counts equal, the
    rest within 1e-9 relative. Returns (checked, mismatches)."""
    with open(engine_file) as f:
        engine = {(row["court"], row["month"]): row for row in json.load(f)}
    checked, mismatches = 0, []
    seen = set()
    for line in spark_lines:
        document = json.loads(line)
        month = document["from"][:7]
        for row in document["rows"]:
            key = (row["group"]["court"], month)
            seen.add(key)
            want = engine.get(key)
            if want is None:
                mismatches.append(f"{key}: no engine row")
                continue
            for code, value in row["values"].items():
                if code not in want:
                    continue
                checked += 1
                expected = want[code]
                if expected is None or value is None:
                    if expected != value:
                        mismatches.append(f"{key} {code}: engine {expected}, spark {value}")
                elif not math.isclose(float(expected), float(value), rel_tol=1e-9, abs_tol=1e-9):
                    mismatches.append(f"{key} {code}: engine {expected}, spark {value}")
    missing = [key for key in engine if key not in seen]
    mismatches.extend(f"{key}: no Spark row" for key in missing)
    return checked, mismatches


def measure_size(args, cases, spark_allowed):
    folder = os.path.join(args.out, f"scale_{cases}")
    lake = os.path.join(folder, "lake")
    snapshot = os.path.join(folder, "cases.snapshot")
    engine_values = os.path.join(folder, "engine.json")
    record = {"cases_asked": cases, "seed": args.seed, "threads": args.threads,
              "window": [args.start, args.end], "at": dt.datetime.now().isoformat(timespec="seconds"),
              "load_average": os.getloadavg()}

    def note(step, result):
        print(f"  {step}: wall {result.get('wall_s')} s, peak {result.get('peak_kb')} KB"
              + (f", rc {result['rc']}" if result.get("rc") else "")
              + (" (stopped: over budget)" if result.get("overran") else ""), flush=True)

    # Generation, straight to partitions; kept when a finished one is already there. Above
    # --city-cases, the cases are split over several cities of one province (`generate --city`,
    # a seed each), each generated by its own run with its own snapshot, their partitions then
    # gathered into one folder (their courts differ): the generator holds a city's network in
    # memory, and a hundred million cases in one network would not fit this machine.
    cities = max(1, math.ceil(cases / args.city_cases))
    numbers = [14 + i for i in range(cities)]
    snapshots = [snapshot] if cities == 1 else [
        os.path.join(folder, f"city_{number}.snapshot") for number in numbers]
    if not (os.path.exists(os.path.join(lake, "cases", "_SUCCESS"))
            and os.path.exists(os.path.join(lake, "events", "_SUCCESS"))
            and all(os.path.exists(path) for path in snapshots)):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        runs = []
        for i, number in enumerate(numbers):
            target = lake if cities == 1 else os.path.join(folder, f"city_{number}")
            result = timed([SHENGUAN, "generate", "--cases", str(cases // cities), "--seed",
                            str(args.seed + i), "--city", str(number), "--from", "2017-01-01",
                            "--to", args.generate_to, "--threads", str(args.threads), "--format",
                            "parquet", "--partition-by", "court,year", "--out", target,
                            "--snapshot", snapshots[i]],
                           env={"SHENGUAN_TODAY": args.today})
            result.pop("stdout")
            runs.append(result)
            note(f"generate (city {number})" if cities > 1 else "generate", result)
            if result["rc"] != 0:
                break
            if cities > 1:
                for table in ("cases", "events"):
                    os.makedirs(os.path.join(lake, table), exist_ok=True)
                    for name in os.listdir(os.path.join(target, table)):
                        if name.startswith("court_code="):
                            os.rename(os.path.join(target, table, name),
                                      os.path.join(lake, table, name))
                shutil.rmtree(target)
        record["generate"] = {
            "cities": cities,
            "wall_s": round(sum(r["wall_s"] for r in runs), 3),
            "peak_kb": max((r["peak_kb"] or 0) for r in runs),
            "runs": runs,
        }
        if any(r["rc"] != 0 for r in runs):
            record["stopped"] = "generate failed (see stderr_tail)"
            return record, spark_allowed
        if cities > 1:
            for table in ("cases", "events"):
                open(os.path.join(lake, table, "_SUCCESS"), "w").close()
    else:
        record["generate"] = {"reused": True, "cities": cities}
    record["bytes"] = {
        "cases_partitions": folder_bytes(os.path.join(lake, "cases")),
        "events_partitions": folder_bytes(os.path.join(lake, "events")),
        "partition_files": sum(len([n for n in files if n.endswith(".parquet")])
                               for _, _, files in os.walk(os.path.join(lake, "cases"))),
        "snapshot": sum(os.path.getsize(path) for path in snapshots),
    }

    # The engine, cold then warm.
    base = [BENCH_METRICS, ",".join(snapshots), args.start, args.end, "--threads",
            str(args.threads)]
    cold = timed(base + ["--repeat", "0"])
    cold["summary"] = last_json(cold.pop("stdout"))
    note("engine cold", cold)
    warm = timed(base + ["--repeat", str(args.repeat), "--out", engine_values])
    warm["summary"] = last_json(warm.pop("stdout"))
    note("engine warm", warm)
    record["engine"] = {"cold": cold, "warm": warm}
    if cold["rc"] != 0 or warm["rc"] != 0:
        record["stopped"] = "the engine failed (see stderr_tail)"
        return record, spark_allowed
    record["cases"] = (warm["summary"] or {}).get("cases")

    # DuckDB: its own file from the partitions, then its query cold and warm.
    database = os.path.join(folder, "peer.duckdb")
    prepare = timed([sys.executable, DUCKDB_PEER, "prepare", "--db", database, "--parquet-dir",
                     lake, "--threads", str(args.threads)])
    prepare["summary"] = last_json(prepare.pop("stdout"))
    note("duckdb prepare", prepare)
    record["duckdb"] = {"prepare": prepare}
    if prepare["rc"] == 0:
        run = timed([sys.executable, DUCKDB_PEER, "run", "--db", database, "--from", args.start,
                     "--to", args.end, "--threads", str(args.threads), "--repeat",
                     str(args.repeat), "--engine-values", engine_values])
        run["summary"] = last_json(run.pop("stdout"))
        note("duckdb run", run)
        record["duckdb"]["run"] = run
    if os.path.exists(database):
        record["bytes"]["duckdb_file"] = os.path.getsize(database)

    # Spark, local mode, on the partitions themselves; not tried where its time, projected from
    # the smaller sizes, would pass the budget: a straight line through its last two times. With
    # one time so far it is tried (the budget stops it): much of Spark's time is the same
    # whatever the data — planning and scheduling each query — so growing one time in
    # proportion to the cases overstates the next.
    done = spark_allowed.get("done", [])
    projected = None
    if len(done) >= 2 and done[-1][0] != done[-2][0]:
        (n0, t0), (n1, t1) = done[-2], done[-1]
        projected = t1 + (t1 - t0) / (n1 - n0) * (cases - n1)
    if spark_allowed.get("overran"):
        record["spark"] = {"skipped": "a smaller size already passed the budget"}
    elif projected is not None and projected > args.spark_budget:
        record["spark"] = {"skipped": f"projected {projected:.0f} s from the smaller sizes, over "
                                      f"the budget of {args.spark_budget:.0f} s",
                           "projected_s": round(projected)}
    elif not args.spark_python:
        record["spark"] = {"skipped": "no Python with PySpark (--spark-python)"}
    else:
        periods = []
        for first, last in months(dt.date.fromisoformat(args.start),
                                  dt.date.fromisoformat(args.end)):
            periods += ["--period", f"{first}..{last}"]
        output = os.path.join(folder, "spark.jsonl")
        timings = os.path.join(folder, "spark_timings.json")
        spark = timed([args.spark_python, SPARK_SCRIPT, lake, *periods, "--by", "court",
                       "--driver-memory", args.spark_memory, "--shuffle-partitions",
                       str(args.spark_shuffle), "--repeat", "2", "--timings", timings],
                      timeout=args.spark_budget, stdout_path=output)
        spark.pop("stdout")
        note("spark", spark)
        if spark["overran"]:
            spark_allowed = {"overran": True}
        elif spark["rc"] == 0:
            # By the cases asked, as the next size is: the projection compares like with like.
            spark_allowed = {"done": done + [(cases, spark["wall_s"])]}
            with open(timings) as f:
                spark["timings"] = json.load(f)
            with open(output) as f:
                checked, mismatches = compare_spark(engine_values, f.readlines())
            spark["values_checked"] = checked
            spark["mismatches"] = len(mismatches)
            spark["mismatch_sample"] = mismatches[:10]
        record["spark"] = spark
    return record, spark_allowed


def run(args):
    os.makedirs(args.out, exist_ok=True)
    results = os.path.join(args.out, "results.jsonl")
    spark_allowed = {}
    for cases in args.sizes:
        print(f"{cases:,} cases:", flush=True)
        record, spark_allowed = measure_size(args, cases, spark_allowed)
        with open(results, "a") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        if not args.keep:
            shutil.rmtree(os.path.join(args.out, f"scale_{cases}"), ignore_errors=True)
    report(results)


def seconds(value):
    return "—" if value is None else (f"{value:.2f} s" if value < 100 else f"{value:.0f} s")


def gigabytes(kb):
    return "—" if kb is None else f"{kb / 1024 / 1024:.2f} GB"


def report(results):
    """The results file as a table (the last record per size): the figures BENCHMARKS.md,
    "Scale", sets out in its tables."""
    records = {}
    with open(results) as f:
        for line in f:
            record = json.loads(line)
            records[record["cases_asked"]] = record
    print("| cases | generate (partitions + snapshot) | engine cold | engine warm best / median "
          "| DuckDB prepare | DuckDB cold | DuckDB warm best / median | Spark run 1 (reads, caches) "
          "| Spark run 2 (cache) | Spark process | values equal |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for asked in sorted(records):
        r = records[asked]
        g = r.get("generate", {})
        e = r.get("engine", {})
        cold, warm = e.get("cold", {}), e.get("warm", {})
        ws = warm.get("summary") or {}
        d = r.get("duckdb", {})
        dp, dr = d.get("prepare", {}), d.get("run", {})
        drs = dr.get("summary") or {}
        s = r.get("spark", {})
        runs = ((s.get("timings") or {}).get("groupings") or [{}])[0].get("runs") or []
        run_s = [sum(x.values()) for x in runs]
        spark_cells = ["—", "—", s.get("skipped") or ("stopped at the budget" if s.get("overran")
                                                      else f"rc {s.get('rc')}")]
        if s.get("rc") == 0 and not s.get("overran"):
            spark_cells = [seconds(run_s[0]) if run_s else "—",
                           seconds(run_s[1]) if len(run_s) > 1 else "—",
                           # Spark's Java process is PySpark's child, not waited for: the
                           # sampled group is its memory.
                           f"{seconds(s['wall_s'])}, {gigabytes(s.get('group_peak_kb'))}"]
        equal = []
        if drs.get("values_checked") is not None:
            equal.append(f"DuckDB {drs['values_checked'] - drs.get('mismatches', 0):,}"
                         f"/{drs['values_checked']:,}")
        if s.get("values_checked") is not None:
            equal.append(f"Spark {s['values_checked'] - s['mismatches']:,}/{s['values_checked']:,}")
        print("| " + " | ".join([
            f"{r.get('cases') or asked:,}",
            "reused" if g.get("reused") else f"{seconds(g.get('wall_s'))}, {gigabytes(g.get('peak_kb'))}",
            f"{seconds(cold.get('wall_s'))}, {gigabytes(cold.get('peak_kb'))}",
            f"{seconds(ws.get('warm_best_s'))} / {seconds(ws.get('warm_median_s'))}",
            f"{seconds(dp.get('wall_s'))}, {gigabytes(dp.get('peak_kb'))}",
            f"{seconds(drs.get('cold_open_and_query_s'))}, {gigabytes(drs.get('cold_peak_kb'))}",
            f"{seconds(drs.get('warm_best_s'))} / {seconds(drs.get('warm_median_s'))}",
            *spark_cells,
            "; ".join(equal) or r.get("stopped", "—"),
        ]) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["run", "report"])
    parser.add_argument("--sizes", type=lambda t: [int(x) for x in t.split()],
                        default=[1_000_000, 3_000_000, 10_000_000, 30_000_000, 100_000_000])
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "scale"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--from", dest="start", default="2023-11-01")
    parser.add_argument("--to", dest="end", default="2026-10-31")
    parser.add_argument("--generate-to", default="2026-10-31")
    parser.add_argument("--today", default="2026-11-27")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--spark-python", default=None)
    parser.add_argument("--spark-memory", default="12g")
    parser.add_argument("--spark-shuffle", type=int, default=8)
    parser.add_argument("--spark-budget", type=float, default=1800.0)
    parser.add_argument("--city-cases", type=int, default=25_000_000,
                        help="the most cases one generated city holds; larger sizes are "
                             "several cities")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if args.city_cases < 1 or any(size < 1 for size in args.sizes):
        parser.error("--city-cases and every size must be 1 or more")
    if args.action == "run" and max(args.sizes) > args.city_cases * 57:
        parser.error("at most 57 cities (numbers 14–70): raise --city-cases")
    if args.action == "report":
        report(os.path.join(args.out, "results.jsonl"))
    else:
        run(args)


if __name__ == "__main__":
    main()
