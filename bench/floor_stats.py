#!/usr/bin/env python3
"""Figures of bench/floor.sh beside the goals. Standard library only; "n/a" where not measured.

  raw   --csv RAW.csv --log server.log   the raw client's TTFT error (JSON, like a point's error_ms)
  table --out DIR --open-loop-rate R     the Markdown table from DIR's points (fidelity_stats.py point)
"""
import argparse
import csv
import json
import sys

from fidelity_stats import cpu_per_request, ms, read_json, read_log, simulator_verdict, spread


def raw(args):
    log = read_log(args.log)
    errors, failed = [], 0
    with open(args.csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            record = log.get(row["request_id"])
            if row["error"] or record is None or record.get("first_event_ns") is None:
                failed += 1
                continue
            errors.append(float(row["ttft_ms"]) - (record["first_event_ns"] - record["received_ns"]) / 1e6)
    json.dump({"matched": len(errors), "errors": failed, "error_ms": spread(errors)}, sys.stdout)
    print()


def verdict(value, limit):
    if value is None:
        return "n/a"
    return "met" if value <= limit else "not met"


def rows_for_one_stream(points, mode):
    ours, floor = points[f"n-1-{mode}"], points[f"raw-{'1' if mode == 'kept' else '0'}"]
    a, b = ours.get("error_ms", {}), floor.get("error_ms", {})
    gap = a["p50"] - b["p50"] if a.get("p50") is not None and b.get("p50") is not None else None
    rows = [(f"1 stream, {mode}: error p50 / p99, ttftbench vs raw epoll client",
             "p50 within 0.05 ms of the raw client's",
             f"{ms(a.get('p50'))} / {ms(a.get('p99'))} vs {ms(b.get('p50'))} / {ms(b.get('p99'))} ms "
             f"(gap {ms(gap)})", verdict(gap, 0.05))]
    if mode == "kept":
        rows.append(("1 stream, kept: error p99", "≤ 0.3 ms", f"{ms(a.get('p99'))} ms", verdict(a.get("p99"), 0.3)))
    return rows


def table(args):
    names = ["n-1-fresh", "n-1-kept", "raw-0", "raw-1", "n-1000", "n-5000", "n-5000-at-5",
             f"n-{2 * args.open_loop_rate}-open-loop"]
    points = {name: read_json(f"{args.out}/{name}/point.json") for name in names}
    rows = rows_for_one_stream(points, "fresh") + rows_for_one_stream(points, "kept")
    many, base = points["n-5000"], points["n-1-fresh"]
    rss, base_rss = (p.get("load", {}).get("client_rss_peak_kib") for p in (points["n-5000-at-5"], base))
    per_stream = (rss - base_rss) / 5000 if rss is not None and base_rss is not None else None
    e, slow = many.get("error_ms", {}), points["n-5000-at-5"]
    slow_e = slow.get("error_ms", {})
    rows += [("5,000 streams: error p99 / max, simulator", "p99 ≤ 10 ms",
              f"{ms(e.get('p99'))} / {ms(e.get('max'))} ms; {simulator_verdict(many) if many else 'n/a'}",
              verdict(e.get("p99"), 10)),
             ("5,000 streams at 5 tokens/s: error p99 / max, simulator", "p99 ≤ 10 ms",
              f"{ms(slow_e.get('p99'))} / {ms(slow_e.get('max'))} ms; {simulator_verdict(slow) if slow else 'n/a'}",
              verdict(slow_e.get("p99"), 10)),
             ("5,000 streams: rows / errors", "no errors", f"{many.get('rows', 'n/a')} / {many.get('errors', 'n/a')}",
              "n/a" if "errors" not in many else ("met" if many["errors"] == 0 else "not met")),
             ("5,000 streams at 5 tokens/s: client RSS per stream (over 1 stream)", "≤ 32 KiB",
              f"{ms(per_stream, 1)} KiB", verdict(per_stream, 32))]
    loop = points[f"n-{2 * args.open_loop_rate}-open-loop"]
    late, load, e = loop.get("lateness", {}), loop.get("load", {}), loop.get("error_ms", {})
    load_s, served = load.get("load_s"), loop.get("rows")
    rate = served / load_s if load_s and served else None
    # CPU time per request on each side; its inverse bounds what one core can serve.
    per_request = {who: load[f"{who}_cpu_share"] * load_s / served * 1e6
                   for who in ("client", "sim") if load.get(f"{who}_cpu_share") and load_s and served}
    ceilings = ", ".join(f"{who} {us:.0f} µs per request (one core: at most {1e6 / us:,.0f} req/s)"
                         for who, us in per_request.items()) or "CPU per request n/a"
    rows += [(f"{args.open_loop_rate:,} req/s open loop: send lag p50 / p99", "p99 ≤ 1 ms",
              f"{ms(late.get('send_lag_p50_ms'))} / {ms(late.get('send_lag_p99_ms'))} ms",
              verdict(late.get("send_lag_p99_ms"), 1)),
             (f"{args.open_loop_rate:,} req/s open loop: error p99", "≤ 2 ms", f"{ms(e.get('p99'))} ms",
              verdict(e.get("p99"), 2)),
             (f"{args.open_loop_rate:,} req/s open loop: what was served",
              "(the simulator's own limit)",
              f"{'n/a' if rate is None else f'{rate:,.0f}'} req/s over {ms(load_s, 2)} s, {served} rows, "
              f"{loop.get('errors', 'n/a')} errors; CPU share client / simulator "
              f"{ms(load.get('client_cpu_share'), 2)} / {ms(load.get('sim_cpu_share'), 2)}; {ceilings}", "—")]
    cpu = cpu_per_request(points["n-1000"], "client") if points["n-1000"].get("load") else "n/a"
    total = None if cpu == "n/a" else sum(int(x) for x in cpu.split("+")) / 1000
    rows.append(("1,000 streams: client CPU per request (user+kernel µs)", "≤ 0.2 ms", f"{cpu} µs",
                 verdict(total, 0.2)))
    print("| point | goal | measured | goal met |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("raw")
    one.add_argument("--csv", required=True)
    one.add_argument("--log", required=True)
    one.set_defaults(run=raw)
    many = commands.add_parser("table")
    many.add_argument("--out", required=True)
    many.add_argument("--open-loop-rate", type=int, required=True)
    many.set_defaults(run=table)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
