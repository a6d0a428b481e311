"""Validation: the chapter's cases and the scorecard of the rule base against them."""
