"""Derivations and queries: progress, RAG, selection and views, as pure functions of the register and a date."""
