"""Cluster Governance Diagnosis: an expert system over the chapter on Zhejiang's industrial clusters.

The package reads as its pipeline: inputs -> kb (knowledge) -> inference -> validation -> output -> front ends
(cli, tui, batch, serve). Importing it loads nothing else.
"""

__version__ = "0.1.0"
