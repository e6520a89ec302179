"""Tests for the synthetic demo corpora."""
