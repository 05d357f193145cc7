"""Validation rules: the catalog that documents them and the repository-wide checks."""

from .catalog import RULES, RuleInfo, rule_info
from .checks import CHECKS, direct_prerequisites, run_checks

__all__ = ["CHECKS", "RULES", "RuleInfo", "direct_prerequisites", "rule_info", "run_checks"]
