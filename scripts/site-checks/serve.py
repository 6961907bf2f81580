#!/usr/bin/env python3
"""(Adapted from our shared site-audit kit.)
Serve SITE_DIR at http://127.0.0.1:PORT/SUBPATH/ like a GitHub Pages
project site: only /SUBPATH/... exists (root-absolute links 404), a directory
URL without a trailing slash redirects (301) to the slash form, a directory is
served through its index.html, and a directory without index.html is 404 (no
listings).  This is python's http.server (SimpleHTTPRequestHandler) with
those three differences.

With --subpath "" the site is served at the root (http://127.0.0.1:PORT/).

Usage: serve.py SITE_DIR [--subpath repo] [--port 0] [--port-file F] [--log F]
The chosen port is printed on stdout as "PORT <n>" and written to --port-file.
"""
import argparse
import http.server
import os
import sys
import urllib.parse


def make_handler(root, subpath, logf):
    prefix = "/" + subpath.strip("/") + "/" if subpath.strip("/") else "/"

    class H(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=root, **kw)

        def send_head(self):
            p = urllib.parse.urlsplit(self.path).path
            if p != prefix.rstrip("/") and not p.startswith(prefix):
                self.send_error(404, "Outside %s" % prefix)
                return None
            return super().send_head()

        def translate_path(self, path):
            p = urllib.parse.urlsplit(path).path
            if p == prefix.rstrip("/"):
                p = prefix
            return super().translate_path("/" + p[len(prefix):])

        def list_directory(self, path):
            self.send_error(404, "No index.html in directory")
            return None

        def log_message(self, fmt, *args):
            if logf:
                logf.write("%s %s\n" % (self.log_date_time_string(), fmt % args))
                logf.flush()

    return H


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--subpath", default="repo")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--log")
    a = ap.parse_args()
    root = os.path.realpath(a.site)
    logf = open(a.log, "a") if a.log else None
    # socketserver listens with a backlog of 5: a crawler opening more connections at
    # once than that sees some refused, which it reports as "status 0" broken links.
    class Server(http.server.ThreadingHTTPServer):
        request_queue_size = 128
        daemon_threads = True

    srv = Server(("127.0.0.1", a.port), make_handler(root, a.subpath, logf))
    port = srv.server_address[1]
    if a.port_file:
        with open(a.port_file + ".tmp", "w") as f:
            f.write(str(port))
        os.replace(a.port_file + ".tmp", a.port_file)
    print("PORT %d" % port, flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
