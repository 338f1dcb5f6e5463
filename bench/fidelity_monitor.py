#!/usr/bin/env python3
"""Runs and watches the client of one fidelity run (bench/fidelity.sh). Stdlib only.

  fidelity_monitor.py --sim PID --samples CSV --rows N --out JSON -- COMMAND...
runs COMMAND (the client, under taskset and GNU time) and, while it sends, samples /proc every
20 ms: the client's and the simulator's CPU time, the client's resident memory, both cores' busy
time (every process, ours and others'), and how many rows samples.csv holds. The load phase ends
when the last expected row is written; what the client does after that (summaries, bootstrap)
is not load. Writes one JSON object to --out:
  load_s, client_cpu_share, sim_cpu_share (user + kernel), client_kernel_share,
  sim_kernel_share (the kernel part alone), core_busy_share {core: share},
  client_rss_peak_kib (resident memory during the load phase, before the reports are built).
Exits with COMMAND's exit code. Sampling stops after --max-s seconds at most.
"""
import argparse
import json
import os
import subprocess
import sys
import time

TICKS_PER_S = os.sysconf("SC_CLK_TCK")


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def find_descendant(pid, name, depth=4):
    """The first process named `name` under `pid` (timeout → taskset/time → ttftbench)."""
    for child in children(pid):
        try:
            with open(f"/proc/{child}/comm", encoding="utf-8") as f:
                if f.read().strip() == name:
                    return child
        except OSError:
            continue
        if depth > 0:
            found = find_descendant(child, name, depth - 1)
            if found:
                return found
    return None


def cpu_ticks(pid):
    """(utime, stime) of a process, or None once it has exited."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]), int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def core_ticks(cores):
    """core -> (busy, total) ticks from /proc/stat."""
    out = {}
    with open("/proc/stat", encoding="ascii") as f:
        for line in f:
            name = line.split(maxsplit=1)[0]
            if name.startswith("cpu") and name[3:].isdigit() and int(name[3:]) in cores:
                values = [int(x) for x in line.split()[1:]]
                idle = values[3] + values[4]  # idle + iowait
                out[int(name[3:])] = (sum(values) - idle, sum(values))
    return out


class RowCounter:
    """Counts the lines of a growing file, reading only what was appended since the last call."""

    def __init__(self, path):
        self.path, self.offset, self.lines = path, 0, 0

    def count(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                chunk = f.read()
        except OSError:
            return self.lines
        self.offset += len(chunk)
        self.lines += chunk.count(b"\n")
        return self.lines


def watch(client, args):
    """Samples until the load phase ends or the client exits; the figures as a dict."""
    cores = [int(c) for c in args.cores.split(",")]
    result = {"load_s": None, "client_cpu_share": None, "sim_cpu_share": None,
              "client_kernel_share": None, "sim_kernel_share": None,
              "core_busy_share": {}, "client_rss_peak_kib": None}
    rows = RowCounter(args.samples)
    started = time.monotonic()
    first = (started, cpu_ticks(client), cpu_ticks(args.sim), core_ticks(cores))
    last, peak_rss = first, 0
    while time.monotonic() - started < args.max_s:
        ticks = cpu_ticks(client)
        if ticks is None:
            break
        peak_rss = max(peak_rss, rss_kib(client) or 0)
        last = (time.monotonic(), ticks, cpu_ticks(args.sim), core_ticks(cores))
        if rows.count() >= args.rows + 1:  # the header line, then one per request
            break
        time.sleep(0.02)
    wall_s = last[0] - first[0]
    if wall_s > 0 and None not in (first[1], last[1], first[2], last[2]):
        result["load_s"] = wall_s
        for who, at in (("client", 1), ("sim", 2)):
            user = (last[at][0] - first[at][0]) / TICKS_PER_S / wall_s
            kernel = (last[at][1] - first[at][1]) / TICKS_PER_S / wall_s
            result[f"{who}_cpu_share"] = user + kernel
            result[f"{who}_kernel_share"] = kernel
        for core in cores:
            busy = last[3][core][0] - first[3][core][0]
            total = last[3][core][1] - first[3][core][1]
            result["core_busy_share"][str(core)] = busy / total if total else None
        result["client_rss_peak_kib"] = peak_rss or None
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sim", type=int, required=True, help="the simulator's pid")
    parser.add_argument("--samples", required=True, help="the run's samples.csv")
    parser.add_argument("--rows", type=int, required=True, help="rows the run will write")
    parser.add_argument("--out", required=True, help="where the JSON goes")
    parser.add_argument("--cores", default="0,1")
    parser.add_argument("--max-s", type=float, default=300)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    process = subprocess.Popen(command)
    client = None
    for _ in range(1000):  # at most ~5 s for exec and fork to reach the client
        client = find_descendant(process.pid, "ttftbench")
        if client is not None or process.poll() is not None:
            break
        time.sleep(0.005)
    figures = watch(client, args) if client is not None else {}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(figures, f)
    sys.exit(process.wait())


if __name__ == "__main__":
    main()
