"""Learning progressions and teaching units as YAML: validate, query and publish them.

>>> import progressions
>>> problems = progressions.check("path/to/repository")   # doctest: +SKIP
>>> repository = progressions.load("path/to/repository")  # doctest: +SKIP
"""

from .levels import LevelScale
from .model import Alignment, Competency, Progression, Settings, Unit
from .problems import ContentError, Problem
from .repository import Repository, check, load

__all__ = [
    "Alignment",
    "Competency",
    "ContentError",
    "LevelScale",
    "Problem",
    "Progression",
    "Repository",
    "Settings",
    "Unit",
    "check",
    "load",
]

__version__ = "0.1.0"
