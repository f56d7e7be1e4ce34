#!/usr/bin/env python3
"""A local feed server for scripts/scale-out-check: FEEDS RSS feeds of 3 items at /feed/N, an
article page behind every item, /counts (JSON: fetches per feed path) and /articles (article pages served). Prints its port."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FEEDS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
counts = {}
articles = [0]
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        host = self.headers.get("Host", "127.0.0.1")
        if parts == ["articles"]:
            with lock:
                body = str(articles[0]).encode()
            return self.send(200, "text/plain", body)
        if parts == ["counts"]:
            with lock:
                body = json.dumps(counts).encode()
            return self.send(200, "application/json", body)
        if len(parts) == 2 and parts[0] == "feed" and parts[1].isdigit() and int(parts[1]) < FEEDS:
            n = int(parts[1])
            with lock:
                counts[self.path] = counts.get(self.path, 0) + 1
            items = "".join(
                f"<item><title>Story {n}-{i}</title><link>http://{host}/article/{n}/{i}</link>"
                f"<guid>story-{n}-{i}</guid><pubDate>Tue, 01 Dec 2026 0{i}:00:00 GMT</pubDate>"
                f"<description>Summary of story {n}-{i}.</description></item>"
                for i in range(3))
            body = f"<rss version=\"2.0\"><channel><title>Feed {n}</title><link>http://{host}/</link>{items}</channel></rss>"
            return self.send(200, "application/rss+xml", body.encode())
        if len(parts) == 3 and parts[0] == "article":
            story = f"{parts[1]}-{parts[2]}"
            with lock:
                articles[0] += 1
            body = (f"<html><head><title>Story {story}</title></head><body><article><h1>Story {story}</h1>"
                    f"<p>The full text of story {story}, long enough to be an article body, with clauses, commas, "
                    f"and a second sentence that carries on for a while.</p><p>Another paragraph of story {story}.</p>"
                    "</article></body></html>")
            return self.send(200, "text/html; charset=utf-8", body.encode())
        self.send(404, "text/plain", b"not found\n")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
