"""Protocol-level load test with Locust: N simultaneous sessions over Streamlit's websocket, no browser.

Each simulated user opens a session (`bench/streamlit_client.py`), runs one page — the overview, the
national map, the map with an area filter, a GI search, a county profile (?county=430822), in turn — then
changes the province filter (a real widget state, as a click does) and keeps its session open until the
round ends. Measured: time to `script_finished` and bytes received, for the first run (from loading the
page's HTML and connecting) and for the filter change (from the request); errors (an exception shown, a
closed stream, a timeout); server RSS per connected session (RSS with the N sessions open minus RSS idle,
/ N), server CPU seconds per user over the round, and users served per second (N / seconds until the last
user finished: compare 1 and 2 replicas with `--url`). The same round runs against an almost empty page
(`bench/floor_app.py`, first run and a rerun) started the same way, and the ratio of the two p95s is the
figure that holds across machines; `--floor-lines N` adds a round of the floor page with N more one-line
elements (`?lines=N`), the framework's cost of a page with as many elements as a dashboard page. Before the
rounds, each page is run alone a few times to give the server CPU of one new session and of one filter change.

All users start at once. Every round is bounded (`--duration`, default 180 s; runs still going then are
errors), servers listen on 127.0.0.1 only and are stopped at the end. `--replicas K` starts K replicas behind
nginx (`deploy/serve.sh K`, sticky sessions) instead of one process; `--url` targets a server already
running; give `--pid` (repeatable) for its RSS and CPU.

Run: python bench/load.py [--users 10 50 100 200] [--duration S] [--replicas K] [--url URL] [--pid PID]
     [--csv PREFIX] [--solo N] [--pages map map_area ...] [--floor-lines N]
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()  # before anything opens a socket (Locust expects it; websocket-client then cooperates)

import argparse  # noqa: E402
import csv  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from contextlib import ExitStack  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
import psutil  # noqa: E402
from locust import User, constant, task  # noqa: E402
from locust.env import Environment  # noqa: E402
from locust.stats import PERCENTILES_TO_REPORT, StatsCSV  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import Server, quantiles  # noqa: E402
from bench.replicas import Replicas  # noqa: E402
from bench.streamlit_client import Session  # noqa: E402

# (name, page, query string): what a user opens first; users take them in turn.
APP_PAGES = [
    ("overview", "", ""),
    ("map", "map", ""),  # the national map
    ("map_area", "map", "area=wuling"),
    ("gi_search", "gi", "q=%E7%99%BD%E8%8C%B6"),  # 白茶
    ("profile", "profiles", "county=430822"),
]
FLOOR_PAGES = [("floor", "", "")]
FILTER = ("province", ["湖南省"])  # the sidebar widget a user changes, to the label it shows in Chinese
SOLO_RUNS = 3  # sequential sessions per page for the CPU of one new session


@dataclass
class Target:
    """A server under test: its URL, the pages its users open, and the processes whose RSS/CPU count."""

    name: str
    url: str
    pages: list[tuple[str, str, str]]
    pids: list[int]
    change: tuple[str, list[str]] | None  # the widget change; None: a plain rerun (the floor has no widget)

    def procs(self) -> list[psutil.Process]:
        return [psutil.Process(p) for p in self.pids]

    def rss_mb(self) -> float:
        return sum(p.memory_info().rss for p in self.procs()) / 2**20 if self.pids else float("nan")

    def cpu_s(self) -> float:
        return sum(sum(p.cpu_times()[:2]) for p in self.procs()) if self.pids else float("nan")


@dataclass
class Round:
    """What one round's users share: the target, the next page index, the samples and the finish count."""

    target: Target
    deadline: float
    next_page: int = 0
    finished: int = 0
    running: dict[int, tuple[str, float]] = field(default_factory=dict)  # user → (run name, start)
    samples: dict[str, list[tuple[float, int, bool]]] = field(default_factory=dict)

    def record(self, env: Environment, name: str, seconds: float, nbytes: int, error: Exception | None) -> None:
        self.samples.setdefault(name, []).append((seconds, nbytes, error is None))
        env.events.request.fire(
            request_type="WS",
            name=name,
            response_time=seconds * 1000,
            response_length=nbytes,
            exception=error,
            context={},
        )


def scenario(user: User, rnd: Round) -> None:
    """One user's visit: open a session, run a page, change the filter; the session stays open."""
    target = rnd.target
    name, page, query = target.pages[rnd.next_page % len(target.pages)]
    rnd.next_page += 1
    user.session = Session(target.url, timeout=max(5.0, rnd.deadline - time.perf_counter()))
    steps = [("first", lambda s: s.run(page, query))]
    steps.append(("filter", (lambda s: s.set(*target.change)) if target.change else (lambda s: s.run())))
    me = id(user)
    try:
        for step, action in steps:
            started = time.perf_counter()
            rnd.running[me] = (f"{name} {step}", started)
            if step == "first":  # the first run's time includes loading the page and connecting
                user.session.open()
            run = action(user.session)
            error = None if run.ok else RuntimeError("; ".join(run.exceptions) or "page not found")
            rnd.record(user.environment, f"{name} {step}", time.perf_counter() - started, run.bytes, error)
            if error:
                break
    except Exception as exc:  # noqa: BLE001 - a failed session is counted, not fatal
        what, started = rnd.running[me]
        rnd.record(user.environment, what, time.perf_counter() - started, 0, exc)
    rnd.running.pop(me, None)
    rnd.finished += 1


def run_round(target: Target, n: int, duration: float, csv_prefix: str | None) -> dict:
    """N users at once against `target`; returns the samples and the server figures."""
    gevent.sleep(2.0)  # sessions of the last round are gone
    rss_idle, cpu0, wall0 = target.rss_mb(), target.cpu_s(), time.perf_counter()
    client_cpu0 = sum(psutil.Process().cpu_times()[:2])
    rnd = Round(target, deadline=time.perf_counter() + duration)

    class StreamlitUser(User):
        wait_time = constant(1)
        host = target.url

        def on_start(self):
            self.session = None
            self.done = False

        @task
        def visit(self):
            if not self.done:
                self.done = True
                scenario(self, rnd)

        def on_stop(self):
            if self.session is not None:
                self.session.close()

    env = Environment(user_classes=[StreamlitUser])
    runner = env.create_local_runner()
    runner.start(n, spawn_rate=n)
    while rnd.finished < n and time.perf_counter() < rnd.deadline:
        gevent.sleep(0.2)
    wall = time.perf_counter() - wall0
    rss_connected, cpu = target.rss_mb(), target.cpu_s() - cpu0
    client_cpu = sum(psutil.Process().cpu_times()[:2]) - client_cpu0
    unfinished = n - rnd.finished
    for name, started in rnd.running.values():  # runs still going at the deadline count as errors
        rnd.record(env, name, time.perf_counter() - started, 0, TimeoutError("round deadline"))
    runner.quit()
    if csv_prefix:
        write_csv(env, f"{csv_prefix}_{target.name}_{n}")
    return {
        "n": n,
        "samples": rnd.samples,
        "unfinished": unfinished,
        "rss_idle": rss_idle,
        "rss_per_session": (rss_connected - rss_idle) / n,
        "cpu_per_user": cpu / n,
        "wall": wall,
        "client_cpu": client_cpu,
    }


def write_csv(env: Environment, prefix: str) -> None:
    """Locust's request and failure statistics as CSV files `<prefix>_stats.csv`, `<prefix>_failures.csv`."""
    out = StatsCSV(env, PERCENTILES_TO_REPORT)
    Path(prefix).parent.mkdir(parents=True, exist_ok=True)
    for suffix, write in (("stats", out.requests_csv), ("failures", out.failures_csv)):
        with open(f"{prefix}_{suffix}.csv", "w", newline="") as fh:
            write(csv.writer(fh))


def solo_cpu(target: Target, runs: int = SOLO_RUNS) -> dict[str, tuple[float, float, float, float]]:
    """Server CPU seconds of one new session's first run and of one filter change, per page: median and mean of
    `runs` sequential sessions, after one warm-up session per page and server process (replicas take new sessions in
    turn; the mean resolves below the 10 ms tick)."""
    out = {}
    warm = max(1, len(target.pids))
    for name, page, query in target.pages:
        firsts, changes = [], []
        for i in range(runs + warm):
            with Session(target.url) as s:
                c0 = target.cpu_s()
                s.run(page, query)
                c1 = target.cpu_s()
                s.set(*target.change) if target.change else s.run()
                c2 = target.cpu_s()
            if i >= warm:  # the first sessions warm the caches
                firsts.append(c1 - c0)
                changes.append(c2 - c1)
        out[name] = (quantiles(firsts)[0], quantiles(changes)[0], sum(firsts) / runs, sum(changes) / runs)
    return out


def summary(samples: dict[str, list[tuple[float, int, bool]]], step: str, page: str = "") -> dict:
    """Pooled over pages (or of one `page`): count, errors, p50/p95/max seconds (errors count at their
    time), mean kB of the runs without error."""
    rows = [x for name, xs in samples.items() if name.endswith(f" {step}") and name.startswith(page) for x in xs]
    times = [s for s, _, _ in rows]
    p50, p95 = quantiles(times)
    ok = [b for _, b, good in rows if good]
    return {
        "count": len(rows),
        "errors": sum(not good for *_, good in rows),
        "p50": p50,
        "p95": p95,
        "max": max(times, default=float("nan")),
        "kb": sum(ok) / len(ok) / 1000 if ok else float("nan"),
    }


def report(results: dict[str, list[dict]], solo: dict[str, dict]) -> None:
    print("\nserver CPU of one session run alone (s): first run / filter change, median; mean")
    for tname, per_page in solo.items():
        for page, (first, change, first_mean, change_mean) in per_page.items():
            print(f"  {tname:6} {page:10} {first:6.3f} / {change:6.3f}; {first_mean:6.3f} / {change_mean:6.3f}")
    print(
        "\nN users at once: seconds to script_finished (p50 / p95 / max; first run from loading the page), kB per run"
    )
    header = f"{'target':7}{'N':>5}{'step':>8}{'runs':>6}{'err':>5}{'p50':>8}{'p95':>8}{'max':>8}{'kB':>8}"
    print(header + f"{'RSS/session MB':>16}{'CPU s/user':>12}{'round s':>9}{'users/s':>9}{'client CPU s':>14}")
    for tname, rounds in results.items():
        for r in rounds:
            for step in ("first", "filter"):
                s = summary(r["samples"], step)
                line = f"{tname:7}{r['n']:>5}{step:>8}{s['count']:>6}{s['errors']:>5}"
                line += f"{s['p50']:>8.2f}{s['p95']:>8.2f}{s['max']:>8.2f}{s['kb']:>8.0f}"
                if step == "first":
                    line += f"{r['rss_per_session']:>16.2f}{r['cpu_per_user']:>12.3f}"
                    line += f"{r['wall']:>9.1f}{r['n'] / r['wall']:>9.1f}{r['client_cpu']:>14.1f}"
                print(line)
            for name in sorted({k.split()[0] for k in r["samples"]}) if len(r["samples"]) > 2 else []:
                for step in ("first", "filter"):
                    s = summary(r["samples"], step, name + " ")
                    line = f"{'':7}{'':>5}{step:>8}{s['count']:>6}{s['errors']:>5}"
                    line += f"{s['p50']:>8.2f}{s['p95']:>8.2f}{s['max']:>8.2f}{s['kb']:>8.0f}  {name}"
                    print(line)
            if r["unfinished"]:
                print(f"{'':7}{r['n']:>5}  {r['unfinished']} users had not finished at the deadline")
    for r in results.get("app", []):  # throughput: users served (first run + filter change) per second of the round
        print(f"app_users_per_s_{r['n']}={r['n'] / r['wall']:.2f}")
    for top, bottom, tag in (("app", "floor", ""), ("lines", "floor", "lines_"), ("app", "lines", "app_lines_")):
        if top not in results or bottom not in results:
            continue
        print(f"\nratio p95 {top} / p95 {bottom} (same N, same run)")
        floor = {r["n"]: r for r in results[bottom]}
        for r in results[top]:
            if r["n"] not in floor:
                continue
            ratios = [
                summary(r["samples"], step)["p95"] / summary(floor[r["n"]]["samples"], step)["p95"]
                for step in ("first", "filter")
            ]
            print(f"  N={r['n']:>4}: first run {ratios[0]:.2f}x, filter change {ratios[1]:.2f}x")
            print(f"ratio_{tag}p95_first_{r['n']}={ratios[0]:.2f}")
            print(f"ratio_{tag}p95_filter_{r['n']}={ratios[1]:.2f}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--users", type=int, nargs="+", default=[10, 50, 100, 200], help="concurrency levels")
    ap.add_argument("--duration", type=float, default=180.0, help="longest round, seconds (bounded)")
    ap.add_argument("--url", help="an already running dashboard (e.g. nginx in front of replicas)")
    ap.add_argument("--pid", type=int, action="append", default=[], help="server process id(s) for --url")
    ap.add_argument("--replicas", type=int, default=1, help="K replicas behind nginx (deploy/serve.sh K)")
    ap.add_argument("--no-floor", action="store_true", help="skip the empty-page floor")
    ap.add_argument(
        "--floor-lines", type=int, default=0, help="also the floor page with N more one-line elements (`lines`)"
    )
    ap.add_argument("--csv", help="write Locust CSV statistics as PREFIX_<target>_<N>_stats.csv")
    ap.add_argument("--solo", type=int, default=SOLO_RUNS, help="sessions per page for the CPU of one session alone")
    names = [name for name, *_ in APP_PAGES]
    ap.add_argument("--pages", nargs="+", choices=names, default=names, help="the pages users open (default all)")
    args = ap.parse_args(argv)
    pages = [p for p in APP_PAGES if p[0] in args.pages]
    if any(n < 1 or n > 500 for n in args.users) or not 5 <= args.duration <= 1800 or not 1 <= args.solo <= 50:
        ap.error("users 1-500, duration 5-1800 s, solo 1-50")
    if not 1 <= args.replicas <= 16 or (args.url and args.replicas > 1):
        ap.error("replicas 1-16, and not with --url")

    targets = []
    with ExitStack() as servers:
        if args.url:
            targets.append(Target("app", args.url.rstrip("/"), pages, args.pid, FILTER))
        elif args.replicas > 1:
            group = servers.enter_context(Replicas(args.replicas))
            targets.append(Target("app", group.url, pages, group.pids, FILTER))
        else:
            srv = servers.enter_context(Server())
            targets.append(Target("app", srv.url, pages, [srv.proc.pid], FILTER))
        if not args.no_floor:
            srv = servers.enter_context(Server(script="bench/floor_app.py"))
            targets.append(Target("floor", srv.url, FLOOR_PAGES, [srv.proc.pid], None))
            if args.floor_lines:
                lines = [("lines", "", f"lines={args.floor_lines}")]
                targets.append(Target("lines", srv.url, lines, [srv.proc.pid], None))
        solo = {t.name: solo_cpu(t, args.solo) for t in targets}  # also warms every page (CPU nan without --pid)
        results: dict[str, list[dict]] = {t.name: [] for t in targets}
        for n in args.users:
            for t in targets:
                results[t.name].append(run_round(t, n, args.duration, args.csv))
                print(f"  {t.name} N={n} done", file=sys.stderr, flush=True)
    report(results, solo)


if __name__ == "__main__":
    main()
