#!/usr/bin/env python3
"""A chat server for the conversation test: OpenAI-chat streams whose reply names the request
("reply 3 to: <first words of the last user message>"), and every request body appended to a log.

Usage: chat_echo_server.py LOG_FILE
Listens on 127.0.0.1 on a free port, prints "listening on http://127.0.0.1:PORT", serves until
killed. Standard library only."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
COUNT = [0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with LOCK:
            COUNT[0] += 1
            n = COUNT[0]
            with open(sys.argv[1], "ab") as log:
                log.write(body.replace(b"\n", b" ") + b"\n")
        last_user = [m for m in json.loads(body)["messages"] if m["role"] == "user"][-1]["content"]
        reply = "reply %d to: %s" % (n, " ".join(last_user.split()[:3]))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        # The reply in two deltas, so the client must join them.
        half = len(reply) // 2
        for piece in (reply[:half], reply[half:]):
            chunk = {"choices": [{"index": 0, "delta": {"content": piece}}]}
            self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
