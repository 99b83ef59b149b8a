#!/usr/bin/env python3
"""Writes a realistic canonical cases CSV for the import benchmark (deterministic for a seed).

One city network (Nanjing: 苏01 and eleven basic courts), years 2016-2026, a caseload-like mix of
type codes, about 80% closed with a closing method that fits the stage, amounts with two decimals,
English canonical headers. Usage: make_import_data.py ROWS SEED OUT.csv
"""
import csv
import datetime
import random
import sys

BASIC = ["苏0102", "苏0104", "苏0105", "苏0106", "苏0111", "苏0113", "苏0114", "苏0115", "苏0116", "苏0117", "苏0118"]
# (type code, weight, courts, procedures, closing methods)
TYPES = [
    ("民初", 40, BASIC, ["普通", "简易", "小额诉讼"], ["判决", "调解", "撤诉", "按撤诉处理", "驳回起诉"]),
    ("执", 22, BASIC, [""], ["执行完毕", "终结本次执行", "终结执行", "不予执行", "销案"]),
    ("刑初", 8, BASIC, ["普通", "简易", "速裁"], ["判决", "撤诉"]),
    ("民特", 6, BASIC, ["特别"], ["裁定", "驳回申请"]),
    ("执恢", 4, BASIC, [""], ["执行完毕", "终结本次执行"]),
    ("执保", 4, BASIC, [""], ["执行完毕"]),
    ("民终", 6, ["苏01"], ["普通"], ["维持", "改判", "发回重审", "撤诉", "调解"]),
    ("执异", 2, BASIC, [""], ["驳回", "撤销", "支持"]),
    ("行初", 2, ["苏0102", "苏01"], ["普通", "简易"], ["判决", "撤诉", "驳回起诉"]),
    ("民申", 1, ["苏01"], [""], ["驳回再审申请", "裁定再审", "撤诉"]),
    ("刑终", 2, ["苏01"], ["普通"], ["维持", "改判", "发回重审"]),
    ("财保", 3, BASIC + ["苏01"], [""], ["裁定", "驳回申请"]),
]
WEIGHTS = [t[1] for t in TYPES]
CIVIL_CAUSES = ["民间借贷纠纷", "买卖合同纠纷", "离婚纠纷", "劳动争议", "机动车交通事故责任纠纷", "物业服务合同纠纷", "金融借款合同纠纷"]
CRIMINAL_CAUSES = ["盗窃罪", "危险驾驶罪", "诈骗罪", "故意伤害罪"]
JUDGES = [f"法官{i:03d}" for i in range(1, 200)]
HEADER = ["case_no", "court_code", "court_name", "procedure", "cause", "division", "judge",
          "filed_on", "closed_on", "closing_method", "claim_amount", "recovered_amount",
          "extension_days", "excluded_days", "origin_case_no"]


def main():
    rows, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    serial = {}
    start = datetime.date(2016, 1, 1)
    span = (datetime.date(2026, 10, 31) - start).days
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for _ in range(rows):
            code, _, courts, procedures, methods = rng.choices(TYPES, WEIGHTS)[0]
            court = rng.choice(courts)
            filed = start + datetime.timedelta(days=rng.randrange(span))
            key = (filed.year, court, code)
            serial[key] = serial.get(key, 0) + 1
            case_no = f"（{filed.year}）{court}{code}{serial[key]}号"
            closed = ""
            method = ""
            if rng.random() < 0.8:
                d = filed + datetime.timedelta(days=rng.randrange(1, 400))
                if d <= datetime.date(2026, 11, 1):
                    closed, method = d.isoformat(), rng.choice(methods)
            enforcement = code.startswith("执")
            claim = f"{rng.randrange(0, 100_000_000) / 100:.2f}" if rng.random() < 0.7 else ""
            recovered = f"{rng.randrange(0, 10_000_000) / 100:.2f}" if enforcement and closed and rng.random() < 0.5 else ""
            w.writerow([
                case_no, court, "", rng.choice(procedures), rng.choice(CRIMINAL_CAUSES if code.startswith("刑") else CIVIL_CAUSES), "", rng.choice(JUDGES),
                filed.isoformat(), closed, method, claim, recovered,
                rng.choice([0, 0, 0, 30, 90]), rng.choice([0, 0, 0, 15]), "",
            ])


if __name__ == "__main__":
    main()
