"""Scrapy project of jobpulse: one spider per job source, raw items only (nothing normalized)."""
