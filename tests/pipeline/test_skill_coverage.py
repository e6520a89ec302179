"""Taxonomy coverage: the technologies of the public lists, in the spellings ads use.

Positive examples name products from each source list (Linguist languages, DB-Engines,
cloud provider services, CNCF projects, popular packages); negative examples are ordinary
sentences from non-tech ads that contain words which are also product names.
"""

from __future__ import annotations

import pytest

from pipeline.normalize.skills import SkillExtractor, Taxonomy


def test_size(taxonomy: Taxonomy) -> None:
    assert len(taxonomy.skills) >= 1500


FOUND = [
    ("Stack: TypeScript, SolidJS, Drizzle, Zod and PostGIS", {"SolidJS", "Drizzle ORM", "Zod",
                                                              "PostGIS"}),
    ("Infra: Kubernetes with Cilium, KEDA, Karpenter and Velero", {"Cilium", "KEDA",
                                                                   "Karpenter", "Velero"}),
    ("We scan images with Trivy and Grype; policies in Kyverno", {"Trivy", "Grype", "Kyverno"}),
    ("Data: Debezium into Kafka, ZooKeeper, RocksDB state", {"Debezium", "Apache ZooKeeper",
                                                             "RocksDB", "Kafka"}),
    ("AWS CloudTrail, AWS Systems Manager and Amazon EFS", {"AWS CloudTrail",
                                                           "AWS Systems Manager", "Amazon EFS",
                                                           "AWS"}),
    ("Azure Front Door and Azure Container Registry", {"Azure Front Door",
                                                       "Azure Container Registry", "Azure"}),
    ("Cloud Scheduler, Dataplex and Artifact Registry on GCP", {"Cloud Scheduler", "Dataplex",
                                                                "Artifact Registry",
                                                                "Google Cloud"}),
    ("Frontend: Preact, Zustand, TanStack Query, Vitest", {"Preact", "Zustand", "TanStack Query",
                                                          "Vitest"}),
    ("Python: Starlette, Litestar, SQLModel, Dramatiq, mypy", {"Starlette", "Litestar",
                                                              "SQLModel", "Dramatiq", "mypy"}),
    ("Ruby on Rails, Hotwire, Stimulus and Capybara", {"Hotwire", "Stimulus", "Capybara"}),
    ("Languages: Haxe, GLSL, Raku, Tcl", {"Haxe", "GLSL", "Raku", "Tcl"}),
    ("ML: DeepSpeed, TensorRT, OpenVINO, Optuna", {"DeepSpeed", "TensorRT", "OpenVINO",
                                                  "Optuna"}),
    ("Protocols: Modbus, CAN bus, OPC UA, MQTT", {"Modbus", "CAN bus", "OPC UA"}),
    ("Testing: PHPUnit, REST Assured, Robolectric, Kotest", {"PHPUnit", "REST Assured",
                                                            "Robolectric", "Kotest"}),
]


@pytest.mark.parametrize(("text", "expect"), FOUND, ids=[t[:40] for t, _ in FOUND])
def test_found(extractor: SkillExtractor, text: str, expect: set[str]) -> None:
    got = set(extractor.extract(text))
    assert expect <= got, sorted(expect - got)


ORDINARY = [
    "We offer a markdown on all items and free coveralls.",
    "The quay was busy; the zookeeper fed the capybara.",
    "A tenable commute, drizzle expected in the morning.",
    "Our cafe has free wifi.",
    "Must hold an MSW and be on a return to practice (RTP) course.",
    "Wagtail and bokeh photography workshop.",
    "The lacework on the glassfish ornament.",
    "Airbrake systems on HGV vehicles, rollbar fitting.",
    "You can rest assured there is a place for you.",
    "Full-cycle deals from SMB to mid-market.",
    "Great expectations for our new store manager.",
    "Slay the Spire fans welcome.",
    "node-based workflows and LoRA training for image models.",
    "a handlebars moustache and a postscript to the letter",
    "The horizontally scalable compute engine runs on DuckDB.",
    "A-level or GCE qualifications required.",
    "Cheerio! Recoil from the blast, the flume ride, immer wieder.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_sentences(extractor: SkillExtractor, taxonomy: Taxonomy, text: str) -> None:
    """None of the entries added for coverage fire on ordinary words."""
    got = set(extractor.extract(text)) - {"DuckDB", "Node.js"}
    assert got == set(), got
