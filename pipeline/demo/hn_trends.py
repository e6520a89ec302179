"""How the synthetic HN corpus changes over the years: technologies, remote work, volume, pay.

Every weight here is keyed to the start of each year in ``TREND_YEARS`` and linearly interpolated
in between, so a dashboard built on the corpus shows smooth multi-year trends (rising Rust/Go/LLM
tooling, fading PHP/jQuery/Heroku, steady Python/Java/AWS). The technology names are real; how
often they appear is invented.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

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

# Monthly volume of job ads: seasonality (Jan..Dec) times a yearly level with the 2023 slump.
SEASON: tuple[float, ...] = (1.08, 1.15, 1.1, 1.02, 0.98, 0.95, 0.92, 0.9, 0.97, 1.02, 0.95, 0.82)
YEAR_VOLUME: Trend = (0.85, 0.7, 0.82, 0.95, 1.0)
# Pay level relative to 2023: a flat 2024, then a modest recovery.
PAY_DRIFT: Trend = (1.0, 0.98, 1.01, 1.05, 1.08)


def trend(values: Sequence[float], year: float) -> float:
    """``values`` (one per ``TREND_YEARS`` start) interpolated at a fractional ``year``."""
    x = min(max(year - TREND_YEARS[0], 0.0), len(values) - 1.0)
    i = min(int(x), len(values) - 2)
    return values[i] + (values[i + 1] - values[i]) * (x - i)


_WEIGHTS: dict[tuple[int, float], tuple[list[str], list[float]]] = {}


def sample(rng: random.Random, table: Mapping[str, Trend], year: float, k: int) -> list[str]:
    """Up to ``k`` distinct names from ``table`` weighted by their trend in ``year``."""
    key = (id(table), year)  # tables are module constants, so their id is a stable cache key
    if key not in _WEIGHTS:
        _WEIGHTS[key] = list(table), [trend(table[n], year) for n in table]
    names, weights = (list(x) for x in _WEIGHTS[key])
    out: list[str] = []
    for _ in range(min(k, len(names))):
        i = rng.choices(range(len(names)), weights)[0]
        out.append(names.pop(i))
        weights.pop(i)
    return [n for n in out if SYNONYMS.get(n) not in out]
