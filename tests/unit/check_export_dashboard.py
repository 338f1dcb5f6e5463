#!/usr/bin/env python3
"""Checks docs/grafana/ttftbench.json: valid JSON, a Prometheus-queried panel for TTFT p50 and
p95 from the histogram, one for requests and errors, one for the cost rate, and every query
naming only metrics that docs/export.md lists. Exits 1 naming the first problem.

Usage: check_export_dashboard.py PROJECT_DIR"""
import json
import re
import sys
from pathlib import Path


def main():
    root = Path(sys.argv[1])
    dashboard = json.loads((root / "docs/grafana/ttftbench.json").read_text())
    documented = set(re.findall(r"`(ttftbench_[a-z_]+)`", (root / "docs/export.md").read_text()))
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    wanted = {
        "TTFT p50": lambda e: "histogram_quantile(0.5," in e and "ttftbench_ttft_seconds_bucket" in e,
        "TTFT p95": lambda e: "histogram_quantile(0.95," in e and "ttftbench_ttft_seconds_bucket" in e,
        "requests": lambda e: "ttftbench_requests_total" in e and "error" not in e,
        "errors": lambda e: "ttftbench_requests_total" in e and 'error!=""' in e,
        "cost rate": lambda e: "rate(ttftbench_cost_usd_total" in e,
    }
    for name, test in wanted.items():
        if not any(test(e) for e in exprs):
            print("docs/grafana/ttftbench.json: no query for " + name)
            return 1
    for expr in exprs:
        for metric in re.findall(r"ttftbench_[a-z_]+", expr):
            base = re.sub(r"_(bucket|sum|count)$", "", metric)
            if base not in documented:
                print("docs/grafana/ttftbench.json: %s is not a metric docs/export.md lists" % metric)
                return 1
    print("dashboard: %d queries, ok" % len(exprs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
