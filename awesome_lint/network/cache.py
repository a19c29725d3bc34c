"""On-disk cache of network results: one SQLite file shared by every process.

Entries are ``(kind, key) -> JSON value`` with the time they were stored; the reader decides
how old is too old, so changing an age in the config takes effect on existing entries.
Kinds used by the engine: ``link`` (key: normalised URL), ``arxiv`` (key: canonical ID),
``github`` (key: lower-cased ``owner/name``).

Several processes may use the file at once (pre-commit runs hooks in parallel): WAL journal,
a busy timeout, short transactions and a retry on "database is locked". Any other failure
(corrupt file, unwritable directory, full disk) disables the cache with one warning; the cache
never raises.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from ..userdirs import cache_dir
from ..util import loads_json

__all__ = ["APPLICATION_ID", "Cache", "default_cache_path", "foreign_file"]

_log = logging.getLogger("awesome_lint.network")
_T = TypeVar("_T")

APPLICATION_ID = 0x61774C74  # "awLt" in the SQLite header: this file is our cache
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SCHEMA_VERSION = 1
_TABLE = f"entries_v{_SCHEMA_VERSION}"
_CREATE_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {_TABLE} ("
    " kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
    " stored REAL NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID"
)
_PRUNE_AFTER = 30 * 86400.0  # entries older than this are never fresh: drop them
_CHUNK = 400  # keys per SELECT (SQLite's variable limit is 999 on old builds)
_LOCK_RETRIES = 4
_BUSY_TIMEOUT_MS = 5000


def default_cache_path() -> Path:
    """``<user cache dir>/awesome-lint/cache.sqlite3`` (see ``userdirs.cache_dir``)."""
    return cache_dir() / "cache.sqlite3"


def foreign_file(path: Path) -> str | None:
    """Why the file at ``path`` must not be opened as the cache (it would be altered: a
    table added, WAL switched on), or None: nothing is there, or it is our cache (our
    ``application_id`` in its header, or, from before it was set, our entries table).
    Reads the file without changing it."""
    import os
    import stat

    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        return f"can't be read ({error.strerror or error})"
    if stat.S_ISLNK(mode):
        return "is a symlink"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    try:
        with open(path, "rb") as stream:
            header = stream.read(100)
    except OSError as error:
        return f"can't be read ({error.strerror or error})"
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return "is not an awesome-lint cache (not an SQLite database)"
    application = int.from_bytes(header[68:72], "big")
    if application == APPLICATION_ID:
        return None
    if application != 0:
        return "is another program's SQLite database"
    try:  # immutable: no lock, no journal, no write of any kind
        uri = f"{Path(path).absolute().as_uri()}?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True)
        try:
            row = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_TABLE,)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        row = None
    return None if row else "is not an awesome-lint cache (an SQLite database without its table)"


def _fetch_all(conn: sqlite3.Connection, sql: str, params: tuple[str, ...]) -> list[Any]:
    return conn.execute(sql, params).fetchall()


def _is_locked(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


class Cache:
    """A small key/value store over SQLite. Safe to share between processes; never raises.

    ``warn`` receives one human-readable message the first time the cache fails and turns
    itself off (default: a ``logging`` warning). ``clock`` returns the current time in seconds
    (tests inject a fake one).
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        warn: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self._warn_cb = warn
        self._clock = clock
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._writable = True
        self._warned = False
        foreign = foreign_file(self.path)
        if foreign is not None:  # never altered: not a table added, not WAL switched on
            self._emit(f"the cache {self.path} {foreign}; continuing without the cache")
            return
        try:
            self._conn = self._open()
        except (OSError, sqlite3.Error) as exc:
            # a cache that can't be written (a read-only file in a read-only folder, a
            # shared CI cache) is still worth reading
            self._conn = self._open_read_only()
            if self._conn is None:
                self._disable(f"cannot open the cache {self.path}: {exc}")
            else:
                self._writable = False
                self._emit(f"the cache {self.path} is read-only; results will not be saved")

    # -- lifecycle ---------------------------------------------------------------------------

    def _create(self) -> None:
        """Make the cache file whole, marked and with its table, under a temporary name,
        and link it into place: no process ever sees an empty file at the path (which
        ``foreign_file`` refuses, as it could be anyone's). If another process got there
        first, its file is used."""
        import os
        import tempfile

        handle, temporary = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        os.close(handle)
        try:
            conn = sqlite3.connect(temporary, isolation_level=None)
            try:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(_CREATE_TABLE)
            finally:
                conn.close()
            try:
                os.link(temporary, self.path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links
                if not self.path.exists():
                    os.replace(temporary, self.path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            self._create()
        conn = sqlite3.connect(
            str(self.path),
            timeout=_BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # autocommit; writes use explicit BEGIN IMMEDIATE
            check_same_thread=False,
        )
        try:

            def setup() -> None:
                conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
                if conn.execute("PRAGMA application_id").fetchone()[0] == 0:
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # ours, marked
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError as exc:
                    if _is_locked(exc):
                        raise
                    # e.g. a network file system without shared memory: stay in rollback mode
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute(_CREATE_TABLE)
                # Touch the table so a corrupt file fails here, not later.
                conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {_TABLE} LIMIT 1)").fetchone()

            self._retry(setup)
        except BaseException:
            conn.close()
            raise
        # Read-only or busy: pruning can wait for another run.
        with contextlib.suppress(sqlite3.Error):
            self._retry(
                lambda: conn.execute(
                    f"DELETE FROM {_TABLE} WHERE stored < ?", (self._clock() - _PRUNE_AFTER,)
                )
            )
        return conn

    def _open_read_only(self) -> sqlite3.Connection | None:
        """The cache opened for reading only, or None. ``immutable`` is the last resort:
        a WAL database in a folder where its shared-memory file can't be made."""
        if not self.path.is_file():
            return None
        uri = self.path.absolute().as_uri()
        for options in ("mode=ro", "mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(
                    f"{uri}?{options}",
                    uri=True,
                    timeout=_BUSY_TIMEOUT_MS / 1000,
                    isolation_level=None,
                    check_same_thread=False,
                )
            except sqlite3.Error:
                continue
            try:
                conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {_TABLE} LIMIT 1)").fetchone()
            except sqlite3.Error:
                conn.close()
                continue
            return conn
        return None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def enabled(self) -> bool:
        """False once the cache failed and turned itself off (or after ``close``)."""
        return self._conn is not None

    # -- failure handling --------------------------------------------------------------------

    def _emit(self, message: str) -> None:
        if self._warned:
            return
        self._warned = True
        if self._warn_cb is not None:
            self._warn_cb(message)
        else:
            _log.warning("%s", message)

    def _disable(self, message: str) -> None:
        self._emit(f"{message}; continuing without the cache (delete the file to rebuild it)")
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None

    @staticmethod
    def _retry(fn: Callable[[], _T]) -> _T:
        for attempt in range(_LOCK_RETRIES):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if not _is_locked(exc) or attempt == _LOCK_RETRIES - 1:
                    raise
                time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
        raise AssertionError("unreachable")

    # -- reading -----------------------------------------------------------------------------

    def get_many(
        self,
        kind: str,
        keys: Iterable[str],
        max_age: float | Callable[[Any], float],
    ) -> dict[str, Any]:
        """The fresh entries among ``keys``: key -> decoded JSON value (which may be None).

        ``max_age`` is seconds, or a function of the stored value giving its maximum age.
        Missing, stale and undecodable entries are absent from the result.
        """
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        if not wanted:
            return found
        with self._lock:
            conn = self._conn
            if conn is None:
                return found
            rows: list[tuple[str, str, float]] = []
            try:
                for start in range(0, len(wanted), _CHUNK):
                    chunk = wanted[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    sql = (
                        f"SELECT key, value, stored FROM {_TABLE} "
                        f"WHERE kind = ? AND key IN ({marks})"
                    )
                    params = (kind, *chunk)
                    rows.extend(self._retry(functools.partial(_fetch_all, conn, sql, params)))
            except sqlite3.Error as exc:
                self._disable(f"cannot read the cache {self.path}: {exc}")
                return {}
        now = self._clock()
        for key, raw, stored in rows:
            try:
                value = loads_json(raw)
            except ValueError:  # a file anyone may have edited: a miss
                continue
            limit = max_age(value) if callable(max_age) else max_age
            if 0 <= now - stored <= limit:
                found[key] = value
        return found

    def get(
        self, kind: str, key: str, max_age: float | Callable[[Any], float], default: Any = None
    ) -> Any:
        """One fresh entry's value, else ``default``."""
        found = self.get_many(kind, [key], max_age)
        return found.get(key, default)

    # -- writing -----------------------------------------------------------------------------

    def put_many(self, kind: str, items: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> None:
        """Store (replace) entries, stamped now, in one short transaction."""
        pairs = list(items.items() if isinstance(items, Mapping) else items)
        if not pairs:
            return
        now = self._clock()
        rows = [(kind, key, json.dumps(value, separators=(",", ":")), now) for key, value in pairs]
        with self._lock:
            conn = self._conn
            if conn is None or not self._writable:
                return

            def write() -> None:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.executemany(
                        f"INSERT OR REPLACE INTO {_TABLE} (kind, key, value, stored) "
                        "VALUES (?, ?, ?, ?)",
                        rows,
                    )
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")

            try:
                self._retry(write)
            except sqlite3.Error as exc:
                text = str(exc).lower()
                if "readonly" in text or "read-only" in text or "read only" in text:
                    self._writable = False
                    self._emit(f"the cache {self.path} is read-only; results will not be saved")
                else:
                    self._disable(f"cannot write the cache {self.path}: {exc}")

    def put(self, kind: str, key: str, value: Any) -> None:
        self.put_many(kind, [(key, value)])
