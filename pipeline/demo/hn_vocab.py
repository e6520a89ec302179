"""Vocabulary for the synthetic "Who is hiring?" corpus (see ``hn_corpus``).

Everything here was written for this project: company names, products and sentences are invented
and only imitate the *forms* seen in real postings. Technology weights are keyed to the start of
each year in ``TREND_YEARS`` and linearly interpolated in between, so a dashboard built on the
corpus shows smooth multi-year trends (rising Rust/Go/LLM tooling, fading PHP/jQuery/Heroku,
steady Python/Java/AWS).
"""

from __future__ import annotations

import random

Trend = tuple[float, float, float, float, float]

TREND_YEARS: tuple[int, ...] = (2023, 2024, 2025, 2026, 2027)

# Primary backend language of a posting; ``LANGUAGE_FRAMEWORKS`` adds the usual companions.
LANGUAGES: dict[str, Trend] = {
    "Python": (30, 31, 33, 35, 37),
    "Java": (16, 16, 15, 15, 15),
    "Go": (9, 11, 13, 15, 17),
    "TypeScript": (12, 14, 16, 18, 19),
    "Ruby": (9, 7, 5.5, 4, 3),
    "PHP": (7, 5.5, 4.5, 3.5, 2.5),
    "Rust": (2.5, 4, 5.5, 7, 8.5),
    "Kotlin": (3, 3.5, 4, 4, 4.5),
    "Scala": (3, 2.5, 2, 1.8, 1.5),
    "Elixir": (2, 2, 2.2, 2.2, 2.2),
    "C#": (4, 4, 4, 4, 4),
    "C++": (3, 3, 3, 3.2, 3.4),
    "Perl": (1, 0.7, 0.5, 0.35, 0.2),
    "Clojure": (0.8, 0.7, 0.6, 0.5, 0.5),
}

# How a language is spelled in prose; the first spelling is the most common.
LANGUAGE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Go": ("Go", "Go", "Golang"),
    "TypeScript": ("TypeScript", "TypeScript", "Typescript", "TS"),
    "C#": ("C#", "C#", "C#/.NET"),
}

LANGUAGE_FRAMEWORKS: dict[str, dict[str, Trend]] = {
    "Python": {"Django": (10, 9, 8, 7.5, 7), "FastAPI": (5, 7, 9, 10, 11),
               "Flask": (5, 4, 3.5, 3, 2.5),
               "Celery": (3, 3, 3, 3, 3)},
    "Java": {"Spring Boot": (10, 10, 10, 10, 10), "Spring": (3, 3, 3, 3, 3)},
    "Go": {"gRPC": (3, 3, 3, 3, 3)},
    "TypeScript": {"Node.js": (10, 10, 10, 10, 10), "NestJS": (2, 3, 3.5, 4, 4),
                   "Express": (4, 3.5, 3, 2.5, 2), "tRPC": (0.5, 1, 1.5, 1.8, 2)},
    "Ruby": {"Ruby on Rails": (8, 8, 8, 8, 8), "Rails": (5, 5, 5, 5, 5),
             "Sidekiq": (2, 2, 2, 2, 2)},
    "PHP": {"Laravel": (6, 6, 6, 6, 6), "Symfony": (3, 3, 3, 3, 3),
            "WordPress": (2, 1.5, 1.2, 1, 0.8)},
    "Rust": {"Tokio": (3, 3, 3, 3, 3), "Axum": (1, 2, 3, 4, 5), "Actix": (2, 2, 1.5, 1.2, 1)},
    "Kotlin": {"Spring Boot": (4, 4, 4, 4, 4), "Ktor": (1, 1.2, 1.5, 1.7, 2)},
    "Scala": {"Akka": (3, 2.5, 2, 1.5, 1.2), "ZIO": (1, 1.5, 2, 2.3, 2.5),
              "Spark": (2, 2, 2, 2, 2)},
    "Elixir": {"Phoenix": (6, 6, 6, 6, 6), "LiveView": (1, 1.5, 2, 2.3, 2.5)},
    "C#": {".NET": (6, 6, 6, 6, 6), "ASP.NET Core": (3, 3, 3, 3, 3)},
    "C++": {"CUDA": (1, 1.5, 2, 2.5, 3)},
    "Perl": {"Mojolicious": (1, 1, 1, 1, 1)},
    "Clojure": {"Datomic": (1, 1, 1, 1, 1)},
}

FRONTEND: dict[str, Trend] = {
    "React": (20, 20, 20, 20, 20), "Vue": (6, 6, 6, 6, 5.5), "Angular": (5, 5, 4.5, 4.5, 4),
    "AngularJS": (3, 2, 1.3, 0.8, 0.5), "jQuery": (4, 3, 2, 1.4, 1),
    "CoffeeScript": (1.5, 1, 0.6, 0.35, 0.2),
    "Svelte": (1, 1.5, 2, 2.5, 3), "Next.js": (3, 5, 7, 8, 9),
    "Ember.js": (1.5, 1.2, 0.9, 0.7, 0.5),
    "Tailwind": (2, 3, 4, 4.5, 5), "React Native": (3, 3, 3, 3, 3),
}

DATASTORES: dict[str, Trend] = {
    "PostgreSQL": (28, 29, 30, 31, 32), "Postgres": (8, 8.5, 9, 9.5, 10),
    "MySQL": (12, 11, 10, 9, 8),
    "Redis": (14, 14, 14, 14, 14), "MongoDB": (8, 7, 6.5, 6, 5.5), "DynamoDB": (5, 5, 5, 5, 5),
    "Elasticsearch": (6, 6, 5.5, 5, 5), "Cassandra": (2.5, 2, 1.7, 1.4, 1.2),
    "ClickHouse": (1.5, 2.5, 3.5, 4.5, 5.5), "Snowflake": (4, 5, 5, 5.5, 5.5),
    "BigQuery": (4, 4, 4.5, 4.5, 4.5),
    "DuckDB": (0.5, 1, 2, 3, 4), "Kafka": (8, 8.5, 9, 9, 9), "SQLite": (1, 1.5, 2, 2.5, 3),
    "Supabase": (0.5, 1, 2, 3, 3.5), "RabbitMQ": (3, 2.8, 2.5, 2.3, 2),
    "Memcached": (1.5, 1.2, 1, 0.8, 0.6),
}

CLOUD: dict[str, Trend] = {
    "AWS": (40, 40, 40, 40, 40), "GCP": (14, 14, 14, 14, 14), "Azure": (9, 9, 9.5, 9.5, 10),
    "Heroku": (6, 4.5, 3, 2, 1.3), "Vercel": (2, 3, 4, 5, 6),
    "Cloudflare Workers": (1, 1.5, 2.2, 3, 3.5),
    "Fly.io": (0.5, 1, 1.3, 1.6, 1.8),
}

# AWS services show up in parentheses after "AWS"; that nesting is a classic skill-extractor trap.
AWS_SERVICES: tuple[str, ...] = ("Lambda", "S3", "ECS", "EKS", "SQS", "RDS", "Step Functions",
                                 "Fargate",
                                 "Aurora", "Kinesis", "CloudFront")

INFRA: dict[str, Trend] = {
    "Kubernetes": (6.5, 8.5, 11, 14, 17), "k8s": (1.5, 2, 2.5, 3, 3.5),
    "Docker": (15, 15, 14, 14, 13),
    "Terraform": (5.5, 8, 11, 14, 17), "Pulumi": (1, 1.5, 2, 2.3, 2.6),
    "Ansible": (4, 3.5, 3, 2.5, 2),
    "Chef": (1.2, 0.8, 0.5, 0.35, 0.2), "Puppet": (1, 0.7, 0.5, 0.3, 0.2),
    "Helm": (3, 3.5, 4, 4.5, 5),
    "ArgoCD": (1, 1.5, 2, 2.5, 3), "GitHub Actions": (3, 4, 5, 5.5, 6),
    "Nix": (0.3, 0.5, 0.8, 1.1, 1.4),
}

OBSERVABILITY: dict[str, Trend] = {
    "Datadog": (6, 6, 6, 6, 6), "Prometheus": (5, 5, 5, 5, 5), "Grafana": (4, 4.2, 4.4, 4.6, 4.8),
    "OpenTelemetry": (1, 2, 3, 4, 5), "Sentry": (3, 3, 3, 3, 3), "Honeycomb": (1, 1, 1, 1, 1),
}

AI: dict[str, Trend] = {
    "OpenAI": (3, 8, 11, 13, 14), "LLMs": (4, 10, 14, 17, 19), "PyTorch": (5, 7, 9, 10, 11),
    "LangChain": (0.5, 4, 5, 5, 4.5), "pgvector": (0.2, 2, 4, 5, 6),
    "Pinecone": (0.3, 2, 2.5, 2.5, 2.3),
    "Hugging Face": (2, 4, 5, 5.5, 6), "RAG": (0.2, 3, 6, 7, 7), "TensorFlow": (5, 4, 3, 2.3, 1.8),
    "Anthropic": (0.2, 1.5, 4, 7, 9), "vLLM": (0.01, 0.5, 1.5, 2.5, 3.5),
    "MCP": (0.01, 0.01, 0.5, 3, 5),
    "Weaviate": (0.2, 1, 1.3, 1.5, 1.5), "LlamaIndex": (0.1, 1.5, 2, 2, 1.8),
}

DATA_TOOLS: dict[str, Trend] = {
    "Spark": (6, 5.5, 5, 4.5, 4), "Airflow": (6, 6, 5.5, 5, 4.5), "dbt": (4, 5, 6, 6.5, 7),
    "Flink": (1.5, 2, 2.2, 2.5, 2.7), "Dagster": (0.5, 1, 1.5, 2, 2.5),
    "Databricks": (3, 3.5, 4, 4.5, 5),
    "pandas": (4, 4, 3.5, 3, 2.5), "Polars": (0.3, 0.8, 1.5, 2.2, 3),
}

# Spellings that mean the same thing; a posting never lists both.
SYNONYMS: dict[str, str] = {"k8s": "Kubernetes", "Postgres": "PostgreSQL", "Rails": "Ruby on Rails"}

# Share of postings that mention AI tooling at all, independent of role family.
AI_MENTION_SHARE: Trend = (0.12, 0.28, 0.4, 0.5, 0.55)
# Remote-first postings slowly give way to hybrid arrangements.
REMOTE_SHARE: Trend = (0.55, 0.5, 0.46, 0.42, 0.4)
HYBRID_SHARE: Trend = (0.12, 0.15, 0.18, 0.21, 0.23)

# (family key, titles, weight trend, base USD salary for a senior in a top US market at 2023 levels)
ROLE_FAMILIES: tuple[tuple[str, tuple[str, ...], Trend, int], ...] = (
    ("backend", ("Backend Engineer", "Software Engineer, Backend", "Backend Developer",
                 "Software Engineer (Backend)", "Server Engineer", "Backend Software Engineer"),
     (30, 30, 29, 28, 28), 175_000),
    ("platform", ("Platform Engineer", "Infrastructure Engineer", "Cloud Engineer",
                  "Software Engineer, Platform"), (10, 11, 12, 12, 13), 182_000),
    ("data",
     ("Data Engineer", "Analytics Engineer", "Data Platform Engineer", "Software Engineer, Data"),
     (10, 10, 10, 10, 10), 168_000),
    ("fullstack", ("Full-Stack Engineer", "Full Stack Developer", "Fullstack Software Engineer",
                   "Product Engineer", "Software Engineer (Full Stack)"), (22, 21, 20, 19, 18),
                   165_000),
    ("sre", ("Site Reliability Engineer", "SRE", "DevOps Engineer", "Production Engineer"),
     (9, 9, 8.5, 8, 8), 175_000),
    ("ml", ("Machine Learning Engineer", "ML Engineer", "AI Engineer", "Applied AI Engineer",
            "LLM Engineer", "ML Infrastructure Engineer"), (6, 9, 12, 15, 17), 195_000),
    ("generic", ("Software Engineer", "Software Developer", "Member of Technical Staff"),
     (13, 13, 13, 13, 13), 170_000),
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

# market -> (currency, multiplier vs. a top US market, FX units per USD)
MARKETS: dict[str, tuple[str, float, float]] = {
    "us_top": ("USD", 1.0, 1.0), "us": ("USD", 0.86, 1.0), "remote_us": ("USD", 0.9, 1.0),
    "ca": ("CAD", 0.68, 1.36), "gb": ("GBP", 0.55, 0.79), "eu": ("EUR", 0.5, 0.92),
    "eu_low": ("EUR", 0.36, 0.92), "pl": ("PLN", 0.33, 4.0), "ch": ("CHF", 0.8, 0.88),
    "il": ("USD", 0.6, 1.0), "in": ("INR", 0.16, 83.0), "au": ("AUD", 0.58, 1.52),
    "sg": ("SGD", 0.6, 1.34), "jp": ("JPY", 0.42, 150.0), "latam": ("USD", 0.35, 1.0),
    "remote_global": ("USD", 0.75, 1.0),
}

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

SIZE_PHRASES: tuple[str, ...] = (
    "We're a team of {n} ({e} engineers).", "We are {n} people, {e} of us in engineering.",
    "Small team: {e} engineers, {n} total.", "About {n} employees across three offices.",
)
# Numbers with currency signs or "k" that are NOT pay; a salary parser should ignore them.
TRAPS: tuple[str, ...] = (
    "We recently raised ${m}M Series {r} led by {vc}.", "We closed a ${m}M Series {r} in {y}.",
    "Backed by {vc} with ${m}M raised to date.", "We process over ${b}B in payments a year.",
    "Profitable, with ${m}M ARR and growing 3x year over year.",
    "We have over {k}k customers and 500 employees.",
    "Founded in {fy}, we now serve {k}k users.",
    "Benefits include a 401(k) match and a $2,000 learning budget.",
    "Our largest customer sends us {k}k requests per second.", "Seed-funded ($4.5M) by {vc}.",
)
STAGES: tuple[str, ...] = ("A", "A", "B", "B", "C", "D")

ROLE_BLURBS: tuple[str, ...] = (
    "As a {role} you will own services end to end, from design docs to on-call.",
    "You'll work on the core {area} that everything else depends on.",
    "This role sits on the {area} team: small, senior and very hands-on.",
    "We need someone to take our {area} from \"works on a good day\" to boringly reliable.",
    "You would be one of the first {e} engineers and shape how we build {area}.",
    "The team is rebuilding our {area}; expect greenfield work and some careful migrations.",
)
AREAS: tuple[str, ...] = (
    "ingestion pipeline", "billing system", "public API", "data platform", "scheduling engine",
    "search infrastructure", "payments ledger", "ML serving stack", "internal developer platform",
    "sync engine", "event pipeline", "permissions system", "reporting backend",
    "model evaluation tooling",
)
STACK_LEADS: tuple[str, ...] = ("Our stack: ", "Stack: ", "Tech stack: ", "Tech: ", "We use: ",
                                "Stack is ")
PROSE_STACKS: tuple[str, ...] = (
    "Most of our backend is {lang} ({fw}) on {db}, running on {cloud}.",
    "We write {lang} for services and lean on {db} and {store}; infra lives in {infra}.",
    "Day to day you'd be in {lang} and {fw}, deploying to {cloud} with {infra}.",
    "Our services are {lang}; data lives in {db}; everything ships through {infra} on {cloud}.",
    "We bet on {lang} early and haven't regretted it. {db} is our source of truth.",
)
REQ_LINES: tuple[str, ...] = (
    "{yrs}+ years building production backend services in {lang}",
    "comfortable with {db} beyond the ORM: indexes, query plans, migrations",
    "have operated {infra} in production",
    "experience with {cloud} (or another major cloud)",
    "you've debugged a distributed system at 3am and written the postmortem",
    "bonus: experience with {ai}",
    "care about tests, observability and boring technology",
    "able to overlap at least 4 hours with US Eastern time",
    "strong written communication; we are async-first",
)
AI_SENTENCES: tuple[str, ...] = (
    "We use {ai} heavily in the product, mostly behind evals we wrote ourselves.",
    "Part of the job is building retrieval over customer documents with {ai}.",
    "Our newest product runs on {ai}; the hard problems are latency and cost, not prompts.",
    "Experience shipping features on {ai} is a plus but not required.",
)
# Tech-looking words used in plain English; a naive keyword matcher will trip over them.
AMBIGUOUS: tuple[str, ...] = (
    "We go fast, but we don't cut corners on reliability.",
    "Start date is flexible, ideally spring {y}.",
    "We react quickly to customer feedback and ship daily.",
    "Express interest by emailing us directly; a short note beats a cover letter.",
    "Swift decisions, small teams, no layers of management.",
    "We keep projects on the rails with weekly written updates.",
    "Ask for Julia when you get to the front desk.",
    "Looking to shake off the rust after a break? Apply anyway.",
    "Our offsite this spring is in Lisbon.", "Go from idea to production in your first week.",
)
BENEFITS: tuple[str, ...] = (
    "Benefits: full health, dental and vision, 4 weeks PTO, parental leave.",
    "We offer equity, a home-office budget and a yearly team offsite.",
    "Visa sponsorship available.", "Unfortunately we cannot sponsor visas at this time.",
    "Relocation support for the right person.", "Four-day work week on Fridays in summer.",
    "Generous equity; we want everyone to own a meaningful piece.",
)
PROCESS: tuple[str, ...] = (
    "Interview process: intro call, a paid take-home, then a half-day of pairing.",
    "Our process is 3 calls, no leetcode.", "We reply to every application within a week.",
    "No recruiters or agencies, please.",
    "Process: 30-minute chat, system design discussion, meet the team.",
)
APPLY: tuple[str, ...] = (
    "Apply here: {link}", "Apply at {link} and mention HN.", "More info and to apply: {link}",
    "Apply: {link} or email {email}", "Email {email} with \"HN\" in the subject line.",
    "Send a few lines about something you built to {email}.", "Roles and details: {link}",
)
INTRO_FIRST_LINES: tuple[str, ...] = (
    "{company} is hiring {roles} ({where}).",
    "Hi HN! {company} ({domain}) is looking for {roles} to join us in {where}.",
    "{company} - we're hiring {roles}, {where}.",
    "We're {company} and we build {product} for {customers}. Hiring {roles} in {where}.",
)
INTRO_SENTENCES: tuple[str, ...] = (
    "{company} builds {product} for {customers}.",
    "At {company} we make {product} for {customers}.",
    "{company} is {product} for {customers}.",
    "We're building {product} for {customers}, and it turns out to be a surprisingly deep problem.",
)
# (question from a reader, answer from the poster)
REPLIES: tuple[tuple[str, str], ...] = (
    ("Do you sponsor visas?", "We can sponsor transfers, please mention it in the form."),
    ("Is this open to people in {place}?", "Yes, as long as you can overlap with our core hours."),
    ("Is the salary range the same for the staff role?", "Staff is a separate, higher band."),
    ("The application link gives me a 404.", "Thanks, fixed the link."),
    ("Are you open to junior candidates?", "Not for this role, sorry."),
    ("Applied, looks great!", "Thanks! We reply to everyone within a week."),
    ("Is the role fully remote or are there office days?",
     "Remote within the listed time zones is fine."),
    ("What does the on-call rotation look like?",
     "Small rotation, one week every two months, and pages are rare."),
)
BOT_COMMENTS: tuple[str, ...] = (
    "Looking for work rather than hiring? This month's Who wants to be hired? thread is for that.",
    "Reminder: one top-level comment per company, and only if you work there. Reply only to ask.",
    "Freelancers and people hiring them have their own thread this month as well.",
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
SEEKER_PITCHES: tuple[str, ...] = (
    "Backend developer with {yrs} years of {lang} and {db}; I like messy data and clear APIs.",
    "I build and rescue {lang} services. Recent work: migrating a monolith to {infra} on {cloud}.",
    "Senior engineer, mostly {lang}, happy to own a project from scoping to launch.",
    "I help small teams ship: {lang} APIs, {db} tuning, CI and deploys on {cloud}.",
)
FREELANCE_NEEDS: tuple[str, ...] = (
    "We need an experienced {lang} developer to help finish a {area} rewrite within 3 months.",
    "Looking for someone to audit our {db} setup and fix slow queries. Probably 2-4 weeks of work.",
    "Short engagement: set up {infra} and CI for a small {cloud} deployment.",
    "We want help integrating {ai} into an existing {lang} app.",
    "Ongoing part-time work (~20h/week) on our {lang} backend.",
)
FREELANCE_BUDGETS: tuple[str, ...] = (
    "$80-120/hr", "$100/hr", "$90-110/hour", "€600/day", "€500 per day", "£450/day", "$700/day",
    "fixed budget ~$8k", "$15,000 fixed price", "rate negotiable", "$60-80/hr", "€70/hr",
)
SEEKER_RATES: tuple[str, ...] = (
    "Rate: $95/hr", "Rate: €650/day", "$120/hour", "Rates from £500/day", "Rate: negotiable",
    "$85/hr, flexible for longer projects", "",
)

# Monthly volume of job ads: seasonality (Jan..Dec) times a yearly level with the 2023 slump.
SEASON: tuple[float, ...] = (1.08, 1.15, 1.1, 1.02, 0.98, 0.95, 0.92, 0.9, 0.97, 1.02, 0.95, 0.82)
YEAR_VOLUME: Trend = (0.85, 0.7, 0.82, 0.95, 1.0)
# Pay level relative to 2023: a flat 2024, then a modest recovery.
PAY_DRIFT: Trend = (1.0, 0.98, 1.01, 1.05, 1.08)
# Country -> remote scope family in ``REMOTE_SCOPES``; unlisted European markets use "EU".
REMOTE_REGIONS: dict[str, str] = {
    "US": "US", "CA": "CA", "GB": "GB", "AU": "APAC", "NZ": "APAC", "BR": "LATAM", "MX": "LATAM",
    "AR": "LATAM", "CO": "LATAM",
}
PAY_WORDS: tuple[str, ...] = ("Competitive salary + equity", "DOE", "0.5% - 1% equity",
                              "competitive", "Salary: DOE", "top of market + equity")
PAY_EXTRAS: tuple[str, ...] = ("", "", "", " + equity", " + equity + benefits", " base", " + bonus")
PAY_SENTENCES: tuple[str, ...] = ("Salary range: {}.", "Compensation: {} depending on experience.",
                                  "The range for this role is {}.", "Pay: {}")
SEEKER_FIRST_LINES: tuple[str, ...] = ("SEEKING WORK | {lang} developer | {loc} | Remote",
                                       "SEEKING WORK - {loc} - Remote OK",
                                       "SEEKING WORK | {loc} | Remote or onsite")
MAIL_HOSTS: tuple[str, ...] = ("gmail.com", "proton.me", "fastmail.com")

GUIDE_HIRING: tuple[str, ...] = (
    "List where the job is and write REMOTE if it can be done remotely, REMOTE (US) or similar "
    "when candidates must live in a particular country, and ONSITE when it can't.",
    "Post only if you work at the hiring company; no agencies, recruiters or job boards. One "
    "top-level comment per company, please. If people may not know your company, say what it does.",
    "Commenters: don't reply to posts unless you are asking about the job itself. Readers: please "
    "only email a company if you are genuinely interested in working there.",
)
GUIDE_WANTS: tuple[str, ...] = (
    "Looking for a job? Share a short summary in this format:",
    "Location:\nRemote:\nWilling to relocate:\nTechnologies:\nRésumé/CV:\nEmail:",
    "Recruiters and job boards: please don't reply here. Readers: only get in touch if you hire.",
)
GUIDE_FREELANCE: tuple[str, ...] = (
    "Start your comment with SEEKING WORK if you are a freelancer, or SEEKING FREELANCER if you "
    "want to hire one. Say where you are and whether remote work is fine.",
    "Agencies and recruiters: please stay out of this thread.",
)

# Salary spellings per currency. {a}/{b}: band in thousands; {af}/{bf}: full amounts with commas;
# {la}/{lb}: lakhs; {ma}/{mb}: millions; {pa}/{pb}: thousands per month.
PAY_FORMS: dict[str, tuple[str, ...]] = {
    "USD": ("${a}k-{b}k", "${a}K - ${b}K", "${a}-{b}k", "{a}-{b}k", "${a}k-${b}k", "${af} - ${bf}",
            "${a}k–${b}k", "USD {a}-{b}k", "${a}k to ${b}k", "up to ${b}k", "${a}k+", "${a}-{b}K"),
    "EUR": ("€{a}–{b}k", "€{a}.000 - €{b}.000", "{a}-{b}k EUR", "EUR {a}k–{b}k", "€{a}k-€{b}k"),
    "GBP": ("£{af} - £{bf}", "£{a}-{b}k", "£{a}k-£{b}k", "£{a}k – £{b}k"),
    "CHF": ("CHF {a}k", "CHF {a}-{b}k", "{a}'000 - {b}'000 CHF"),
    "CAD": ("CA${a}k-{b}k", "${a}k-{b}k CAD", "CAD {a}-{b}k"),
    "AUD": ("A${a}k-{b}k", "AUD {a}-{b}k + super"),
    "SGD": ("S${a}k-{b}k", "SGD {a}-{b}k"),
    "PLN": ("{pa}-{pb}k PLN/month (B2B)", "PLN {a}-{b}k"),
    "INR": ("₹{la}-{lb} LPA", "INR {la}L - {lb}L"),
    "JPY": ("¥{ma}M-{mb}M", "JPY {ma}-{mb}M"),
}
# Contract rates; {s} is the currency sign, {h} an hourly and {d} a daily rate.
RATE_FORMS: tuple[str, ...] = ("{s}{h}/hr", "{s}{h}-{h2}/hr", "{s}{h}/hour", "{s}{h} per hour",
                               "{s}{d}/day", "{s}{d} per day")


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
