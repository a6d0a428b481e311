"""Knowledge: the rule base in rules/ as validated models, the condition language, the profile model, lint."""
