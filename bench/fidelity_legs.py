#!/usr/bin/env python3
"""Where the TTFT error of one stream goes (bench/fidelity.sh). Standard library only.

  fidelity_legs.py --trace TRACE --client-pid PID --dir DIR
TRACE is `perf script --ns -F pid,time,event,trace` of raw_syscalls:sys_enter/sys_exit, recorded
with -k CLOCK_MONOTONIC: the clock of the simulator's log, so both sides share one time line.
DIR holds run/samples.csv and server.log of a run with a fresh connection per request, one
request at a time. Per request, the error (client ttft_ms − simulator first_event − received)
splits into legs that add up to it exactly:
  client, before connect   t0 → the client's socket() call, plus the client's read → its stamp
                           (the remainder: the client's own work, outside any system call)
  connect and send         the client's socket() → its send of the request returns
  to the simulator's stamp the send returns → the simulator's received_ns (delivery, its wake-up,
                           accept, read, HTTP parse)
  back to the client       the simulator's first_event_ns → the client's read of that event returns
Tracing costs a few µs per system call, so the legs are a little longer than untraced.
Prints a Markdown table: p50 / p99 / max per leg, in µs.
"""
import argparse
import bisect
import csv
import json
import re

from fidelity_stats import percentile  # type 7, as everywhere in ttftbench

SYS_SOCKET, SYS_SENDTO, SYS_RECVFROM = 41, 44, 45
LINE = re.compile(r"\s*(\d+)\s+([\d.]+):\s+raw_syscalls:sys_(enter|exit):\s+NR (\d+)(?: = (-?\d+))?")


def client_requests(trace, client_pid):
    """Per request of the client, in start order: socket() entry, the request's send, data reads."""
    requests = []
    with open(trace, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line)
            if not m or m.group(1) != client_pid:
                continue
            _, seconds, kind, nr, ret = m.groups()
            t_ns, nr = round(float(seconds) * 1e9), int(nr)
            if kind == "enter" and nr == SYS_SOCKET:
                requests.append({"socket": t_ns, "reads": []})
            elif requests and kind == "exit" and nr == SYS_SENDTO and "sent" not in requests[-1]:
                requests[-1]["sent"] = t_ns
            elif requests and kind == "exit" and nr == SYS_RECVFROM and ret and int(ret) > 0:
                requests[-1]["reads"].append(t_ns)
    return requests


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trace", required=True)
    parser.add_argument("--client-pid", required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    with open(f"{args.dir}/server.log", encoding="utf-8") as f:
        log = {j["request_id"]: j for j in map(json.loads, f)}
    with open(f"{args.dir}/run/samples.csv", encoding="utf-8") as f:
        rows = sorted((r for r in csv.DictReader(f) if r["ttft_ms"]), key=lambda r: int(r["seq"]))
    # A request is the client's last send before the simulator's receipt (one request at a time).
    requests = sorted((r for r in client_requests(args.trace, args.client_pid) if "sent" in r),
                      key=lambda r: r["sent"])
    sent_at = [r["sent"] for r in requests]
    legs = {"client, before connect and after its read": [], "connect and send": [],
            "to the simulator's stamp": [], "back to the client": [], "TTFT error": []}
    skipped = 0
    for row in rows:
        server = log.get(row["request_id"])
        at = bisect.bisect_right(sent_at, server["received_ns"]) - 1 if server else -1
        request = requests[at] if at >= 0 else None
        # The headers come in the first read, the first event (50 ms later) in the second.
        if (request is None or len(request["reads"]) < 2 or row["connection_reused"] == "true"
                or server["received_ns"] - request["sent"] > 100_000_000):
            skipped += 1
            continue
        error = float(row["ttft_ms"]) * 1e6 - (server["first_event_ns"] - server["received_ns"])
        connect_send = request["sent"] - request["socket"]
        to_server = server["received_ns"] - request["sent"]
        back = request["reads"][1] - server["first_event_ns"]
        for name, ns in (("connect and send", connect_send), ("to the simulator's stamp", to_server),
                         ("back to the client", back), ("TTFT error", error),
                         ("client, before connect and after its read", error - connect_send - to_server - back)):
            legs[name].append(ns / 1e3)
    n = len(legs["TTFT error"])
    print(f"Legs of the TTFT error at 1 stream, from a system-call trace (perf, CLOCK_MONOTONIC), "
          f"{n} requests ({skipped} not matched), in µs; each leg's percentiles are its own:")
    print()
    print("| leg | p50 | p99 | max |")
    print("|---|---|---|---|")
    for name, values in legs.items():
        if values:
            print(f"| {name} | {percentile(values, 50):.1f} | {percentile(values, 99):.1f} | {max(values):.1f} |")
        else:
            print(f"| {name} | n/a | n/a | n/a |")


if __name__ == "__main__":
    main()
