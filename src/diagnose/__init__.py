"""Cluster Governance Diagnosis: an expert system over the chapter on Zhejiang's industrial clusters."""
from . import _experta_compat  # noqa: F401  (must run before anything imports experta)

__version__ = "0.1.0"
