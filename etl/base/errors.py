"""Errors the ETL reports to people: each names the file and, where it can, the line."""

from __future__ import annotations

from pathlib import Path


class PlanError(Exception):
    """A plan file that cannot be used.  str() is the message shown to the user."""

    def __init__(self, path: str | Path | None, message: str, line: int | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class ManifestError(PlanError):
    """data/raw/sources.yaml is wrong, or a raw file does not match its recorded checksum."""
