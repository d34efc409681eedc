"""Screenshots of the Dagster UI for the docs: the asset graph and one daily asset.

Run after `make demo` (so there are materializations to show):

    .venv/bin/python scripts/screenshot_ui.py [--chromium /usr/bin/chromium] [--out docs/img]

Starts dagster-webserver on loopback with the repo's instance (dagster_home), waits until the code location
is loaded, then drives headless Chromium (Debian's `chromium`; `fonts-noto-cjk` for Hangul) over the DevTools
protocol: open each page, dismiss the first-visit dialog, take the screenshot.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import websockets

REPO = Path(__file__).resolve().parents[1]
PAGES = {
    "asset-graph.png": "/asset-groups",
    "daily-entity-counts.png": "/assets/daily/entity_counts",
}
EXPAND_GROUPS = {"asset-graph.png"}
ZOOM_OUT_STEPS = 1
ZOOM_OUT_DELTA = 150
LOADED = "{ workspaceOrError { ... on Workspace { locationEntries { loadStatus } } } }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_loaded(base: str, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            entries = httpx.post(f"{base}/graphql", json={"query": LOADED}, timeout=5).json()["data"][
                "workspaceOrError"
            ]["locationEntries"]
            if entries and all(e["loadStatus"] == "LOADED" for e in entries):
                return
        except (httpx.HTTPError, KeyError, TypeError, ValueError):
            pass
        time.sleep(1)
    raise SystemExit(f"the webserver at {base} did not load the code location in {timeout_s} s")


class DevTools:
    """Just enough of the Chrome DevTools Protocol to load a page, dismiss a dialog and take a screenshot."""

    def __init__(self, socket_url: str):
        self.socket_url = socket_url
        self.next_id = 0

    async def __aenter__(self):
        self.ws = await websockets.connect(self.socket_url, max_size=None)
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def call(self, method: str, **params):
        self.next_id += 1
        await self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(await self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    async def evaluate(self, expression: str):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")


# The UI greets a new browser profile with a newsletter dialog; its "Skip" button dismisses it.
DISMISS_DIALOGS = """
[...document.querySelectorAll('button')].filter(b => b.textContent.trim() === 'Skip').map(b => b.click()).length
"""


async def capture(socket_url: str, pages: dict[Path, str], settle_s: float) -> None:
    async with DevTools(socket_url) as tab:
        await tab.call("Page.enable")
        # A large CSS viewport scaled down: the whole graph fits, the picture stays 1600 px wide.
        await tab.call(
            "Emulation.setDeviceMetricsOverride", width=2400, height=1500, deviceScaleFactor=2 / 3, mobile=False
        )
        for target, url in pages.items():
            await tab.call("Page.navigate", url=url)
            # The UI renders client-side after several GraphQL round trips; there is no single "done" event.
            await asyncio.sleep(settle_s)
            if await tab.evaluate(DISMISS_DIALOGS):
                await asyncio.sleep(1)
            if target.name in EXPAND_GROUPS:
                # The lineage view starts with groups collapsed; ⌥E is its "Expand all groups" shortcut.
                for kind in ("keyDown", "keyUp"):
                    await tab.call(
                        "Input.dispatchKeyEvent", type=kind, modifiers=1, key="e", code="KeyE", windowsVirtualKeyCode=69
                    )
                await asyncio.sleep(settle_s / 2)
                # Zoom out (Ctrl + wheel, as on a trackpad pinch) until every group is in view.
                for _ in range(ZOOM_OUT_STEPS):
                    await tab.call(
                        "Input.dispatchMouseEvent",
                        type="mouseWheel",
                        x=1350,
                        y=550,
                        deltaX=0,
                        deltaY=ZOOM_OUT_DELTA,
                        modifiers=2,
                    )
                    await asyncio.sleep(0.3)
                await asyncio.sleep(2)
            shot = await tab.call("Page.captureScreenshot", format="png")
            target.write_bytes(base64.b64decode(shot["data"]))
            print(f"wrote {target}")


def start_chromium(chromium: str, profile: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    browser = subprocess.Popen(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--remote-debugging-port={port}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            tabs = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=2).json()
            page = next(t for t in tabs if t["type"] == "page")
            return browser, page["webSocketDebuggerUrl"]
        except (httpx.HTTPError, StopIteration, ValueError):
            time.sleep(0.3)
    browser.kill()
    raise SystemExit("Chromium did not open its DevTools port")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    parser.add_argument("--settle", type=float, default=8.0, help="seconds to let each page render")
    args = parser.parse_args()
    if not Path(args.chromium).exists():
        raise SystemExit(f"Chromium not found at {args.chromium}: `apt-get install chromium` (Debian)")
    args.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {"DAGSTER_HOME": str(REPO / "dagster_home"), **os.environ}
    webserver = Path(sys.executable).with_name("dagster-webserver")
    server = subprocess.Popen(
        [str(webserver), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_loaded(base)
        with tempfile.TemporaryDirectory() as profile:
            browser, socket_url = start_chromium(args.chromium, profile)
            try:
                pages = {args.out / name: base + path for name, path in PAGES.items()}
                asyncio.run(capture(socket_url, pages, args.settle))
            finally:
                browser.terminate()
                browser.wait(timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
