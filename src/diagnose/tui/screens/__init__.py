"""One module per screen of the questionnaire."""
