"""Scoring: rubric items, components, participation, final grades and letters."""
