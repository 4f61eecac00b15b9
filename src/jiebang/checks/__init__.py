"""Validation: schemas, cross-record checks, personal data that must never be stored."""
