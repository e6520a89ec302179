"""Areas larger than a country ("EU", "LATAM") and the words that mean "anywhere".

Regions have no ISO code: they appear only in a remote restriction, never as a ``Place``.
"""

from __future__ import annotations

REGIONS = {
    "eu": "EU", "european union": "EU", "eea": "EEA", "europe": "Europe",
    "western europe": "Western Europe", "eastern europe": "Eastern Europe",
    "central europe": "Central Europe", "cee": "CEE", "emea": "EMEA",
    "north america": "North America", "americas": "Americas", "the americas": "Americas",
    "latam": "LATAM", "latin america": "LATAM", "south america": "LATAM",
    "central america": "LATAM", "apac": "APAC", "asia pacific": "APAC", "asia": "Asia",
    "africa": "Africa", "middle east": "Middle East", "mena": "MENA", "oceania": "Oceania",
    "nordics": "Nordics", "nordic countries": "Nordics", "scandinavia": "Nordics",
    "dach": "DACH", "benelux": "Benelux", "anz": "ANZ",
}
ANYWHERE = {"anywhere", "worldwide", "world wide", "global", "globally", "the world",
            "anywhere in the world", "international", "any location", "any country"}
