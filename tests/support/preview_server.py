"""The live preview (`make serve`, handbook_engine.site.serve) in a child process, for the tests and the
benchmark, and `save`, which saves a page there as an editor does.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from handbook_engine.site.serve import SERVE

# The last line of each rebuild. (MkDocs drops a repeated "Documentation built in 0.18 seconds".)
REBUILT = ("Reloading browsers", "An error happened during the rebuild")
SITE_DIRECTORY = re.compile(r"Building '\w+' documentation to directory: (\S+)")


def save(path: Path, text: str) -> None:
    """Save `text` as many editors do: a new file renamed over the old one, so that
    the preview never sees the file half written."""
    saving = path.with_name(f".{path.name}.saving")  # MkDocs skips files whose name starts with a dot
    saving.write_text(text, encoding="utf-8")
    saving.replace(path)


class PreviewServer:
    """The live preview of the project at `project` on a loopback port, in a child process."""

    def __init__(self, project: Path, port: int, env: dict[str, str], *, dirty: bool = True) -> None:
        arguments = SERVE if dirty else [argument for argument in SERVE if argument != "--dirty"]
        self.command = [sys.executable, *arguments, "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
        self.project = project
        self.env = env
        self.address = f"http://127.0.0.1:{port}/"
        self.lines: list[str] = []
        self._served_from = 0  # the first line after the first build
        self._changed = threading.Condition()

    def __enter__(self) -> PreviewServer:
        self.process = subprocess.Popen(
            self.command, cwd=self.project, env=self.env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        threading.Thread(target=self._read_log, daemon=True).start()
        # `mkdocs serve` answers once its first build is done.
        self._wait_for(self._answers, timeout=300, waiting_for="the first build")
        with self._changed:
            self._served_from = len(self.lines)
        return self

    def __exit__(self, *exc_info) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    @property
    def rebuilds(self) -> int:
        """How many rebuilds have finished since the first build."""
        return len(self._ends())

    @property
    def site(self) -> Path:
        """The folder the preview builds into."""
        return Path(next(match[1] for line in self.lines if (match := SITE_DIRECTORY.search(line))))

    def wait_for_rebuild(self, after: int, timeout: float = 120) -> str:
        """Wait until rebuild number `after + 1` has finished; the log of that rebuild."""
        self._wait_for(lambda: self.rebuilds > after, timeout, f"rebuild {after + 1}")
        with self._changed:
            ends = self._ends()
            start = ends[after - 1] + 1 if after else self._served_from
            return "".join(self.lines[start:ends[after] + 1])

    def _ends(self) -> list[int]:
        with self._changed:
            return [number for number, line in enumerate(self.lines[self._served_from:], self._served_from)
                    if any(end in line for end in REBUILT)]

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.address, timeout=5):
                return True
        except (urllib.error.URLError, OSError):
            return False

    def _read_log(self) -> None:
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()

    def _wait_for(self, condition, timeout: float, waiting_for: str) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition():
                if self.process.poll() is not None:
                    raise RuntimeError(f"mkdocs serve stopped before {waiting_for}:\n{''.join(self.lines)[-3000:]}")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"mkdocs serve: no {waiting_for} within {timeout} s:\n{''.join(self.lines)[-3000:]}")
                self._changed.wait(0.5)
