"""Build a site from a test repository, crawl it, serve it and drive a browser.

The browser is Debian's Chromium, run headless with a fresh profile and driven
over the DevTools protocol with websocket-client. Every host name except
127.0.0.1 resolves to nothing, so a page that tries to load anything from
elsewhere shows an error in the console instead of reaching the network.
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import itertools
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any, Self

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


# Building.

def prepare(root: Path, config_text: str | None = None) -> Path:
    """Put the project's mkdocs.yml (or ``config_text``), its theme overrides and
    a docs folder in ``root``."""
    text = config_text if config_text is not None else (
        REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO_ROOT / "overrides", root / "overrides", dirs_exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    return root / "mkdocs.yml"


def build(config: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build`` on ``config`` into ``site``; return the finished process."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    if strict:
        command.append("--strict")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(command, capture_output=True, text=True, env=environment,
                          timeout=600, check=False)


# Crawling.

class _PageParser(html.parser.HTMLParser):
    """Collect the links, element ids and text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        for name in ("href", "src"):
            value = attributes.get(name)
            if value is not None and tag in ("a", "link", "script", "img"):
                self.links.append(value)


@functools.cache
def parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """Return the file and fragment an internal ``link`` on ``page`` points to.

    Returns None for links to other sites.
    """
    parts = urllib.parse.urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    base = page.relative_to(site).parent.as_posix()
    target = posixpath.normpath(posixpath.join(base, urllib.parse.unquote(parts.path))) \
        if parts.path else page.relative_to(site).as_posix()
    path = site / target
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def crawl(site: Path) -> tuple[set[Path], list[str]]:
    """Follow every internal link from the home page.

    Returns the pages reached and a list of broken links (a missing file, or
    a fragment that names no element of its page).
    """
    start = site / "index.html"
    seen, queue, broken = {start}, [start], []
    while queue:
        page = queue.pop()
        for link in parse(page).links:
            found = resolve(site, page, link)
            if found is None:
                continue
            target, fragment = found
            where = f"{page.relative_to(site)} -> {link}"
            if not target.is_file():
                broken.append(f"{where}: no such file")
                continue
            if target.suffix != ".html":
                continue
            if fragment and urllib.parse.unquote(fragment) not in parse(target).ids:
                broken.append(f"{where}: no element with that id")
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen, broken


def search_titles(site: Path) -> set[str]:
    """Return the page titles in the site's search index."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {entry["title"] for entry in index["docs"]}


# Serving.

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class SiteServer:
    """Serve a built site on 127.0.0.1 on a free port, in a background thread."""

    def __init__(self, site: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(site))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


# Driving Chromium.

class Chromium:
    """One headless Chromium with a fresh profile, driven over the DevTools protocol."""

    FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync")

    def __init__(self, executable: str = CHROMIUM) -> None:
        import websocket  # the test extra's DevTools client

        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        self.process = subprocess.Popen(
            [executable, *self.FLAGS, f"--user-data-dir={self.profile}",
             "--remote-debugging-port=0",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
             "--window-size=1280,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and len(port_file.read_text().split()) >= 2):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        self.socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}",
                                                  timeout=30, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: bool = True) -> dict[str, Any]:
        """Send one command and return its result; events are kept in ``events``."""
        message_id = next(self.ids)
        message: dict[str, Any] = {"id": message_id, "method": method,
                                   "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def open_page(self) -> None:
        """Open a tab and attach to it, with console and log events on."""
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.call("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True},
                             session=False)
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "DOM"):
            self.call(f"{domain}.enable")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 20) -> Any:
        """Evaluate ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"still false after {timeout} s: {expression}")
            time.sleep(0.1)

    def navigate(self, url: str) -> None:
        self.call("Page.navigate", {"url": url})
        self.wait_for(f"location.href === {json.dumps(url)} && "
                      "document.readyState === 'complete'")

    def type_text(self, text: str) -> None:
        """Type ``text`` into the focused element, one key press per character."""
        for char in text:
            self.call("Input.dispatchKeyEvent", {"type": "keyDown", "text": char,
                                                 "key": char, "unmodifiedText": char})
            self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})

    def shadow_svg_count(self, host_class: str) -> int:
        """Count <svg> elements inside the shadow roots of elements of ``host_class``.

        Material renders a diagram into a closed shadow root, which page
        scripts cannot see; the DevTools protocol can.
        """
        document = self.call("DOM.getDocument", {"depth": -1, "pierce": True})["root"]

        def classes(node: dict[str, Any]) -> list[str]:
            attributes = node.get("attributes", [])
            pairs = dict(zip(attributes[::2], attributes[1::2]))
            return pairs.get("class", "").split()

        def count_svg(node: dict[str, Any]) -> int:
            own = 1 if node.get("nodeName", "").lower() == "svg" else 0
            children = node.get("children", []) + node.get("shadowRoots", [])
            return own + sum(count_svg(child) for child in children)

        def walk(node: dict[str, Any]) -> int:
            total = 0
            if host_class in classes(node):
                total += sum(count_svg(root) for root in node.get("shadowRoots", []))
            for child in node.get("children", []) + node.get("shadowRoots", []):
                total += walk(child)
            return total

        return walk(document)

    def console_errors(self) -> list[str]:
        """Return the errors the pages reported: console errors, exceptions, log errors."""
        errors = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in (
                    "error", "assert"):
                errors.append(" ".join(str(arg.get("value", arg.get("description", "")))
                                       for arg in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                errors.append(details.get("exception", {}).get("description")
                              or details.get("text", "exception"))
            elif method == "Log.entryAdded" and params.get("entry", {}).get(
                    "level") == "error":
                entry = params["entry"]
                errors.append(f"{entry.get('text')} {entry.get('url', '')}".strip())
        return errors

    def close(self) -> None:
        import websocket

        socket = getattr(self, "socket", None)
        if socket is not None:
            try:
                self.call("Browser.close", session=False)
            except (OSError, RuntimeError, websocket.WebSocketException):
                pass  # the browser closed the connection before replying
            socket.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)
