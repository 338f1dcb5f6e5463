#!/usr/bin/env python3
"""Statistics for bench/fidelity.sh: the client's TTFT error against the simulator's log.

Standard library only. Never invents a figure: anything not measured prints as "n/a".

  point  --streams N --tokens-per-s R --dir DIR --first-event-ms MS [--sim-hwm-kib K]
         reads DIR/run/samples.csv, DIR/server.log, DIR/run/manifest.json, DIR/client.time
         ("%e %U %S %M" from GNU time) and DIR/monitor.json (fidelity_monitor.py), and prints one
         JSON object of figures.
  table  POINT.json...   prints the Markdown table (the first point with 1 stream is the RSS base).
  p99    POINT.json      prints the TTFT error p99 in ms ("nan" when there is none).
"""
import argparse
import csv
import json
import math
import sys


def percentile(values, q):
    """Hyndman-Fan type 7 (numpy's default): linear interpolation between order statistics."""
    if not values:
        return None
    ordered = sorted(values)
    h = (len(ordered) - 1) * q / 100.0
    lo = math.floor(h)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (h - lo) * (ordered[hi] - ordered[lo])


def spread(values):
    """p50, p99 and max of a list (None each when empty)."""
    return {"p50": percentile(values, 50), "p99": percentile(values, 99),
            "max": max(values) if values else None}


def read_log(path):
    """request_id -> the simulator's record; a line torn by a kill is skipped."""
    records = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("request_id"):
                records[record["request_id"]] = record
    return records


def read_client_time(path):
    """GNU time's "%e %U %S %M": wall s, user s, system s, peak RSS KiB."""
    try:
        with open(path, encoding="utf-8") as f:
            fields = f.read().split()[-4:]
        wall_s, user_s, sys_s, rss_kib = (float(x) for x in fields)
        return {"wall_s": wall_s, "cpu_s": user_s + sys_s, "peak_rss_kib": rss_kib}
    except (OSError, ValueError):
        return {"wall_s": None, "cpu_s": None, "peak_rss_kib": None}


def read_json(path):
    """The object in a JSON file, or {} when it is missing or unreadable (a failed run)."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def read_rows(path):
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except OSError:
        return []


def point(args):
    try:
        log = read_log(f"{args.dir}/server.log")
    except OSError:
        log = {}
    lateness = read_json(f"{args.dir}/run/manifest.json").get("client_lateness") or {}
    rows = matched = failed = 0
    error_ms, after_connect_ms, connect_ms, sim_late_ms = [], [], [], []
    for row in read_rows(f"{args.dir}/run/samples.csv"):
        rows += 1
        if row["error"]:
            failed += 1
            continue
        record = log.get(row["request_id"])
        if record is None or record.get("first_event_ns") is None or not row["ttft_ms"]:
            continue
        matched += 1
        # The server's own first-event time relative to its receipt of the whole request.
        server_ms = (record["first_event_ns"] - record["received_ns"]) / 1e6
        error = float(row["ttft_ms"]) - server_ms
        error_ms.append(error)
        sim_late_ms.append(server_ms - args.first_event_ms)
        if row["connect_ms"]:
            connect_ms.append(float(row["connect_ms"]))
            after_connect_ms.append(error - float(row["connect_ms"]))
    client = read_client_time(f"{args.dir}/client.time")
    monitor = read_json(f"{args.dir}/monitor.json")
    out = {
        "streams": args.streams, "tokens_per_s": args.tokens_per_s,
        "rows": rows, "matched": matched, "errors": failed,
        "error_ms": spread(error_ms), "after_connect_ms": spread(after_connect_ms),
        "connect_ms": spread(connect_ms), "sim_late_ms": spread(sim_late_ms),
        "lateness": lateness, "client": client, "load": monitor,
        "sim_peak_rss_kib": args.sim_hwm_kib or None,
    }
    json.dump(out, sys.stdout)
    print()


def ms(value, digits=3):
    return "n/a" if value is None else f"{value:.{digits}f}"


def trio(figures):
    return f"{ms(figures['p50'])} / {ms(figures['p99'])} / {ms(figures['max'])}"


def percent(share):
    return "n/a" if share is None else f"{share * 100:.0f}%"


def cpu_per_request(p, who):
    """CPU time per request during the load phase, in microseconds: "user+kernel"."""
    share, load_s = p["load"].get(f"{who}_cpu_share"), p["load"].get("load_s")
    kernel = p["load"].get(f"{who}_kernel_share")
    if share is None or kernel is None or not load_s or not p["rows"]:
        return "n/a"
    per_request_s = load_s / p["rows"] * 1e6
    return f"{(share - kernel) * per_request_s:.0f}+{kernel * per_request_s:.0f}"


def label(p):
    """The point's name: its streams, and its token rate when it is not the standard 50/s."""
    rate = p.get("tokens_per_s", 50)
    return f"{p['streams']:,}" + ("" if rate == 50 else f" at {rate:g} tokens/s")


def simulator_verdict(p):
    """Whether the simulator's own first events left on time, and if not, what held it back."""
    late_p99 = p["sim_late_ms"]["p99"]
    share = p["load"].get("sim_cpu_share")
    core = p["load"].get("core_busy_share", {}).get("1")
    figures = f"late p99 {ms(late_p99)} ms, CPU {percent(share)}"
    if late_p99 is None:
        return "n/a"
    if late_p99 <= 1.0:
        return "kept up: " + figures
    if share is not None and share >= 0.7:
        return "simulator-bound (its core saturated): " + figures
    if share is not None and core is not None and core - share >= 0.2:
        return f"simulator starved (other processes on its core, {percent(core)} busy): " + figures
    return "simulator late: " + figures


def table(args):
    points = []
    for path in args.points:
        with open(path, encoding="utf-8") as f:
            points.append(json.load(f))
    points.sort(key=lambda p: (-p.get("tokens_per_s", 50), p["streams"]))
    base = next((p for p in points if p["streams"] == 1), None)
    base_rss = base["load"].get("client_rss_peak_kib") if base else None
    print("| streams | rows matched / errors | TTFT error p50 / p99 / max (ms) "
          "| connect_ms p50 / p99 / max | error − connect_ms p50 / p99 / max "
          "| client timer wake-up p99 / max (ms) | client loop busy p99 / max (ms) "
          "| client send lag p99 (ms) | load phase (s) | client CPU "
          "| CPU µs per request (user+kernel), client / simulator "
          "| core 0 / core 1 busy, all processes "
          "| client RSS in load / whole run (MiB) | KiB per stream | simulator |")
    print("|" + "---|" * 15)
    for p in points:
        late, load = p["lateness"], p["load"]
        rss = load.get("client_rss_peak_kib")
        per_stream = "n/a (base)"
        if p is not base:
            per_stream = "n/a"
            if rss is not None and base_rss is not None:
                per_stream = f"{(rss - base_rss) / p['streams']:.1f}"
        whole = p["client"]["peak_rss_kib"]
        cores = load.get("core_busy_share", {})
        print(f"| {label(p)} | {p['matched']:,} of {p['rows']:,} / {p['errors']:,} "
              f"| {trio(p['error_ms'])} | {trio(p['connect_ms'])} | {trio(p['after_connect_ms'])} "
              f"| {ms(late.get('wake_p99_ms'))} / {ms(late.get('wake_max_ms'))} "
              f"| {ms(late.get('busy_p99_ms'))} / {ms(late.get('busy_max_ms'))} "
              f"| {ms(late.get('send_lag_p99_ms'))} | {ms(load.get('load_s'), 2)} "
              f"| {percent(load.get('client_cpu_share'))} "
              f"| {cpu_per_request(p, 'client')} / {cpu_per_request(p, 'sim')} "
              f"| {percent(cores.get('0'))} / {percent(cores.get('1'))} "
              f"| {ms(rss / 1024 if rss else None, 1)} / {ms(whole / 1024 if whole else None, 1)} "
              f"| {per_stream} | {simulator_verdict(p)} |")


def p99(args):
    with open(args.point, encoding="utf-8") as f:
        value = json.load(f)["error_ms"]["p99"]
    print("nan" if value is None else f"{value:.6f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("point")
    one.add_argument("--streams", type=int, required=True)
    one.add_argument("--tokens-per-s", type=float, default=50)
    one.add_argument("--dir", required=True)
    one.add_argument("--first-event-ms", type=float, required=True)
    one.add_argument("--sim-hwm-kib", type=float, default=0)
    one.set_defaults(run=point)
    many = commands.add_parser("table")
    many.add_argument("points", nargs="+")
    many.set_defaults(run=table)
    last = commands.add_parser("p99")
    last.add_argument("point")
    last.set_defaults(run=p99)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
