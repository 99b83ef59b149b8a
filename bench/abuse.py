"""The attacker of bench/run-abuse.sh.

From its own address (SOURCE, default 127.0.0.2) it tries wrong passwords for the real user's
account (VICTIM) through the login form, on THREADS connections at once, as fast as the server
answers — at least ATTEMPTS of them, and on until FOR_SECONDS have passed; meanwhile another
connection uploads a zip bomb (BOMB, a workbook whose one sheet inflates to gigabytes) through the
import API with an office's token (TOKEN), again and again over the same time. It prints the
statuses it got and a RESULT line; it exits 1 if the server stopped answering.

Environment: PORT, VICTIM, TOKEN, BOMB, ATTEMPTS (1000), FOR_SECONDS (0), THREADS (4),
SOURCE (127.0.0.2).
"""

import collections
import http.client
import os
import re
import sys
import threading
import time
import urllib.parse

PORT = int(os.environ["PORT"])
VICTIM = os.environ["VICTIM"]
TOKEN = os.environ["TOKEN"]
BOMB = os.environ["BOMB"]
ATTEMPTS = int(os.environ.get("ATTEMPTS", "1000"))
THREADS = int(os.environ.get("THREADS", "4"))
SOURCE = os.environ.get("SOURCE", "127.0.0.2")
FOR_SECONDS = float(os.environ.get("FOR_SECONDS", "0"))
STARTED = time.monotonic()


def more_time():
    return time.monotonic() - STARTED < FOR_SECONDS


def connect():
    return http.client.HTTPConnection(
        "127.0.0.1", PORT, source_address=(SOURCE, 0), timeout=120
    )


statuses = collections.Counter()
lock = threading.Lock()
failures = []


def guess(first, count):
    """Tries at least `count` wrong passwords, and on while there is time; the form token is the
    attacker's own (double submit)."""
    try:
        conn = connect()
        conn.request("GET", "/login")
        answer = conn.getresponse()
        answer.read()
        token = re.search(r"sg_login=([^;]+)", answer.getheader("Set-Cookie")).group(1)
        i = first
        while i < first + count or more_time():
            i += 1
            form = urllib.parse.urlencode(
                {"name": VICTIM, "password": f"guess-{i}", "csrf": token}
            )
            conn.request(
                "POST",
                "/login",
                body=form,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"sg_login={token}",
                },
            )
            answer = conn.getresponse()
            answer.read()
            with lock:
                statuses[answer.status] += 1
    except Exception as e:  # the server stopped answering: the benchmark fails
        failures.append(f"guessing: {e}")


bomb_result = {"statuses": collections.Counter(), "uploads": 0, "seconds": 0.0}


def bomb():
    """Uploads the bomb once, and again every second while there is time."""
    try:
        with open(BOMB, "rb") as f:
            body = f.read()
        bomb_result["bytes"] = len(body)
        while True:
            conn = connect()
            started = time.monotonic()
            conn.request(
                "POST",
                "/api/v1/import?format=xlsx&dry_run=true",
                body=body,
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
            answer = conn.getresponse()
            text = answer.read().decode("utf-8", "replace")
            conn.close()
            bomb_result["statuses"][answer.status] += 1
            bomb_result["uploads"] += 1
            bomb_result["seconds"] = max(bomb_result["seconds"], time.monotonic() - started)
            bomb_result["message"] = text[:160]
            if not more_time():
                break
            time.sleep(1)
    except Exception as e:
        failures.append(f"bomb: {e}")


share = ATTEMPTS // THREADS
workers = [
    threading.Thread(
        target=guess, args=(i * share, share + (ATTEMPTS % THREADS if i == 0 else 0))
    )
    for i in range(THREADS)
]
workers.append(threading.Thread(target=bomb))
for w in workers:
    w.start()
for w in workers:
    w.join()
seconds = time.monotonic() - STARTED
bomb_statuses = bomb_result["statuses"]

print(f"login statuses: {dict(sorted(statuses.items()))}")
print(f"zip bomb ({bomb_result.get('bytes', 0)} bytes): {bomb_result}")
for failure in failures:
    print(f"FAILED {failure}")
print(
    f"RESULT attempts={sum(statuses.values())} unauthorized={statuses[401]} "
    f"throttled={statuses[429]} other={sum(statuses.values()) - statuses[401] - statuses[429]} "
    f"bombs={bomb_result['uploads']} bombs_refused={bomb_statuses[400]} "
    f"bomb_slowest_s={bomb_result['seconds']:.2f} "
    f"seconds={seconds:.2f}"
)
sys.exit(1 if failures else 0)
