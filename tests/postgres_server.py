"""A throw-away PostgreSQL server for the tests: initdb in a temporary folder, listening on
a Unix socket only (no port, no password: trust for the one local user), stopped at the
end of the session. As root it runs as ``nobody``, since PostgreSQL refuses to run as
root. Found through ``pg_config`` or Debian's /usr/lib/postgresql/N/bin."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER = "qadam"
STARTS_WITHIN = 60.0


class NoServer(Exception):
    """PostgreSQL's server programs are not installed here."""


@dataclass
class Server:
    folder: Path
    bin: Path
    run_as: str | None

    @property
    def options(self) -> str:
        """What the server is started with: a Unix socket only, and no durability, which is
        the server's business in production, not the tests'."""
        return (f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{USER}@/{database}?host={self.socket_dir}"

    def psql(self, sql: str, database: str = "postgres") -> None:
        subprocess.run([str(self.bin / "psql"), "-h", str(self.socket_dir), "-U", USER,
                        "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
                       check=True, capture_output=True, timeout=120)

    @contextmanager
    def down(self) -> Iterator[None]:
        """The server stopped (as when it is restarted or the network goes), then back."""
        self._as_owner([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                        "fast", "-w", "stop"])
        try:
            yield
        finally:
            self._as_owner([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-o",
                            self.options, "-l", str(self.folder / "server.log"), "-w", "-t",
                            str(int(STARTS_WITHIN)), "start"])

    def stop(self) -> None:
        self._as_owner([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                        "immediate", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _as_owner(self, command: list[str], check: bool = True) -> None:
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        subprocess.run(command, check=check, capture_output=True, timeout=120)


def server_programs() -> Path:
    found = shutil.which("pg_config")
    if found:
        bindir = subprocess.run([found, "--bindir"], capture_output=True, text=True,
                                check=False).stdout.strip()
        if bindir and (Path(bindir) / "initdb").exists():
            return Path(bindir)
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise NoServer


def start() -> Server:
    programs = server_programs()
    run_as = "nobody" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="qadam-pg-"))
    (folder / "socket").mkdir()
    if run_as is not None:
        shutil.chown(folder, run_as)
        shutil.chown(folder / "socket", run_as)
        folder.chmod(0o755)
    server = Server(folder, programs, run_as)
    server._as_owner([str(programs / "initdb"), "-D", str(folder / "data"), "-U", USER,
                      "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
    server._as_owner([str(programs / "pg_ctl"), "-D", str(folder / "data"), "-o", server.options,
                      "-l", str(folder / "server.log"), "-w", "-t", str(int(STARTS_WITHIN)),
                      "start"])
    until = time.monotonic() + STARTS_WITHIN
    while not any(folder.joinpath("socket").glob(".s.PGSQL.*")):
        if time.monotonic() > until:
            raise RuntimeError((folder / "server.log").read_text())
        time.sleep(0.1)
    return server
