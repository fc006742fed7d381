"""A headless Chromium page opened from a file, with every outside request blocked and recorded."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_LOCAL = ("file:", "data:", "blob:", "about:")

__all__ = ["CHROMIUM", "ARGS", "Opened"]


class Opened:
    """A settled page; `check_clean` asserts no request left the file and nothing went wrong."""

    def __init__(
        self, browser, path: Path, *, hash: str = "", width: int = 1280, height: int = 800, downloads=False
    ) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, service_workers="block", accept_downloads=downloads
        )
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on(
            "console", lambda msg: msg.type in ("error", "warning") and self.console.append(msg.text)
        )
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri() + (f"#{hash}" if hash else ""))
        self.page.wait_for_selector("body[data-settled='1']", state="attached", timeout=60_000)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        if route.request.url.startswith(_LOCAL):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _request(self, request) -> None:
        if not request.url.startswith(_LOCAL):
            self.outside.append(request.url)

    def check_clean(self) -> None:
        assert self.outside == [], f"requests left the file: {self.outside}"
        assert self.errors == [], f"page errors: {self.errors}"
        assert self.console == [], f"console errors: {self.console}"
        assert self.dialogs == [], f"dialogs: {self.dialogs}"

    def node_point(self, name: str) -> dict:
        """Page coordinates of a node's centre."""
        return self.page.evaluate(
            """(name) => {
                const n = kg.data.nodes.find((x) => x.name === name);
                const p = kg.network.getPositions([n.id])[n.id];
                const d = kg.network.canvasToDOM(p);
                const box = document.getElementById('kg-network').getBoundingClientRect();
                return {x: box.left + d.x, y: box.top + d.y, id: n.id};
            }""",
            name,
        )

    def edge_point(self, pred: str) -> dict:
        """Page coordinates of the middle of the first edge with this predicate."""
        return self.page.evaluate(
            """(pred) => {
                const i = kg.data.preds.findIndex((p) => p[0] === pred);
                const e = kg.data.edges.find((x) => x.pred === i);
                const p = kg.network.getPositions([e.from, e.to]);
                const mid = {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2};
                const d = kg.network.canvasToDOM(mid);
                const box = document.getElementById('kg-network').getBoundingClientRect();
                return {x: box.left + d.x, y: box.top + d.y, id: e.id};
            }""",
            pred,
        )

    def close(self) -> None:
        self.context.close()
