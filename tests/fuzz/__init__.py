"""Property-based fuzzing of the pure normalizers (``JOBPULSE_FUZZ_EXAMPLES`` sets the volume)."""
