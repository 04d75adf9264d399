"""Smoke builds: render projects from agents or answer combinations, then run each project's own checks."""
