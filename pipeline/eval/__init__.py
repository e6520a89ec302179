"""Figures of the normalizers on labelled files: skills precision and recall, pay exact match."""
