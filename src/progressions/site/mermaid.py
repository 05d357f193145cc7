"""The Mermaid library the site ships, so that prerequisite maps render offline.

Material for MkDocs loads Mermaid from a CDN unless the page already has it.
The site instead serves ``assets/javascripts/mermaid.min.js`` (listed under
``extra_javascript`` in ``mkdocs.yml``), taken from the npm package ``mermaid``
at the pinned version below. The file is looked for, in order:

1. the path in the environment variable ``PROGRESSIONS_MERMAID_JS``;
2. the user cache (``$XDG_CACHE_HOME/progressions`` or ``~/.cache/progressions``),
   where it is kept after the first fetch;
3. otherwise it is fetched once with ``npm pack mermaid@VERSION`` from the npm
   registry. The file's SHA-256 must match the pinned one before it is cached.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

__all__ = [
    "MERMAID_SHA256",
    "MERMAID_VERSION",
    "SITE_PATH",
    "MermaidUnavailable",
    "mermaid_js",
]

log = logging.getLogger(__name__)

MERMAID_VERSION = "11.17.2"
"""The npm package version; its major version is the one Material expects."""

MERMAID_SHA256 = "581ed7d74bd9048d0e3a91363927d72ef22942d7722546b27f7cc29e35390eb8"
"""The SHA-256 of ``dist/mermaid.min.js`` in that version."""

SITE_PATH = "assets/javascripts/mermaid.min.js"
"""The file's path in the site, as listed under ``extra_javascript``."""

ENVIRONMENT_VARIABLE = "PROGRESSIONS_MERMAID_JS"


class MermaidUnavailable(RuntimeError):
    """The Mermaid library could not be found or fetched."""


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "progressions" / f"mermaid-{MERMAID_VERSION}.min.js"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def mermaid_js(fetch: bool = True) -> Path:
    """Return the path of ``mermaid.min.js``, fetching it once if needed.

    Raises
    ------
    MermaidUnavailable
        If the file is not found and cannot be fetched, or a fetched file does
        not have the pinned checksum.
    """
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    if override:
        path = Path(override)
        if not path.is_file():
            raise MermaidUnavailable(f"{ENVIRONMENT_VARIABLE} names {path}, which is "
                                     "not a file")
        return path
    cached = _cache_file()
    if cached.is_file() and _digest(cached.read_bytes()) == MERMAID_SHA256:
        return cached
    if not fetch:
        raise MermaidUnavailable(f"mermaid {MERMAID_VERSION} is not in {cached.parent}")
    return _fetch(cached)


def _fetch(cached: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise MermaidUnavailable(
            f"mermaid.min.js is needed for the prerequisite maps but is not in "
            f"{cached.parent}, and npm is not installed to fetch it; install npm, or "
            f"set {ENVIRONMENT_VARIABLE} to the dist/mermaid.min.js of the npm package "
            f"mermaid {MERMAID_VERSION}")
    log.info("Fetching mermaid %s with npm pack", MERMAID_VERSION)
    with tempfile.TemporaryDirectory() as folder:
        try:
            subprocess.run(
                [npm, "pack", f"mermaid@{MERMAID_VERSION}", "--silent",
                 "--pack-destination", folder],
                check=True, capture_output=True, timeout=600, cwd=folder)
        except (OSError, subprocess.SubprocessError) as error:
            detail = getattr(error, "stderr", b"") or b""
            raise MermaidUnavailable(
                f"npm pack mermaid@{MERMAID_VERSION} failed: {error} "
                f"{detail.decode(errors='replace').strip()}") from error
        tarball = Path(folder) / f"mermaid-{MERMAID_VERSION}.tgz"
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/dist/mermaid.min.js")
            data = member.read() if member else b""
    if _digest(data) != MERMAID_SHA256:
        raise MermaidUnavailable(
            f"the fetched mermaid.min.js has SHA-256 {_digest(data)}, not the pinned "
            f"{MERMAID_SHA256}; it was not used")
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(cached)
    return cached
