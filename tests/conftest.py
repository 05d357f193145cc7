import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from builders import small_repository

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def small_repo(tmp_path: Path) -> Path:
    """A clean repository of two progressions and five units."""
    return small_repository(tmp_path / "repo")
