"""Normalizers' inner loops written in Cython for C (``.pyx``), built by ``setup.py``.

Each is optional: the module that calls one falls back to a Python or numpy path with the same
results when it is not built, is older than its source, or ``JOBPULSE_PURE_PYTHON=1``. They
import nothing of ours, so any normalizer may use them.
"""
