"""What the synthetic HN corpus draws from: technologies, remote work, volume and pay over time.

Skill tables are flat weights: apart from the seeded movers in ``seeded_trends`` (Go, Rust, PHP,
Perl), every technology is as likely in one month as in any other, so the only skill trends in
the corpus are the documented ones. Work mode, volume and pay still change over the years
(``Trend``: one value per ``TREND_YEARS`` start, linear in between). The technology names are
real; how often they appear is invented.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from pipeline.demo.seeded_trends import SEEDED, Trend, trend

Weights = dict[str, float]

# Primary language of a posting; the seeded languages are not drawn here but mentioned on their
# own (``seeded_languages``), so their rise and fall does not move any other language's share.
LANGUAGES: Weights = {
    "Python": 30, "Java": 16, "TypeScript": 15, "Ruby": 7, "Kotlin": 4, "Scala": 2.5,
    "Elixir": 2, "C#": 5, "C++": 3, "Clojure": 1,
}
# An ad's optional second language ("plus some Python for data work").
SECOND_LANGUAGES: Weights = {"Python": 5, "TypeScript": 3, "Java": 1, "Kotlin": 1}

# How a language is spelled in prose; the first spelling is the most common.
LANGUAGE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Go": ("Go", "Go", "Golang"),
    "TypeScript": ("TypeScript", "TypeScript", "Typescript", "TS"),
    "C#": ("C#", "C#", "C#/.NET"),
}

# Companions of the primary language. The seeded languages have none: a framework that only
# comes with Go or PHP would rise or fall with it and blur the known answer.
LANGUAGE_FRAMEWORKS: dict[str, Weights] = {
    "Python": {"Django": 9, "FastAPI": 8, "Flask": 4, "Celery": 3},
    "Java": {"Spring Boot": 10, "Spring": 3},
    "TypeScript": {"Node.js": 10, "NestJS": 3, "Express": 3, "tRPC": 1.5},
    "Ruby": {"Ruby on Rails": 8, "Rails": 5, "Sidekiq": 2},
    "Kotlin": {"Spring Boot": 4, "Ktor": 1.5},
    "Scala": {"Akka": 2, "ZIO": 2, "Spark": 2},
    "Elixir": {"Phoenix": 6, "LiveView": 2},
    "C#": {".NET": 6, "ASP.NET Core": 3},
    "C++": {"CUDA": 2},
    "Clojure": {"Datomic": 1},
}

FRONTEND: Weights = {
    "React": 20, "Vue": 6, "Angular": 4.5, "AngularJS": 1.5, "jQuery": 2, "CoffeeScript": 0.6,
    "Svelte": 2, "Next.js": 7, "Ember.js": 0.9, "Tailwind": 4, "React Native": 3,
}

DATASTORES: Weights = {
    "PostgreSQL": 30, "Postgres": 9, "MySQL": 10, "Redis": 14, "MongoDB": 6.5, "DynamoDB": 5,
    "Elasticsearch": 5.5, "Cassandra": 1.7, "ClickHouse": 3.5, "Snowflake": 5, "BigQuery": 4.5,
    "DuckDB": 2, "Kafka": 9, "SQLite": 2, "Supabase": 2, "RabbitMQ": 2.5, "Memcached": 1,
}

CLOUD: Weights = {
    "AWS": 40, "GCP": 14, "Azure": 9.5, "Heroku": 3, "Vercel": 4, "Cloudflare Workers": 2.2,
    "Fly.io": 1.3,
}

# AWS services show up in parentheses after "AWS"; that nesting is a classic skill-extractor trap.
AWS_SERVICES: tuple[str, ...] = ("Lambda", "S3", "ECS", "EKS", "SQS", "RDS", "Step Functions",
                                 "Fargate", "Aurora", "Kinesis", "CloudFront")

INFRA: Weights = {
    "Kubernetes": 11, "k8s": 2.5, "Docker": 14, "Terraform": 11, "Pulumi": 2, "Ansible": 3,
    "Chef": 0.5, "Puppet": 0.5, "Helm": 4, "ArgoCD": 2, "GitHub Actions": 5, "Nix": 0.8,
    "gRPC": 3,
}

OBSERVABILITY: Weights = {
    "Datadog": 6, "Prometheus": 5, "Grafana": 4.4, "OpenTelemetry": 3, "Sentry": 3,
    "Honeycomb": 1,
}

AI: Weights = {
    "OpenAI": 11, "LLMs": 14, "PyTorch": 9, "LangChain": 5, "pgvector": 4, "Pinecone": 2.5,
    "Hugging Face": 5, "RAG": 6, "TensorFlow": 3, "Anthropic": 4, "vLLM": 1.5, "MCP": 1,
    "Weaviate": 1.3, "LlamaIndex": 2,
}

DATA_TOOLS: Weights = {
    "Spark": 5, "Airflow": 5.5, "dbt": 6, "Flink": 2.2, "Dagster": 1.5, "Databricks": 4,
    "pandas": 3.5, "Polars": 1.5,
}

# A freelance client's companions of its main language (``FREELANCE_LANGUAGES``).
FREELANCE_FRAMEWORKS: dict[str, Weights] = {
    "PHP": {"WordPress": 6, "Laravel": 3, "Symfony": 1},
    "JavaScript": {"React": 4, "Node.js": 3, "jQuery": 2, "Shopify": 2},
    "Go": {}, "Rust": {}, "Perl": {},
}

# Spellings that mean the same thing; a posting never lists both.
SYNONYMS: dict[str, str] = {"k8s": "Kubernetes", "Postgres": "PostgreSQL", "Rails": "Ruby on Rails"}

# Share of postings that mention AI tooling at all, independent of role family.
AI_MENTION_SHARE = 0.4
# Remote-first postings slowly give way to hybrid arrangements.
REMOTE_SHARE: Trend = (0.55, 0.5, 0.46, 0.42, 0.4)
HYBRID_SHARE: Trend = (0.12, 0.15, 0.18, 0.21, 0.23)

# Monthly volume of job ads: seasonality (Jan..Dec) times a yearly level with the 2023 slump.
SEASON: tuple[float, ...] = (1.08, 1.15, 1.1, 1.02, 0.98, 0.95, 0.92, 0.9, 0.97, 1.02, 0.95, 0.82)
YEAR_VOLUME: Trend = (0.85, 0.7, 0.82, 0.95, 1.0)
# Pay level relative to 2023: a flat 2024, then a modest recovery.
PAY_DRIFT: Trend = (1.0, 0.98, 1.01, 1.05, 1.08)

def sample(rng: random.Random, table: Mapping[str, float], k: int) -> list[str]:
    """Up to ``k`` distinct names from ``table`` by weight (synonyms never both)."""
    names, weights = list(table), list(table.values())
    out: list[str] = []
    for _ in range(min(k, len(names))):
        i = rng.choices(range(len(names)), weights)[0]
        out.append(names.pop(i))
        weights.pop(i)
    return [n for n in out if SYNONYMS.get(n) not in out]


def seeded_languages(rng: random.Random, year: float) -> list[str]:
    """The seeded languages an ``hn`` engineering ad mentions, each drawn on its own."""
    return [lang for lang, values in SEEDED.items() if rng.random() < trend(values, year) / 100]
