"""Presentation without a terminal: text, Markdown, JSON and CSV renderers, reports and cards."""
