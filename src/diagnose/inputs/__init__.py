"""Inputs: the one safe loading path for every file a user or the rule base gives us."""
