"""Inference: the rules compiled into experta, run on a profile, turned into a cited diagnosis."""
