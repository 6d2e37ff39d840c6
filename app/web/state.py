"""The one library and the open search index a server shares between requests.

`IndexManager.open` checks the index against the library's fingerprint and opens the engine; doing
that per request would cost a reopen each time, so the open engine is kept until the fingerprint
changes (an upload here, or `vanban library add` in another process). The accounts and the audit
log are the office database's, shared with the CLI and every other worker.
"""

from __future__ import annotations

import threading

from vanban.app.common import notify
from vanban.app.web.config import WebConfig
from vanban.index.engine import Engine
from vanban.index.manager import IndexManager
from vanban.library.store import Library
from vanban.office.audit import AuditLog
from vanban.office.users import Users


class Workbench:
    def __init__(self, config: WebConfig):
        self.config = config
        self.library = Library(config.data_dir)
        self.users = Users(self.library.data_dir)
        self.audit = AuditLog(self.library.data_dir)
        self._lock = threading.Lock()
        self._open: tuple[str, Engine, dict] | None = None

    def index(self) -> tuple[Engine, dict]:
        """The engine and its meta for the library as it is now."""
        fingerprint = self.library.fingerprint()
        with self._lock:
            if self._open is None or self._open[0] != fingerprint:
                searcher, meta = IndexManager(self.library.data_dir, self.config.engine, notify).open(self.library)
                self._open = (fingerprint, searcher, meta)
            return self._open[1], self._open[2]
