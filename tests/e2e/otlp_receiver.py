#!/usr/bin/env python3
"""A stand-in OTLP/HTTP collector for the export test: checks every POSTed body against the OTLP
JSON shape of an ExportMetricsServiceRequest (resource attributes, scope, metrics with sum,
histogram or gauge data points and their attributes; 64-bit integers as strings), answers 200 or
400 with the first problem, and appends one line per request to LOG_FILE: "ok <json>" or
"bad <problem>".

Usage: otlp_receiver.py LOG_FILE
Listens on 127.0.0.1 on a free port, prints "listening on http://127.0.0.1:PORT", serves until
killed. Standard library only."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()


def require(condition, problem):
    if not condition:
        raise ValueError(problem)


def is_uint_string(value):
    return isinstance(value, str) and value.isdigit()


def check_attributes(attributes, where):
    require(isinstance(attributes, list), where + ": attributes is not a list")
    for a in attributes:
        require(isinstance(a.get("key"), str) and a["key"], where + ": an attribute without a key")
        value = a.get("value")
        require(isinstance(value, dict) and len(value) == 1, where + ": attribute %s has no one value" % a.get("key"))
        require(list(value)[0] in ("stringValue", "intValue", "doubleValue", "boolValue"),
                where + ": attribute %s has an unknown value kind" % a["key"])


def check_point(point, kind, where):
    check_attributes(point.get("attributes", []), where)
    require(is_uint_string(point.get("timeUnixNano")), where + ": timeUnixNano is not a uint64 string")
    if kind in ("sum", "histogram"):
        require(is_uint_string(point.get("startTimeUnixNano")), where + ": startTimeUnixNano is not a uint64 string")
    if kind == "histogram":
        require(is_uint_string(point.get("count")), where + ": count is not a uint64 string")
        counts, bounds = point.get("bucketCounts"), point.get("explicitBounds")
        require(isinstance(counts, list) and all(is_uint_string(c) for c in counts), where + ": bucketCounts")
        require(isinstance(bounds, list) and bounds == sorted(bounds), where + ": explicitBounds")
        require(len(counts) == len(bounds) + 1, where + ": len(bucketCounts) != len(explicitBounds) + 1")
        require(sum(int(c) for c in counts) == int(point["count"]), where + ": bucketCounts do not add up to count")
        require(isinstance(point.get("sum"), (int, float)), where + ": sum is not a number")
    else:
        has_int, has_double = "asInt" in point, "asDouble" in point
        require(has_int != has_double, where + ": not exactly one of asInt and asDouble")
        if has_int:
            require(isinstance(point["asInt"], str) and point["asInt"].lstrip("-").isdigit(), where + ": asInt is not an int64 string")


def check_metric(metric, where):
    require(isinstance(metric.get("name"), str) and metric["name"], where + ": a metric without a name")
    kinds = [k for k in ("sum", "histogram", "gauge") if k in metric]
    require(len(kinds) == 1, where + ": not exactly one of sum, histogram, gauge")
    kind = kinds[0]
    data = metric[kind]
    if kind == "sum":
        require(data.get("isMonotonic") is True, where + ": a counter's sum is not monotonic")
    if kind in ("sum", "histogram"):
        require(data.get("aggregationTemporality") == 2, where + ": not cumulative")
    points = data.get("dataPoints")
    require(isinstance(points, list) and points, where + ": no dataPoints")
    for i, point in enumerate(points):
        check_point(point, kind, "%s/dataPoints/%d" % (where, i))


def check(body):
    resource_metrics = body.get("resourceMetrics")
    require(isinstance(resource_metrics, list) and resource_metrics, "no resourceMetrics")
    for r, rm in enumerate(resource_metrics):
        check_attributes(rm.get("resource", {}).get("attributes"), "resourceMetrics/%d/resource" % r)
        scopes = rm.get("scopeMetrics")
        require(isinstance(scopes, list) and scopes, "no scopeMetrics")
        for s, sm in enumerate(scopes):
            require(isinstance(sm.get("scope", {}).get("name"), str), "scopeMetrics/%d: no scope name" % s)
            for m, metric in enumerate(sm.get("metrics", [])):
                check_metric(metric, "resourceMetrics/%d/scopeMetrics/%d/metrics/%d" % (r, s, m))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            require(self.path == "/v1/metrics", "path %s is not /v1/metrics" % self.path)
            require(self.headers.get("Content-Type", "").startswith("application/json"), "Content-Type is not JSON")
            parsed = json.loads(body)
            check(parsed)
            line, status = "ok " + json.dumps(parsed, separators=(",", ":")), 200
        except (ValueError, AttributeError, TypeError) as problem:
            line, status = "bad " + str(problem).replace("\n", " "), 400
        with LOCK:
            with open(sys.argv[1], "a") as log:
                log.write(line + "\n")
        answer = b"{}" if status == 200 else line.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
