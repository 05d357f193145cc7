"""The content files a branch changed, from git, to report their problems first.

``progressions validate --changed-since REF`` still checks the whole repository.
It keeps every problem of a repository-wide rule (ids, references, levels,
prerequisite cycles, readiness and coverage), because a change to one file can
break another that did not change. The problems of single-file rules are kept
only for the changed files.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from .content import SETTINGS_FILE
from .problems import Problem
from .rules import RULES

__all__ = ["GitError", "changed_files", "select_problems"]


class GitError(Exception):
    """git could not list the changes: not a repository, an unknown REF, or no git."""


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                                text=True, check=False, timeout=60)
    except FileNotFoundError as error:
        raise GitError("git is not installed or not on PATH") from error
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(f"git failed: {error}") from error
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {args[0]} failed")
    return result.stdout


def changed_files(root: str | os.PathLike[str], ref: str) -> set[str]:
    """Return the files under ``root`` changed since ``ref``, relative to ``root``.

    A file counts as changed when ``git diff`` between the merge base of ``ref``
    and ``HEAD`` and the working tree lists it (committed, staged or not), or
    when git does not track it and does not ignore it.

    Parameters
    ----------
    root : path
        The content repository's root: the top of a git work tree or a folder
        inside one.
    ref : str
        A branch, tag or commit, such as ``origin/main``.

    Returns
    -------
    set of str
        Paths with ``/`` separators, as problem records name files.

    Raises
    ------
    GitError
        If ``root`` is not in a git work tree, ``ref`` names no commit, the two
        histories share no commit, or git is missing.
    """
    path = Path(root)
    try:
        _git(path, "rev-parse", "--show-toplevel")
    except GitError as error:
        raise GitError(f"{path} is not inside a git repository ({error})") from None
    try:
        _git(path, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(f"'{ref}' is not a branch, tag or commit of the repository "
                       f"in {path}; fetch it first, or check the spelling") from None
    try:
        base = _git(path, "merge-base", ref, "HEAD").strip()
    except GitError:
        raise GitError(f"'{ref}' and HEAD have no commit in common; in a shallow "
                       "clone, fetch the whole history (actions/checkout with "
                       "fetch-depth: 0)") from None
    diff = _git(path, "diff", "--name-only", "--no-renames", "--relative", "-z",
                base, "--")
    untracked = _git(path, "ls-files", "--others", "--exclude-standard", "-z")
    return {name for name in (diff + untracked).split("\0") if name}


def select_problems(problems: Iterable[Problem], changed: set[str]) -> list[Problem]:
    """Keep repository-wide problems and the problems of changed files.

    A change to ``repository.yaml`` (which sets the level scale) counts as a
    change to every file.
    """
    everything = SETTINGS_FILE in changed
    return [p for p in problems
            if everything or p.file in changed or p.rule not in RULES
            or RULES[p.rule].scope == "repository"]
