"""Learning progressions and teaching units as YAML: validate, query and publish them.

>>> import progressions
>>> problems = progressions.check("path/to/repository")   # doctest: +SKIP
>>> repository = progressions.load("path/to/repository")  # doctest: +SKIP
"""

from .graph import UnknownIdError
from .levels import LevelScale
from .model import Alignment, Competency, Progression, Settings, Unit
from .paths import GapPath
from .problems import ContentError, Problem
from .queries import Explanation, RankedUnits
from .repository import Repository, check, load

__all__ = [
    "Alignment",
    "Competency",
    "ContentError",
    "Explanation",
    "GapPath",
    "LevelScale",
    "Problem",
    "Progression",
    "RankedUnits",
    "Repository",
    "Settings",
    "Unit",
    "UnknownIdError",
    "check",
    "load",
]

__version__ = "0.1.0"
