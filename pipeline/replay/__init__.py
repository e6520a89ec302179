"""A local HTTP server that answers like the real job sources, from a corpus folder.

Each source is served under its slug (``http://127.0.0.1:PORT/hn/api/v1/items/1`` stands in for
``https://hn.algolia.com/api/v1/items/1``), so one server covers every spider, and a spider's
``base_url`` is ``http://127.0.0.1:PORT/<slug>``.
"""
