"""Validation rules: the catalog that documents them and the repository-wide checks."""

from .catalog import RULES, RuleInfo, rule_info
from .checks import CHECKS, direct_prerequisites, run_checks

__all__ = ["RULES", "RuleInfo", "rule_info", "CHECKS", "run_checks", "direct_prerequisites"]
