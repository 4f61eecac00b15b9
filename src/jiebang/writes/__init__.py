"""Writes and the audit trail: edits that keep people's text, atomic writes under a lock, the journal, git, history."""
