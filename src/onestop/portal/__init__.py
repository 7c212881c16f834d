"""Synchronising dossiers with the national public-service portal."""
