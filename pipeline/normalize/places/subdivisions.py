"""States, provinces and other parts of a country that job ads name instead of a city."""

from __future__ import annotations

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
    "PR": "Puerto Rico",
}
CA_PROVINCES = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "ON": "Ontario",
    "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan", "YT": "Yukon",
    "NT": "Northwest Territories", "NU": "Nunavut",
}
# geonames admin1 codes for Canada are numeric; map them to the postal codes people write.
_CA_ADMIN1 = {
    "01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON",
    "09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU",
}
_GB_ADMIN1 = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}

# Sub-national regions people name instead of a city: (country, region label).
NAMED_REGIONS = {
    "england": ("GB", "England"), "scotland": ("GB", "Scotland"), "wales": ("GB", "Wales"),
    "northern ireland": ("GB", "Northern Ireland"), "bavaria": ("DE", "Bavaria"),
    "bayern": ("DE", "Bavaria"), "catalonia": ("ES", "Catalonia"), "cataluna": ("ES", "Catalonia"),
    "ontario": ("CA", "ON"), "quebec": ("CA", "QC"), "british columbia": ("CA", "BC"),
    "alberta": ("CA", "AB"),
}


def city_region(cc: str, admin1: str) -> str | None:
    """The region label of a geonames city: US/Canadian postal code or the UK nation."""
    if cc == "US":
        return admin1 or None
    if cc == "CA":
        return _CA_ADMIN1.get(admin1)
    if cc == "GB":
        return _GB_ADMIN1.get(admin1)
    return None
