"""Landing files to the warehouse: runs in, normalized frames out, handed to the writer.

``loader`` finds complete runs and verifies them, ``pool`` normalizes in worker processes,
``frames`` holds the schemas of what the writer takes, ``duplicates`` runs the duplicate pass,
``rebuild`` re-derives skills from stored raw items, and ``run_status`` judges a run.
"""
