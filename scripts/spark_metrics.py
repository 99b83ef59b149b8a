#!/usr/bin/env python3
"""shenguan's core indicators on Apache Spark SQL, for data beyond one machine.

Reads an export of `shenguan export --format parquet` (best partitioned:
`--partition-by court,year`; the English header, which is the default) and runs the portable SQL
of `crates/metrics/sql/` — the same files the engine is checked against — in Spark, printing the
JSON of `shenguan metrics --format json`:

    python3 scripts/spark_metrics.py lake --from 2025-01-01 --to 2025-06-30 --by court

With several `--period FROM..TO` (or `--by court --by network`), one JSON document per period
and grouping, one per line. On a cluster, run
it with `spark-submit --master yarn scripts/spark_metrics.py hdfs:///lake …` (or `--master` here);
alone it runs Spark in local mode on this machine. It needs PySpark 4.1 or later (the recursive
query of the case–matter ratio) and Java 17.

How the SQL text and Spark's dialect meet (`crates/metrics/sql/README.md`): the files are run
unchanged. Spark reads `WITH RECURSIVE`, `CAST(… AS DOUBLE)`, window functions and `TRIM` as SQLite
does; what differs is set here: the recursion's row limit (Spark stops a recursive query at a
million rows by default; the case–matter walk has a row per case and link) and the tables, which
this script builds from the export's columns — days as whole numbers since 1970-01-01, amounts in
fen, the calendar of three months after each filing day by Spark's `add_months` (month ends
clamped, as the engine's `months_back`).
"""

import argparse
import datetime
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SQL = os.path.join(HERE, os.pardir, "crates", "metrics", "sql")

# The columns of the export the SQL reads (crates/metrics/sql/README.md, "Tables").
CASE_COLUMNS = [
    "case_no", "court_code", "type_code", "category", "stage", "procedure", "filed_on",
    "closed_on", "deadline", "closing_method", "claim_amount", "recovered_amount",
    "extension_count", "excluded_days", "origin_case_no", "appeal_court",
]
EVENT_COLUMNS = ["case_no", "kind", "date"]


class Refused(Exception):
    """Input this script cannot work with; the message says what and why."""


def parse_day(text, what):
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise Refused(f"{what} “{text}” is not a date (YYYY-MM-DD)") from None


def periods_of(args):
    """The periods asked for, as (from, to) dates, each checked."""
    asked = []
    if args.start or args.end:
        if not (args.start and args.end):
            raise Refused("--from and --to go together")
        asked.append((parse_day(args.start, "--from"), parse_day(args.end, "--to")))
    for text in args.period or []:
        parts = text.split("..")
        if len(parts) != 2:
            raise Refused(f"--period “{text}” must be FROM..TO")
        asked.append((parse_day(parts[0], "--period"), parse_day(parts[1], "--period")))
    if not asked:
        raise Refused("name the period: --from DATE --to DATE (or --period FROM..TO)")
    for start, end in asked:
        if start > end:
            raise Refused(f"the period {start}..{end} ends before it starts")
    return asked


def exists(spark, path):
    """Whether `path` is there, asked of Hadoop's file system (a local path, HDFS, S3 …)."""
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    file_system = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return file_system.exists(hadoop_path)


def table_path(spark, data, name):
    """`data/name` (a folder of partitions, marked whole) or `data/name.parquet` (one file)."""
    folder, single = f"{data.rstrip('/')}/{name}", f"{data.rstrip('/')}/{name}.parquet"
    has_folder, has_single = exists(spark, folder), exists(spark, single)
    if has_folder and has_single:
        raise Refused(f"{data}: both {name}/ and {name}.parquet are there — two exports in one "
                      "folder would be read as one; keep one of them")
    if has_folder:
        if not exists(spark, f"{folder}/_SUCCESS"):
            raise Refused(f"{folder}: no _SUCCESS — the export that wrote it did not finish "
                          "(write it again)")
        return folder
    if has_single:
        return single
    raise Refused(f"{data}: neither {name}/ nor {name}.parquet is there "
                  "(write it with shenguan export --format parquet --partition-by court,year)")


def definition_version(text):
    """The version of the indicator's definition a SQL file implements: its line
    `-- Definition version: N` (1 when it has none; docs/indicators.md, "Versions of the
    definitions")."""
    for line in text.splitlines():
        if line.lower().startswith("-- definition version:"):
            return int(line.split(":", 1)[1].split()[0])
    return 1


def sql_texts(sql_dir, wanted):
    """The indicator codes and their SQL text, in the order of their file names."""
    if not os.path.isdir(sql_dir):
        raise Refused(f"{sql_dir}: no folder of indicator SQL there (give --sql)")
    codes = sorted(f[:-4] for f in os.listdir(sql_dir) if f.endswith(".sql"))
    if wanted:
        unknown = [c for c in wanted if c not in codes]
        if unknown:
            raise Refused(f"--indicators: no SQL for {', '.join(unknown)}; "
                          f"the core indicators are {', '.join(codes)}")
        codes = [c for c in codes if c in wanted]
    texts = []
    for code in codes:
        with open(os.path.join(sql_dir, code + ".sql"), encoding="utf-8") as f:
            texts.append((code, f.read().strip().rstrip(";")))
    return texts


def session(args):
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise Refused("PySpark is not installed: pip install pyspark==4.1.1 (and Java 17)") \
            from None

    builder = SparkSession.builder.appName("shenguan-metrics")
    if args.master:
        builder = builder.master(args.master)
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        # The case–matter walk has a row per case and link: no cap but the data's own.
        "spark.sql.cteRecursionRowLimit": "-1",
        # Court codes stay text whatever they look like.
        "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    }
    if (args.master or "local").startswith("local"):
        settings["spark.sql.shuffle.partitions"] = str(args.shuffle_partitions)
        settings["spark.driver.memory"] = args.driver_memory
    for text in args.conf or []:
        key, equals, value = text.partition("=")
        if not equals or not key.strip():
            raise Refused(f"--conf “{text}” must be KEY=VALUE")
        settings[key.strip()] = value.strip()
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as failed:  # Java missing or too old, a setting Spark refuses …
        raise Refused(f"Spark did not start ({first_line(failed)}); it needs Java 17 or later "
                      "on the PATH or in JAVA_HOME") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def first_line(error):
    """The first line of an error from Spark, without its Java stack."""
    return (str(error).strip().splitlines() or ["?"])[0][:300]


def require_columns(frame, columns, where):
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise Refused(f"{where}: no column {', '.join(missing)} (export with the English header, "
                      "the default, and a version of shenguan that writes the derived columns)")


def load(spark, data, periods, network):
    """The tables of the portable SQL, as temporary views."""
    from pyspark.sql import functions as F

    spark.catalog.clearCache()
    epoch = F.lit(datetime.date(1970, 1, 1))

    def day(column):
        return F.datediff(F.col(column), epoch)

    cases_path = table_path(spark, data, "cases")
    raw = spark.read.parquet(cases_path)
    require_columns(raw, CASE_COLUMNS, cases_path)
    cases = raw.select(
        F.col("case_no"),
        # One code for every row makes the network's row; data_courts keeps the real ones.
        (F.lit("") if network else F.col("court_code")).alias("court_code"),
        "type_code", "category", "stage", "procedure",
        day("filed_on").alias("filed_day"),
        day("closed_on").alias("closed_day"),
        day("deadline").alias("deadline_day"),
        "closing_method",
        (F.col("claim_amount") * 100).cast("bigint").alias("claim_fen"),
        (F.col("recovered_amount") * 100).cast("bigint").alias("recovered_fen"),
        F.col("extension_count").cast("bigint").alias("extensions"),
        F.col("excluded_days").cast("bigint").alias("excluded_days"),
        "origin_case_no", "appeal_court",
    ).cache()
    cases.createOrReplaceTempView("cases")
    raw.select("court_code").distinct().createOrReplaceTempView("data_courts")
    raw.select(
        day("filed_on").alias("day"),
        F.datediff(F.add_months(F.col("filed_on"), 3), epoch).alias("plus3m_day"),
    ).distinct().createOrReplaceTempView("days")

    events_path = table_path(spark, data, "events")
    events = spark.read.parquet(events_path)
    require_columns(events, EVENT_COLUMNS, events_path)
    events.select("case_no", "kind", day("date").alias("day")).cache() \
        .createOrReplaceTempView("events")

    # Reviewers' findings on 终本 cases (the supervision records), when the export has them.
    findings = f"{data.rstrip('/')}/supervision/zhongben_reviews.parquet"
    if exists(spark, findings):
        spark.read.parquet(findings).select(
            "case_no",
            F.when(F.trim(F.col("compliant")) == "合格", 1).otherwise(0).alias("compliant"),
        ).createOrReplaceTempView("zhongben_findings")
    else:
        print(f"spark_metrics: {findings} is not there: 终本合格率 is read from the checklist "
              "alone, without reviewers' findings", file=sys.stderr)
        spark.sql("SELECT CAST(NULL AS STRING) AS case_no, CAST(NULL AS INT) AS compliant "
                  "WHERE FALSE").createOrReplaceTempView("zhongben_findings")

    rows = []
    for period_id, (start, end) in enumerate(periods):
        rows.append((period_id, start, end))
    frame = spark.createDataFrame(rows, "period_id INT, from_on DATE, to_on DATE")
    frame.select(
        "period_id",
        day("from_on").alias("from_day"),
        day("to_on").alias("to_day"),
        *[F.datediff(F.add_months(F.col("to_on"), -n), epoch).alias(f"cut{n}_day")
          for n in (12, 18, 36)],
    ).createOrReplaceTempView("periods")


def documents(spark, texts, periods, by_court, repeat=1, timings=None):
    """One `shenguan metrics --format json` document per period. With `repeat` above one the
    queries run again over the tables Spark has by then cached (the values are the last run's);
    `timings`, when given, gets each run's seconds per indicator."""
    # period_id → court → code → value
    values = {}
    for _ in range(repeat):
        values = {}
        seconds = {}
        for code, text in texts:
            began = time.perf_counter()
            for row in spark.sql(text).collect():
                court = row["court_code"]
                values.setdefault(row["period_id"], {}).setdefault(court, {})[code] = row["value"]
            seconds[code] = round(time.perf_counter() - began, 3)
        if timings is not None:
            timings.append(seconds)
    out = []
    for period_id, (start, end) in enumerate(periods):
        groups = values.get(period_id, {})
        rows = []
        for court in sorted(groups):
            found = groups[court]
            group = {"court": court} if by_court else {}
            rows.append({"group": group,
                         "values": {code: found.get(code) for code, _ in texts}})
        out.append({
            "from": start.isoformat(),
            "to": end.isoformat(),
            "group_by": ["court"] if by_court else [],
            "rows": rows,
            # The version of each definition the SQL implements (the current ones).
            "definitions": {code: definition_version(text) for code, text in texts},
        })
    return out


def arguments(argv):
    parser = argparse.ArgumentParser(
        description="shenguan's core indicators on Apache Spark SQL, over an export "
                    "(shenguan export --format parquet --partition-by court,year).")
    parser.add_argument("data", help="the export's folder (cases/, events/, supervision/)")
    parser.add_argument("--from", dest="start", metavar="DATE", help="first day of the period")
    parser.add_argument("--to", dest="end", metavar="DATE", help="last day of the period")
    parser.add_argument("--period", action="append", metavar="FROM..TO",
                        help="a period (repeatable: one JSON document per line each)")
    parser.add_argument("--by", action="append", choices=["court", "network"],
                        help="a row per court, or one row for the network (the default); "
                             "given twice, a document for each")
    parser.add_argument("--indicators", metavar="CODES",
                        help="indicator codes, comma-separated (default: every core indicator)")
    parser.add_argument("--sql", default=DEFAULT_SQL, metavar="DIR",
                        help="the folder of the portable SQL (default: crates/metrics/sql)")
    parser.add_argument("--master", metavar="URL",
                        help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--driver-memory", default="4g", metavar="SIZE",
                        help="the local driver's memory (default 4g)")
    parser.add_argument("--shuffle-partitions", type=int, default=8, metavar="N",
                        help="partitions after a shuffle in local mode (default 8)")
    parser.add_argument("--conf", action="append", metavar="KEY=VALUE",
                        help="any other Spark setting (repeatable)")
    parser.add_argument("--timings", metavar="FILE",
                        help="write how long each step took here (JSON: the session's start, "
                             "the tables' definition, and each run's seconds per indicator; the "
                             "data is read, and the cases and events cached, by the first run)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run the queries N times over the cached tables, for --timings "
                             "(default 1; the values printed are the last run's)")
    return parser.parse_args(argv)


def main(argv):
    args = arguments(argv)
    try:
        periods = periods_of(args)
        wanted = [c.strip() for c in args.indicators.split(",")] if args.indicators else None
        texts = sql_texts(args.sql, wanted)
        if not os.path.exists(args.data) and ":" not in args.data:
            raise Refused(f"{args.data}: no such folder")
        if args.shuffle_partitions < 1:
            raise Refused(f"--shuffle-partitions {args.shuffle_partitions} must be 1 or more")
        if args.repeat < 1:
            raise Refused(f"--repeat {args.repeat} must be 1 or more")
        groupings = args.by or ["network"]
        began = time.perf_counter()
        spark = session(args)
        timings = {"session_s": round(time.perf_counter() - began, 3), "groupings": []}
        out = []
        try:
            for grouping in groupings:
                by_court = grouping == "court"
                began = time.perf_counter()
                load(spark, args.data, periods, network=not by_court)
                runs = []
                timings["groupings"].append({
                    "by": grouping, "load_s": round(time.perf_counter() - began, 3),
                    "runs": runs})
                out.extend(documents(spark, texts, periods, by_court=by_court,
                                     repeat=args.repeat, timings=runs))
        except Refused:
            raise
        except Exception as failed:  # unreadable files, a schema Spark cannot merge …
            raise Refused(f"{args.data}: Spark could not read or compute it: "
                          f"{first_line(failed)}") from None
        finally:
            spark.stop()
    except Refused as refused:
        print(f"spark_metrics: {refused}", file=sys.stderr)
        return 2
    if args.timings:
        with open(args.timings, "w", encoding="utf-8") as f:
            json.dump(timings, f, ensure_ascii=False, indent=1)
    if len(out) == 1:
        print(json.dumps(out[0], ensure_ascii=False, indent=2))
    else:
        for document in out:
            print(json.dumps(document, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
