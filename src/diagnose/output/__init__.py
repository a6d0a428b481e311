"""Outputs: a diagnosis (and scenarios, scorecards) rendered as text, markdown, html or json, in zh or en."""
