#!/usr/bin/env python3
"""Writes a synthetic but valid results folder for benchmarking `ttftbench report`.

The folder holds samples.csv (the 34 columns `run` wrote up to first_token_kind; readers take
files without the five later columns, docs/results.md ("Reading a folder back")),
manifest.json (with the scenario copy `report` reads targets, phases and prices from) and
expected.json (the counts a correct report must show, for bench/analysis.sh to check).
Deterministic for a given --seed. Standard library only; never touches the network.

Usage: gen_samples.py OUT_DIR [--rows N] [--seed S]
"""

import argparse
import hashlib
import json
import math
import os
import random
import statistics
import sys

# Column order of src/samples/sample.cpp up to first_token_kind (docs/results.md ("Columns")).
HEADER = (
    "run_id,region,shard,phase,cold,seq,target,protocol,model,request_id,started_at,"
    "send_lag_ms,idle_before_s,connection_reused,pop,http_status,error,error_detail,"
    "dns_ms,connect_ms,tls_ms,ttfb_ms,ttft_ms,first_token_ms,e2e_ms,input_tokens,"
    "output_tokens,token_source,events,itl_p50_ms,itl_p95_ms,decode_tps,cost_usd,"
    "first_token_kind\n"
)

RUN_ID = "bench-20260101T000000Z"
COLD_FRACTION = 0.05         # cold phase share of the rows (the rest is warm)
ERROR_FRACTION = 0.01        # about 1% of rows fail
WARM_INTERVAL_MS = 60        # open-loop spacing between request starts across targets
COLD_IDLE_S = 1800           # the scenario's idle before each cold request

# Per target: protocol, model, PoPs, first-event latency (lognormal median ms and sigma) for
# cold and warm, decode rate (tokens/s) and cost per token in pico-dollars (input, output).
TARGETS = {
    "edge": {
        "protocol": "workers-ai", "model": "@cf/meta/llama-3.1-8b-instruct-fast",
        "pops": ["FRA", "AMS", "CDG", "LHR"],
        "ttfb": {"cold": (330.0, 0.45), "warm": (150.0, 0.35)},
        "decode_tps": 140.0,
        # neurons: 4119 / 34868 per Mtok at 0.011 USD per 1k neurons
        "pusd_per_token": (45309.0, 383548.0),
        "pricing": {"neurons": {"input_per_mtok": 4119, "output_per_mtok": 34868,
                                "usd_per_1k_neurons": 0.011, "free_per_day": 10000}},
    },
    "central": {
        "protocol": "openai-chat", "model": "gpt-4o-mini", "pops": [""],
        "ttfb": {"cold": (230.0, 0.40), "warm": (200.0, 0.50)},
        "decode_tps": 90.0,
        "pusd_per_token": (150000.0, 600000.0),
        "pricing": {"input_usd_per_mtok": 0.15, "output_usd_per_mtok": 0.60},
    },
}

# Error classes, their HTTP status and detail; details with commas and quotes exercise the
# CSV quoting. "stage" says how far the request got, hence which cells are measured.
ERRORS = [
    ("rate_limited", 429, 'HTTP 429, retry-after: 2; {"error": {"message": "Rate limit reached, '
                          'retry in 2s", "type": "requests"}}', "headers"),
    ("http_5xx", 503, 'HTTP 503: {"error": {"message": "overloaded, retry", "code": 503}}',
     "headers"),
    ("timeout_first_event", 200, "no event within 10s", "headers"),
    ("truncated", 200, "stream ended after 9 events without its end marker "
                       "(Recv failure: Connection reset by peer)", "tokens"),
    ("stream", 200, '{"error":{"message":"The server had an error, sorry","type":"server_error"}}',
     "first_event"),
    ("connect", None, "Failed to connect to 127.0.0.1 port 443 after 1 ms: Couldn't connect "
                      "to server", "none"),
]


def ms(value):
    return "%.3f" % value


def csv_quote(text):
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def started_at(ms_since_start):
    """ISO-8601 UTC with milliseconds from 2026-01-01T00:00:00.000Z (runs shorter than a month)."""
    seconds, millis = divmod(ms_since_start, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    return "2026-01-%02dT%02d:%02d:%02d.%03dZ" % (1 + days, hours, minutes, seconds, millis)


def scenario_copy():
    return {
        "name": "bench-report",
        "description": "synthetic rows for benchmarking `ttftbench report`",
        "seed": 7,
        "targets": {name: {"protocol": t["protocol"], "url": "sim://" + name,
                           **({"model": t["model"]} if name == "central" else {}),
                           "pricing": t["pricing"]} for name, t in TARGETS.items()},
        "workload": {"messages": [{"role": "user", "content": "benchmark"}], "max_tokens": 256},
        "phases": [{"name": "cold", "requests": 0, "idle": "30m"},
                   {"name": "warm", "requests": 0, "interval": "60ms", "order": "alternate"}],
        "timeouts": {"connect": "5s", "first_event": "10s", "total": "60s"},
    }


def write_manifest(out_dir, rows, seed, end_ms):
    scenario = scenario_copy()
    per_target = rows // len(TARGETS)
    cold = int(per_target * COLD_FRACTION)
    scenario["phases"][0]["requests"] = cold
    scenario["phases"][1]["requests"] = per_target - cold
    text = json.dumps(scenario, indent=2)
    # The keys and order of a manifest written by `ttftbench run` (src/cli/manifest.cpp).
    manifest = {
        "schema_version": 1,
        "tool": "ttftbench",
        "tool_version": "synthetic",
        "libcurl_version": "n/a",
        "run_id": RUN_ID,
        "command_line": ["bench/gen_samples.py", "DIR", "--rows", str(rows), "--seed", str(seed)],
        "scenario_path": "scenarios/bench-report.json",
        "scenario_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "scenario_name": scenario["name"],
        "scenario": scenario,
        "host": "bench",
        "region": None,
        "shard": None,
        "seed": scenario["seed"],
        "tls_insecure": False,
        "tls_insecure_targets": [],
        "started_at": started_at(0),
        "ended_at": started_at(end_ms),
        "interrupted": False,
        # Input for the report, not a measurement: magnitudes like a quiet run's.
        "client_lateness": {"busy_max_ms": 0.8, "busy_p99_ms": 0.15, "send_lag_max_ms": 2.1,
                            "send_lag_p50_ms": 0.08, "send_lag_p99_ms": 0.6, "wake_max_ms": 0.9,
                            "wake_p50_ms": 0.05, "wake_p99_ms": 0.2},
        "resumes": [],
    }
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def row_prefixes(names):
    """The constant leading cells per (target, phase): run_id..phase..cold, then target..model."""
    out = {}
    for name in names:
        t = TARGETS[name]
        for phase, cold in (("cold", "true"), ("warm", "false")):
            out[name, phase] = ("%s,,,%s,%s," % (RUN_ID, phase, cold),
                                ",%s,%s,%s,%s-%s-%s-" % (name, t["protocol"], t["model"], RUN_ID,
                                                          name, phase))
    return out


def generate(out_dir, rows, seed):
    rng = random.Random(seed)
    uniform = rng.random
    names = list(TARGETS)
    expected = {"samples": rows, "errors": 0,
                "targets": {name: {"ok": {"cold": 0, "warm": 0}, "errors": {}} for name in names}}
    cold_rows = int(rows // len(names) * COLD_FRACTION) * len(names)
    prefixes = row_prefixes(names)
    # Standard normal quantiles: a table lookup is much faster than rng.gauss per row; the
    # uniform terms added to every latency smooth its 4096 steps.
    normal = statistics.NormalDist()
    levels = 4096
    quantiles = [normal.inv_cdf((i + 0.5) / levels) for i in range(levels)]
    warm_idle = "%.3f" % (WARM_INTERVAL_MS * len(names) / 1000)
    lines = []
    clock_ms = 0
    second_prefix = {}
    with open(os.path.join(out_dir, "samples.csv"), "w", newline="") as out:
        out.write(HEADER)
        for seq in range(rows):
            name = names[seq % len(names)]
            t = TARGETS[name]
            cold = seq < cold_rows
            if cold:
                phase = "cold"
                # Targets idle in parallel: one pair of cold requests per idle gap (compressed).
                clock_ms += 1000 if seq % len(names) == 0 else 37
                timing_head = ",1800,false,"
            else:
                phase = "warm"
                clock_ms += WARM_INTERVAL_MS
                timing_head = "%.3f,%s,false," % (0.03 + 2 * uniform() ** 4, warm_idle)
            seconds, millis = divmod(clock_ms, 1000)
            stamp = second_prefix.get(seconds)
            if stamp is None:
                stamp = second_prefix[seconds] = started_at(seconds * 1000)[:-5]
            lead, mid = prefixes[name, phase]
            pops = t["pops"]
            pop = pops[seq % len(pops)]
            dns = 0.3 + 1.5 * uniform()
            connect = dns + 5 + 20 * uniform()
            tls = connect + 15 + 25 * uniform()
            median, sigma = t["ttfb"][phase]
            z = quantiles[int(uniform() * levels)]
            ttfb = tls + median * math.exp(sigma * z)
            ttft = ttfb + 0.05 + 2 * uniform()
            first_token = ttft + 0.2 + 3 * uniform()
            head = "%s%d%s%d,%s.%03dZ,%s%s," % (lead, seq, mid, seq, stamp, millis, timing_head,
                                                pop)
            if uniform() >= ERROR_FRACTION:
                expected["targets"][name]["ok"][phase] += 1
                input_tokens = 30 + int(40 * uniform())
                output_tokens = 64 + int(192 * uniform())
                tps = t["decode_tps"] * (0.7 + 0.6 * uniform())
                itl50 = 1000 / tps * (0.8 + 0.4 * uniform())
                in_pusd, out_pusd = t["pusd_per_token"]
                # Exact to the pico-dollar: the values are far below 1 USD, where a double
                # printed with 12 decimals rounds back to the integer pico-dollars.
                cost = ("%.12f" % (round(input_tokens * in_pusd + output_tokens * out_pusd)
                                   * 1e-12)).rstrip("0").rstrip(".")
                lines.append("%s200,,,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%d,usage,%d,%.3f,"
                             "%.3f,%.3f,%s,text\n" % (
                                 head, dns, connect, tls, ttfb, ttft, first_token,
                                 first_token + output_tokens / tps * 1000, input_tokens,
                                 output_tokens, output_tokens + 2, itl50,
                                 itl50 * (1.4 + 0.6 * uniform()), tps, cost))
            else:
                error, status, detail, stage = ERRORS[int(uniform() * len(ERRORS))]
                counts = expected["targets"][name]["errors"]
                counts[error] = counts.get(error, 0) + 1
                expected["errors"] += 1
                lines.append(head + error_cells(status, error, detail, stage, dns, connect, tls,
                                                ttfb, ttft, first_token))
            if len(lines) >= 4096:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)
    write_manifest(out_dir, rows, seed, clock_ms)
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")


def error_cells(status, error, detail, stage, dns, connect, tls, ttfb, ttft, first_token):
    """http_status onwards for a failed request: cells up to the stage it reached, empty after."""
    status_cell = "" if status is None else str(status)
    timing = ["", "", "", "", "", "", ""]  # dns, connect, tls, ttfb, ttft, first_token, e2e
    tokens = ",,,,,,,"                      # input_tokens..cost_usd (8 cells): not measured
    kind = ""
    if stage != "none":
        timing[:4] = [ms(dns), ms(connect), ms(tls), ms(ttfb)]
    else:
        timing[0] = ms(dns)
    if stage in ("first_event", "tokens"):
        timing[4] = ms(ttft)
        timing[6] = ms(ttft + 1.5)
    if stage == "tokens":
        timing[5] = ms(first_token)
        timing[6] = ms(first_token + 80)
        tokens = ",9,counted,9,,,,"         # output counted from content events, no usage
        kind = "text"
    return "%s,%s,%s,%s,%s,%s\n" % (status_cell, error, csv_quote(detail), ",".join(timing),
                                     tokens, kind)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.rows < 2:
        sys.exit("gen_samples.py: --rows must be at least 2")
    os.makedirs(args.out_dir, exist_ok=True)
    generate(args.out_dir, args.rows, args.seed)


if __name__ == "__main__":
    main()
