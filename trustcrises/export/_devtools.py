"""A headless Chromium that this package starts, owns and ends, spoken to over a pipe.

Chromium's DevTools protocol runs here over the two pipes that ``--remote-debugging-pipe``
reads and writes on the browser's file descriptors 3 (commands in) and 4 (answers and events
out), each message a JSON object ended by a NUL byte. No port is opened, no environment
variable is read or changed, and nothing outlives the ``with`` block: each :class:`Browser` is
one process (in its own process group) with its own profile folder, and ends with it.

Only the standard library is used. The pipes need a POSIX system (Linux, macOS).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import signal
import tempfile
import time
from typing import Any

# Every flag keeps the browser from reaching out or keeping state: the page is a local file.
FLAGS = ("--headless", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
         "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
         "--disable-component-update", "--disable-default-apps", "--disable-extensions",
         "--disable-sync", "--disable-dev-shm-usage", "--remote-debugging-pipe")


class DevToolsError(Exception):
    """The browser did not start, ended early, or answered a command with an error."""


class Browser:
    """One headless Chromium process, ended when the ``with`` block ends::

        with Browser("/usr/bin/chromium") as chromium:
            tab = chromium.tab(992, 744)
            tab.open("file:///tmp/table.html")
            pdf = tab.pdf(paperWidth=8.5, paperHeight=11)
    """

    def __init__(self, executable: str, *, no_sandbox: bool = False,
                 timeout: float = 120.0) -> None:
        self.executable = executable
        self.no_sandbox = no_sandbox
        self.timeout = timeout  # seconds to wait for any one answer
        self._pid: int | None = None
        self._exit: int | None = None
        self._profile: tempfile.TemporaryDirectory[str] | None = None
        self._log: Any = None
        self._write = self._read = -1
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Browser:
        if os.name != "posix":
            raise DevToolsError("drawing needs a POSIX system (Linux or macOS), where the "
                                "browser's DevTools pipe can be opened")
        self._profile = tempfile.TemporaryDirectory(prefix="trustcrises-chromium-")
        self._log = tempfile.TemporaryFile()
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()
        flags = [*FLAGS, f"--user-data-dir={self._profile.name}"]
        if self.no_sandbox:
            flags.append("--no-sandbox")
        # The child gets the pipe ends as its descriptors 3 and 4 (and its output in the log).
        # They are moved above 9 first, so that renumbering one cannot overwrite another.
        ends = [_above_nine(fd) for fd in (self._log.fileno(), to_browser, from_browser)]
        os.close(to_browser)
        os.close(from_browser)
        try:
            self._pid = os.posix_spawn(
                self.executable, [self.executable, *flags, "about:blank"], dict(os.environ),
                file_actions=[(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                              (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                              (os.POSIX_SPAWN_DUP2, ends[0], 2),
                              (os.POSIX_SPAWN_DUP2, ends[1], 3),
                              (os.POSIX_SPAWN_DUP2, ends[2], 4)],
                setpgroup=0)  # its own process group, ended whole by close()
        except BaseException:
            self._close_files()
            raise
        finally:
            for fd in ends:
                os.close(fd)
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """End the browser (politely, then by force) and remove its profile folder."""
        pid, self._pid = self._pid, None
        if pid is not None:
            if self._status(pid) is None:
                try:
                    self._send({"id": self._new_id(), "method": "Browser.close"})
                except OSError:
                    pass
                if self._wait(pid, 10) is None:
                    _kill_group(pid)
                    self._wait(pid, 10)
            # The renderer and other helpers are in the browser's process group.
            _kill_group(pid)
        self._close_files()

    def _status(self, pid: int) -> int | None:
        """The browser's exit status, or None while it runs."""
        if self._exit is not None:
            return self._exit
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return -1
        if done:
            self._exit = os.waitstatus_to_exitcode(status)
        return self._exit

    def _wait(self, pid: int, seconds: float) -> int | None:
        deadline = time.monotonic() + seconds
        while (status := self._status(pid)) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        return status

    def _close_files(self) -> None:
        for fd in (self._write, self._read):
            if fd >= 0:
                os.close(fd)
        self._write = self._read = -1
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._profile is not None:
            self._profile.cleanup()
            self._profile = None

    # -- the protocol ------------------------------------------------------------------------

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            data = data[os.write(self._write, data):]

    def _receive(self, deadline: float) -> dict[str, Any]:
        """The next message from the browser; DevToolsError if it ends or says nothing."""
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready = select.select([self._read], [], [], max(left, 0))[0] if left > 0 else []
            if not ready:
                raise DevToolsError(f"it gave no answer in {self.timeout:g} seconds")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise DevToolsError(self._exit_reason())
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _exit_reason(self) -> str:
        """Why the browser went away: its exit status and the first line it printed."""
        status = None if self._pid is None else self._wait(self._pid, 10)
        said = ""
        if self._log is not None:
            self._log.seek(0)
            lines = [line.strip() for line in
                     self._log.read(8192).decode("utf-8", "replace").splitlines()]
            said = next((line for line in lines if line), "")
        reason = "it exited" if status is None else f"it exited with status {status}"
        return f"{reason}: {said}" if said else reason

    def call(self, method: str, params: dict[str, Any] | None = None, *,
             session: str | None = None) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are kept."""
        if self._pid is None:
            raise DevToolsError("the browser is not running")
        message: dict[str, Any] = {"id": self._new_id(), "method": method,
                                   "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        try:
            self._send(message)
        except OSError:
            raise DevToolsError(self._exit_reason()) from None
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == message["id"]:
                if "error" in answer:
                    raise DevToolsError(f"{method}: {answer['error'].get('message', answer)}")
                return answer.get("result", {})
            if "method" in answer:
                self._events.append(answer)

    def wait_for(self, event: str, *, session: str | None = None) -> dict[str, Any]:
        """The parameters of the first ``event`` (in ``session``) not yet seen."""
        deadline = time.monotonic() + self.timeout
        while True:
            for i, seen in enumerate(self._events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    del self._events[i]
                    return seen.get("params", {})
            answer = self._receive(deadline)
            if "method" in answer:
                self._events.append(answer)

    def tab(self, width: int, height: int) -> Tab:
        """A new page with a viewport of ``width`` × ``height`` CSS pixels."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, session)
        tab.call("Page.enable")
        tab.viewport(width, height)
        return tab


class Tab:
    """A page of a :class:`Browser`: load a file, run a script, print or photograph it."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session
        self.width = 0
        self.height = 0

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, session=self.session)

    def viewport(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def open(self, url: str) -> None:
        """Load ``url`` and wait until the page and its fonts are ready."""
        events = self.browser._events
        events[:] = [e for e in events if e.get("sessionId") != self.session]  # earlier loads
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise DevToolsError(f"it could not open the page: {result['errorText']}")
        self.browser.wait_for("Page.loadEventFired", session=self.session)
        self.evaluate("document.fonts.ready.then(() => true)")

    def evaluate(self, script: str) -> Any:
        """The value of the JavaScript expression ``script`` (a promise is awaited)."""
        result = self.call("Runtime.evaluate", {"expression": script, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise DevToolsError(f"a script failed: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def screenshot(self, clip: dict[str, float]) -> bytes:
        """A PNG of the region ``clip`` (x, y, width, height in CSS pixels), at one pixel
        per CSS pixel, beyond the viewport where the region reaches past it."""
        result = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True, "clip": {**clip, "scale": 1}})
        return base64.b64decode(result["data"])

    def pdf(self, **options: Any) -> bytes:
        """The page printed to PDF with ``Page.printToPDF``'s ``options`` (sizes in inches)."""
        result = self.call("Page.printToPDF", {
            "printBackground": True, "displayHeaderFooter": False,
            "transferMode": "ReturnAsBase64", **options})
        return base64.b64decode(result["data"])


def _above_nine(fd: int) -> int:
    """A copy of ``fd`` on the lowest free descriptor above 9."""
    return fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)


def _kill_group(pid: int) -> None:
    """Kill what is left of the process group the browser ``pid`` was started in."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
