"""Widgets of the questionnaire, one module each."""
