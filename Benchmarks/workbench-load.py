#!/usr/bin/env python3
"""Load test of the workbench on loopback: concurrent clients browsing while solves queue.

Starts `secondment serve` on a fresh workspace and any free port, keeps
rongchang-2024 (the planner's workbook), plans its first quarter and adopts
it (so the plan history holds a quarter), queues SOLVES solves of it at once,
and, once the first has a roster, has CLIENTS clients each load the page and
its views ROUNDS times while the other solves run or wait, as a planner
browsing does: the page, its script and style, the kept instances, the
district, the jobs, one job's status, its roster's view, why one person is
posted there, and the plan history with tenure. It prints the
page responses' latency (p50, p95, max), that every request succeeded, and
how every solve ended; it exits 1 when a request failed or a solve ended
without a roster or a clear error.

Traffic goes to 127.0.0.1 only and is bounded in count (CLIENTS x ROUNDS x 10
requests) and time (DEADLINE seconds).

usage: Benchmarks/workbench-load.py BINARY [CLIENTS] [ROUNDS] [SOLVES]
"""
import json, os, re, subprocess, sys, tempfile, threading, time, urllib.request

binary = sys.argv[1]
clients = int(sys.argv[2]) if len(sys.argv) > 2 else 50
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 10
solves = int(sys.argv[4]) if len(sys.argv) > 4 else 10
time_limit = 10
deadline = 600
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
workbook = os.path.join(root, "Tests/SheetsTests/Fixtures/rongchang-2024.xlsx")
xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

workspace = tempfile.mkdtemp(prefix="workbench-load-")
server = subprocess.Popen([binary, "serve", "--port", "0", "--workspace", workspace],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
address = re.search(r"http://\S+", server.stdout.readline()).group(0)


def call(method, path, body=None, content_type=None):
    request = urllib.request.Request(address + path.lstrip("/"), data=body, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read()


try:
    _, kept = call("POST", "/api/instances", open(workbook, "rb").read(), xlsx)
    instance = json.loads(kept)["id"]
    # The first quarter, planned and adopted: the history page then has a quarter and 105 tenures.
    quarter = json.loads(call("POST", f"/api/replan?quarter=2025Q1&instance={instance}&timeLimit={time_limit}")[1])["job"]
    while json.loads(call("GET", f"/api/jobs/{quarter}")[1])["state"] in ("queued", "running"):
        time.sleep(0.1)
    call("POST", f"/api/jobs/{quarter}/adopt", b'{"adoptedBy": "load"}', "application/json")
    jobs = [json.loads(call("POST", f"/api/solve?instance={instance}&timeLimit={time_limit}&solver=auto")[1])["job"]
            for _ in range(solves)]
    # Browsing starts once the first solve has a roster, while the others still run or wait.
    while not json.loads(call("GET", f"/api/jobs/{jobs[0]}")[1]).get("hasRoster"):
        time.sleep(0.1)
    people = [p["id"] for p in json.loads(call("GET", f"/api/jobs/{jobs[0]}/view?lang=zh")[1])["people"]]
    pages = ["/?lang=zh", "/app.js", "/app.css", "/api/instances", f"/api/instances/{instance}?lang=zh",
             "/api/jobs", f"/api/jobs/{jobs[0]}", None, "why", "/api/history?lang=zh"]
    latencies, failures, lock = [], [], threading.Lock()
    by_page = {}
    started = time.monotonic()

    def browse(client):
        for round in range(rounds):
            if time.monotonic() - started > deadline:
                return
            for page in pages:
                if page is None:  # the first solve's roster, as the roster page shows it
                    page = f"/api/jobs/{jobs[0]}/view?lang=zh"
                elif page == "why":  # why one person is posted there: each client asks of other people
                    page = f"/api/jobs/{jobs[0]}/why?person={people[(client * rounds + round) % len(people)]}&lang=zh"
                t = time.monotonic()
                try:
                    code, _ = call("GET", page)
                except Exception as error:  # a refused or failed request is a failure
                    with lock:
                        failures.append(f"{page}: {error}")
                    continue
                with lock:
                    latencies.append(time.monotonic() - t)
                    by_page.setdefault(page.split("?")[0].replace(instance, "ID").replace(jobs[0], "JOB"), []).append(
                        time.monotonic() - t)
                    if code != 200:
                        failures.append(f"{page}: {code}")

    threads = [threading.Thread(target=browse, args=(client,)) for client in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    browsing = time.monotonic() - started

    ends = {}
    while time.monotonic() - started < deadline:
        states = [json.loads(call("GET", f"/api/jobs/{job}")[1]) for job in jobs]
        if all(s["state"] in ("done", "failed", "cancelled") for s in states):
            ends = {s["id"]: s for s in states}
            break
        time.sleep(1)
    solving = time.monotonic() - started

    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    print(f"{clients} clients x {rounds} rounds, {solves} solves of rongchang-2024 queued at once "
          f"({time_limit} s each, auto)")
    print(f"page responses: {len(latencies)} in {browsing:.1f} s; p50 {pick(0.5):.1f} ms, "
          f"p95 {pick(0.95):.1f} ms, max {latencies[-1] * 1000:.1f} ms; failed {len(failures)}")
    for page, times in sorted(by_page.items()):
        times.sort()
        print(f"  {page}: {len(times)}, p50 {times[len(times) // 2] * 1000:.1f} ms, "
              f"p95 {times[min(len(times) - 1, int(0.95 * len(times)))] * 1000:.1f} ms")
    for failure in failures[:10]:
        print("  failed:", failure)
    unclear = [j for j in jobs if not ends.get(j) or not (ends[j]["hasRoster"] or ends[j].get("message"))]
    summary = {}
    for s in ends.values():
        key = s["state"] + (" with a roster" if s["hasRoster"] else "")
        summary[key] = summary.get(key, 0) + 1
    print(f"solves: {summary} after {solving:.1f} s; without a roster or a clear error: {len(unclear)}")
    sys.exit(1 if failures or unclear or len(ends) != solves else 0)
finally:
    server.terminate()
    server.wait()
