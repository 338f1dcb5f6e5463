#!/usr/bin/env python3
"""Checks on report.html for the e2e tests; standard library only. Prints one JSON object.

  validate FILE   strict XML parse of the page (polyglot markup: every element closed,
                  attributes quoted, entities escaped) -> {"valid", "error", "bytes"}
  dom FILE        a DOM dumped by `chromium --dump-dom` -> per figure (data-figure): its state,
                  whether its <svg> has role="img", a <title> and a <desc>, how many of its series
                  paths have a non-empty d, the missing-plot sentence; plus table and manifest counts
  netlog FILE     a Chromium --log-net-log file -> the URL requests the page made (those whose
                  network isolation key is the page's file:// site, or with a real initiator);
                  Chromium's own background requests (initiator "not an origin", not for the
                  page's site) are listed apart
"""

import json
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser


def validate(path):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    doctype = "<!DOCTYPE html>"
    if not text.startswith(doctype):
        return {"valid": False, "error": "does not start with " + doctype, "bytes": len(data)}
    try:
        ET.fromstring(text[len(doctype):])
    except ET.ParseError as e:
        return {"valid": False, "error": str(e), "bytes": len(data)}
    return {"valid": True, "error": "", "bytes": len(data)}


class DomWalker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.figures = {}
        self.figure = None  # the data-figure id we are inside
        self.in_svg = False
        self.capture = None  # "title" | "desc" | "missing"
        self.tables = 0
        self.in_manifest = False
        self.manifest_entries = 0
        self.depth = 0
        self.figure_depth = None
        self.manifest_depth = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        void = tag in ("meta", "br", "img", "input", "link", "hr")
        if not void:
            self.depth += 1
        if tag == "figure" and "data-figure" in a:
            self.figure = a["data-figure"]
            self.figure_depth = self.depth
            self.figures[self.figure] = {"state": a.get("data-state", ""), "svg": False, "role_img": False,
                                         "data_plot": "", "title": "", "desc": "", "series_paths": 0,
                                         "empty_series_paths": 0, "missing": ""}
        fig = self.figures.get(self.figure) if self.figure else None
        if tag == "svg" and fig is not None:
            fig["svg"] = True
            fig["role_img"] = a.get("role") == "img"
            fig["data_plot"] = a.get("data-plot", "")
        if tag in ("title", "desc") and fig is not None:
            self.capture = tag
        if tag == "p" and fig is not None and "missing" in a.get("class", ""):
            self.capture = "missing"
        if tag == "path" and fig is not None and "series" in a.get("class", ""):
            if a.get("d", "").strip():
                fig["series_paths"] += 1
            else:
                fig["empty_series_paths"] += 1
        if tag == "table":
            self.tables += 1
        if tag == "section" and a.get("id") == "manifest":
            self.in_manifest = True
            self.manifest_depth = self.depth
        if tag == "dt" and self.in_manifest:
            self.manifest_entries += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("meta", "br", "img", "input", "link", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in ("title", "desc", "p"):
            self.capture = None
        if tag == "figure" and self.figure_depth == self.depth:
            self.figure = None
        if tag == "section" and self.manifest_depth == self.depth:
            self.in_manifest = False
        self.depth -= 1

    def handle_data(self, data):
        if self.capture and self.figure:
            self.figures[self.figure][self.capture] += data


def dom(path):
    walker = DomWalker()
    with open(path, encoding="utf-8") as f:
        walker.feed(f.read())
    return {"figures": walker.figures, "tables": walker.tables, "manifest_entries": walker.manifest_entries}


def netlog(path):
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    page, browser = [], []
    for event in log["events"]:
        params = event.get("params") or {}
        if names.get(event["type"]) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        from_page = "file://" in params.get("network_isolation_key", "") or \
            params.get("initiator", "not an origin") != "not an origin"
        (page if from_page else browser).append(params["url"])
    return {"page_requests": page, "network_requests": [u for u in page if not u.startswith("file:")],
            "browser_requests": browser}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("validate", "dom", "netlog"):
        print(__doc__, file=sys.stderr)
        return 2
    command, path = sys.argv[1], sys.argv[2]
    print(json.dumps({"validate": validate, "dom": dom, "netlog": netlog}[command](path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
