"""Synthetic, seeded demo data that mimics the real job sources closely enough to crawl."""
