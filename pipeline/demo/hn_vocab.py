"""Who posts in the synthetic "Who is hiring?" corpus, and where: roles, places, companies, users.

Everything here was written for this project: company names, products and usernames are invented.
"""

from __future__ import annotations

import random

# (family key, titles, weight (the same every year), base USD salary for a senior in a top US
# market at 2023 levels)
ROLE_FAMILIES: tuple[tuple[str, tuple[str, ...], float, int], ...] = (
    ("backend", ("Backend Engineer", "Software Engineer, Backend", "Backend Developer",
                 "Software Engineer (Backend)", "Server Engineer", "Backend Software Engineer"),
     29, 175_000),
    ("platform", ("Platform Engineer", "Infrastructure Engineer", "Cloud Engineer",
                  "Software Engineer, Platform"), 12, 182_000),
    ("data",
     ("Data Engineer", "Analytics Engineer", "Data Platform Engineer", "Software Engineer, Data"),
     10, 168_000),
    ("fullstack", ("Full-Stack Engineer", "Full Stack Developer", "Fullstack Software Engineer",
                   "Product Engineer", "Software Engineer (Full Stack)"), 20, 165_000),
    ("sre", ("Site Reliability Engineer", "SRE", "DevOps Engineer", "Production Engineer"),
     8.5, 175_000),
    ("ml", ("Machine Learning Engineer", "ML Engineer", "AI Engineer", "Applied AI Engineer",
            "LLM Engineer", "ML Infrastructure Engineer"), 12, 195_000),
    ("generic", ("Software Engineer", "Software Developer", "Member of Technical Staff"),
     13, 170_000),
)

EXTRA_ROLES: tuple[str, ...] = (
    "Frontend Engineer", "iOS Engineer", "Android Engineer", "Product Designer", "Product Manager",
    "Engineering Manager", "Developer Advocate", "Security Engineer", "Embedded Engineer",
    "Account Executive", "Solutions Engineer", "QA Engineer", "Technical Writer",
)

# (label, salary multiplier, weight); empty label means the title carries no seniority word.
SENIORITY: tuple[tuple[str, float, float], ...] = (
    ("Senior", 1.0, 30), ("Sr.", 1.0, 5), ("Staff", 1.22, 10), ("Principal", 1.38, 3),
    ("Lead", 1.12, 5),
    ("Founding", 1.05, 6), ("Junior", 0.62, 4), ("Mid-level", 0.82, 5), ("", 0.9, 24),
    ("Senior/Staff", 1.1, 5), ("Senior+", 1.05, 3),
)

# (canonical city, display variants, country, market key, weight)
LOCATIONS: tuple[tuple[str, tuple[str, ...], str, str, float], ...] = (
    ("San Francisco", ("San Francisco, CA", "SF", "San Francisco", "SF Bay Area", "Bay Area"), "US",
     "us_top", 14),
    ("New York", ("New York, NY", "NYC", "New York City", "NYC, NY", "New York"), "US", "us_top",
     12),
    ("Seattle", ("Seattle, WA", "Seattle"), "US", "us_top", 4),
    ("Palo Alto", ("Palo Alto, CA",), "US", "us_top", 1.5),
    ("Mountain View", ("Mountain View, CA",), "US", "us_top", 1),
    ("Austin", ("Austin, TX", "Austin"), "US", "us", 3.5),
    ("Boston", ("Boston, MA", "Boston", "Cambridge, MA"), "US", "us", 3.5),
    ("Los Angeles", ("Los Angeles, CA", "LA", "Santa Monica, CA"), "US", "us", 3),
    ("Chicago", ("Chicago, IL", "Chicago"), "US", "us", 2.5),
    ("Denver", ("Denver, CO", "Boulder, CO"), "US", "us", 2),
    ("Washington", ("Washington, DC", "DC", "Arlington, VA"), "US", "us", 1.5),
    ("Atlanta", ("Atlanta, GA",), "US", "us", 1),
    ("Miami", ("Miami, FL",), "US", "us", 1),
    ("Portland", ("Portland, OR",), "US", "us", 0.8),
    ("Pittsburgh", ("Pittsburgh, PA",), "US", "us", 0.7),
    ("Salt Lake City", ("Salt Lake City, UT", "Lehi, UT"), "US", "us", 0.7),
    ("Raleigh", ("Raleigh, NC", "Durham, NC"), "US", "us", 0.6),
    ("Toronto", ("Toronto, ON", "Toronto, Canada", "Toronto"), "CA", "ca", 2.5),
    ("Vancouver", ("Vancouver, BC", "Vancouver, Canada"), "CA", "ca", 1.2),
    ("Montreal", ("Montreal, QC", "Montréal, Canada"), "CA", "ca", 0.8),
    ("London", ("London, UK", "London", "London, England"), "GB", "gb", 6),
    ("Manchester", ("Manchester, UK",), "GB", "gb", 0.6),
    ("Cambridge", ("Cambridge, UK",), "GB", "gb", 0.5),
    ("Edinburgh", ("Edinburgh, Scotland",), "GB", "gb", 0.4),
    ("Berlin", ("Berlin, Germany", "Berlin"), "DE", "eu", 3.5),
    ("Munich", ("Munich, Germany", "München"), "DE", "eu", 1.2),
    ("Amsterdam", ("Amsterdam, NL", "Amsterdam, Netherlands", "Amsterdam"), "NL", "eu", 2.5),
    ("Paris", ("Paris, France", "Paris"), "FR", "eu", 2),
    ("Barcelona", ("Barcelona, Spain",), "ES", "eu_low", 1.2),
    ("Madrid", ("Madrid, Spain",), "ES", "eu_low", 0.7),
    ("Lisbon", ("Lisbon, Portugal",), "PT", "eu_low", 0.8),
    ("Stockholm", ("Stockholm, Sweden",), "SE", "eu", 1),
    ("Copenhagen", ("Copenhagen, Denmark",), "DK", "eu", 0.8),
    ("Dublin", ("Dublin, Ireland",), "IE", "eu", 1),
    ("Warsaw", ("Warsaw, Poland", "Warszawa"), "PL", "pl", 1),
    ("Prague", ("Prague, Czech Republic",), "CZ", "eu_low", 0.5),
    ("Vienna", ("Vienna, Austria",), "AT", "eu", 0.5),
    ("Helsinki", ("Helsinki, Finland",), "FI", "eu", 0.5),
    ("Tallinn", ("Tallinn, Estonia",), "EE", "eu_low", 0.4),
    ("Zürich", ("Zürich, Switzerland", "Zurich, CH", "Zurich"), "CH", "ch", 1.2),
    ("Geneva", ("Geneva, Switzerland",), "CH", "ch", 0.4),
    ("Tel Aviv", ("Tel Aviv, Israel", "Tel Aviv"), "IL", "il", 1.2),
    ("Bangalore", ("Bangalore, India", "Bengaluru", "Bengaluru, KA, India"), "IN", "in", 1.5),
    ("Hyderabad", ("Hyderabad, India",), "IN", "in", 0.5),
    ("Pune", ("Pune, India",), "IN", "in", 0.4),
    ("Sydney", ("Sydney, Australia", "Sydney, NSW"), "AU", "au", 1.2),
    ("Melbourne", ("Melbourne, Australia",), "AU", "au", 0.7),
    ("Singapore", ("Singapore",), "SG", "sg", 1),
    ("Tokyo", ("Tokyo, Japan",), "JP", "jp", 0.7),
    ("Auckland", ("Auckland, New Zealand",), "NZ", "au", 0.3),
    ("São Paulo", ("São Paulo, Brazil", "Sao Paulo, BR"), "BR", "latam", 0.7),
    ("Mexico City", ("Mexico City, Mexico", "CDMX"), "MX", "latam", 0.5),
    ("Buenos Aires", ("Buenos Aires, Argentina",), "AR", "latam", 0.4),
    ("Bogotá", ("Bogotá, Colombia",), "CO", "latam", 0.3),
    ("Dubai", ("Dubai, UAE",), "AE", "us", 0.3),
    ("Lagos", ("Lagos, Nigeria",), "NG", "latam", 0.2),
)

REMOTE_SCOPES: dict[str, tuple[str, ...]] = {
    "US": ("REMOTE (US)", "Remote (US only)", "REMOTE (US/Canada)", "Remote (North America)",
           "REMOTE (US timezones)", "Remote, US", "REMOTE (US-based)"),
    "CA": ("REMOTE (Canada)", "Remote (North America)", "REMOTE (US/Canada)"),
    "GB": ("REMOTE (UK)", "Remote (UK/EU)", "REMOTE (Europe)"),
    "EU": ("REMOTE (EU)", "Remote (Europe)", "REMOTE (CET ±2h)", "Remote (EMEA)",
           "REMOTE (EU timezones)"),
    "ANY": ("REMOTE", "Remote", "REMOTE (Worldwide)", "Remote (anywhere)",
            "REMOTE (UTC-5 to UTC+2)",
            "Remote-first", "fully remote"),
    "LATAM": ("Remote (LATAM)", "REMOTE (Americas)"),
    "APAC": ("REMOTE (APAC)", "Remote (AU/NZ)"),
}
ONSITE_FORMS: tuple[str, ...] = ("ONSITE", "Onsite", "On-site", "ONSITE only", "In-office")
HYBRID_FORMS: tuple[str, ...] = ("HYBRID", "Hybrid", "Hybrid (3 days/week)",
                                 "Hybrid (2 days in office)",
                                 "HYBRID (Tue-Thu in office)")
EMPLOYMENT: tuple[tuple[str, float], ...] = (
    ("Full-time", 50), ("Full-Time", 12), ("Full time", 10), ("FT", 3), ("Contract", 6),
    ("Full-time, Contract", 3), ("Part-time", 2), ("Intern", 1.5), ("Internship", 1),
    ("Contract-to-hire", 1.5), ("Full-time or Contract", 1.5),
)

NAME_HEADS: tuple[str, ...] = (
    "Quill", "Cedar", "Lumen", "Harbor", "Brindle", "Kestrel", "Tallow", "Vesper", "Orrin",
    "Marrow",
    "Fennel", "Copper", "Larch", "Sable", "Tidal", "Aster", "Juniper", "Basalt", "Ember", "Halcyon",
    "Onyx", "Pine", "Rook", "Slate", "Thistle", "Umber", "Wren", "Zephyr", "Alder", "Beacon",
    "Cinder",
    "Drift", "Ferro", "Glint", "Heron", "Indigo", "Jasper", "Kiln", "Lattice", "Mica", "Nimbus",
    "Oriel",
    "Pallas", "Quartz", "Ravel", "Sorrel", "Tern", "Verdant", "Willow", "Yarrow", "Corvid",
    "Plinth",
)
NAME_TAILS: tuple[str, ...] = (
    "stack", "line", "loop", "works", "field", "gate", "path", "forge", "mark", "grid", "wise",
    "ly",
    "base", "bit", "craft", "hive", "flow", "scope", "node", "point", "shift", "yard", "wave",
    "leaf",
)
NAME_SUFFIXES: tuple[tuple[str, float], ...] = (
    ("", 40), (" Labs", 8), (" AI", 6), (" Health", 4), (" Systems", 3), (" Robotics", 2),
    (" Bio", 2),
    (" Data", 3), (" Technologies", 3), (" HQ", 1), (" Inc.", 2), (" Energy", 2), (" Finance", 2),
)
TLDS: tuple[str, ...] = (".com", ".com", ".com", ".io", ".io", ".ai", ".dev", ".co", ".app",
                         ".tech")
ATS_HOSTS: tuple[str, ...] = (
    "jobs.ashbyhq.com/{slug}", "boards.greenhouse.io/{slug}", "jobs.lever.co/{slug}",
    "apply.workable.com/{slug}", "{slug}.bamboohr.com/careers", "wellfound.com/company/{slug}/jobs",
    "www.ycombinator.com/companies/{slug}/jobs",
)
VC_HEADS: tuple[str, ...] = ("Fieldstone", "Harrowgate", "Bluewater", "Northfork", "Greyhaven",
                             "Kingsbury",
                             "Redwell", "Stonebridge", "Longmeadow", "Silverline", "Ashgrove",
                             "Foxhall")
VC_TAILS: tuple[str, ...] = ("Ventures", "Capital", "Partners", "Growth", "VC")

# (what the company builds, for whom)
PRODUCTS: tuple[tuple[str, str], ...] = (
    ("payroll and benefits infrastructure", "small businesses"),
    ("a claims-processing platform", "mid-size insurers"),
    ("logistics software that plans freight routes", "regional carriers"),
    ("an observability backend that stores traces cheaply", "platform teams"),
    ("billing and usage metering APIs", "SaaS companies"),
    ("scheduling software", "home-care agencies"),
    ("a data platform for clinical trials", "biotech sponsors"),
    ("fraud detection for card payments", "fintechs and banks"),
    ("an energy-trading platform", "battery and solar operators"),
    ("procurement tooling", "hospital networks"),
    ("developer tooling for database migrations", "engineering teams"),
    ("a marketplace for industrial spare parts", "factories"),
    ("document automation", "law firms"),
    ("AI agents that handle back-office paperwork", "accounting firms"),
    ("a compliance engine for tax filings", "e-commerce sellers"),
    ("telematics software", "fleet operators"),
    ("a learning platform", "community colleges"),
    ("inventory forecasting", "grocery chains"),
    ("a search engine for building codes", "architects and contractors"),
    ("satellite-imagery analytics", "agriculture and insurance customers"),
    ("identity verification APIs", "marketplaces"),
    ("a feature-flag and experimentation service", "product teams"),
    ("construction project management software", "general contractors"),
    ("a customer-support copilot", "support teams"),
    ("genomics pipelines", "research labs"),
    ("a real-time bidding platform", "advertisers"),
    ("property management software", "landlords"),
    ("a travel booking backend", "corporate travel agencies"),
    ("warehouse robotics control software", "3PL warehouses"),
    ("mortgage origination software", "credit unions"),
    ("an event-streaming platform", "data teams"),
    ("privacy tooling that finds personal data", "security teams"),
    ("a carbon-accounting platform", "manufacturers"),
    ("point-of-sale software", "independent restaurants"),
    ("a vector search service", "AI application developers"),
    ("code review automation", "software teams"),
)

FIRST_NAMES: tuple[str, ...] = (
    "ana", "ben", "chen", "dara", "eli", "fatima", "gus", "hana", "ivan", "jo", "kofi", "lena",
    "mateo",
    "nia", "oskar", "priya", "quinn", "rafa", "sana", "tomas", "uma", "vik", "wes", "xena", "yusuf",
    "zoe",
)
HANDLE_PARTS: tuple[str, ...] = (
    "byte", "null", "lambda", "vector", "hex", "rusty", "pixel", "tensor", "cron", "fork", "kernel",
    "packet", "stack", "sudo", "mutex", "token", "lisp", "quux", "heap", "thunk",
)
SURNAME_BITS: tuple[str, ...] = (
    "vald", "morr", "kess", "linde", "okaf", "brenn", "tolv", "hask", "ardel", "quint", "ferr",
    "selm",
    "orla", "dunm", "pell", "ruiz", "naka", "vost", "imre", "calb",
)
# Country -> remote scope family in ``REMOTE_SCOPES``; unlisted European markets use "EU".
REMOTE_REGIONS: dict[str, str] = {
    "US": "US", "CA": "CA", "GB": "GB", "AU": "APAC", "NZ": "APAC", "BR": "LATAM", "MX": "LATAM",
    "AR": "LATAM", "CO": "LATAM",
}
MAIL_HOSTS: tuple[str, ...] = ("gmail.com", "proton.me", "fastmail.com")


def handle(rng: random.Random) -> str:
    """A plausible HN username."""
    first, sur, part = rng.choice(FIRST_NAMES), rng.choice(SURNAME_BITS), HANDLE_PARTS
    return rng.choice((f"{first}{sur}", f"{first[0]}{sur}{rng.choice(('', 'er', 'o', 'a'))}",
                       f"{rng.choice(part)}{rng.randint(1, 999)}",
                       f"{rng.choice(part)}_{rng.choice(part)}", f"{first}_{sur}",
                       f"{first}{rng.randint(70, 99)}"))


def coin_name(rng: random.Random) -> str:
    """A made-up, pronounceable brand word."""
    onset = rng.choice(("B", "Br", "C", "D", "F", "G", "K", "L", "M", "N", "P", "R", "S", "T", "V"))
    mid = rng.choice(("a", "e", "i", "o", "u", "ai", "ea", "io")) + rng.choice("lmnrstvxz")
    return onset + mid + rng.choice(("a", "o", "ix", "ly", "io", "um", "en", "iq", "is", "ara"))
