"""Distinct products keep their own names: a competitor, a fork, a successor or a sibling
library is not an alias of the product it resembles.

Counting "Seaborn" as Matplotlib, "Opsgenie" as PagerDuty or "Zephyr" as FreeRTOS inflates one
product's demand with another's and hides the second from every chart.
"""

from __future__ import annotations

import pytest

from pipeline.normalize.skills import SkillExtractor, load_taxonomy


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return SkillExtractor(load_taxonomy())


@pytest.mark.parametrize(("text", "named", "not_named"), [
    ("Charts in Seaborn for the analysts.", "Seaborn", "Matplotlib"),
    ("Dashboards built with Plotly.", "Plotly", "Matplotlib"),
    ("Alerting through Opsgenie.", "Opsgenie", "PagerDuty"),
    ("Monitoring with Icinga.", "Icinga", "Nagios"),
    ("Firmware on Zephyr RTOS.", "Zephyr", "FreeRTOS"),
    ("Servers run OpenBSD.", "OpenBSD", "FreeBSD"),
    ("Hosts run Rocky Linux.", "Rocky Linux", "CentOS"),
    ("FastAPI behind Uvicorn.", "Uvicorn", "Gunicorn"),
    ("Dependencies through Swift Package Manager.", "Swift Package Manager", "CocoaPods"),
    ("State in Pinia stores, Vue 3.", "Pinia", "Vuex"),
    ("Rendering with WebGL.", "WebGL", "OpenGL"),
    ("Utilities from Underscore.js.", "Underscore.js", "Lodash"),
    ("Infrastructure described in OpenTofu.", "OpenTofu", "Terraform"),
    ("Compiler work on LLVM.", "LLVM", "Clang"),
    ("Queries with XPath.", "XPath", "XSLT"),
    ("Streams processed in ksqlDB.", "ksqlDB", "Kafka Streams"),
    ("Actors on Apache Pekko.", "Apache Pekko", "Akka"),
    ("Images built with Buildah.", "Buildah", "Podman"),
    ("Nodes run CRI-O.", "CRI-O", "containerd"),
    ("Firewall rules in nftables.", "nftables", "iptables"),
    ("Host metrics shipped by Metricbeat.", "Metricbeat", "Filebeat"),
    ("Apps deployed on Payara.", "Payara", "GlassFish"),
    ("Overlay networks with VXLAN.", "VXLAN", "VLAN"),
    ("Partners upload files over FTP.", "FTP", "SFTP"),
    ("Builds run in CodeBuild on AWS.", "AWS CodeBuild", "AWS CodePipeline"),
])
def test_distinct_product_is_its_own_skill(extractor: SkillExtractor, text: str, named: str,
                                           not_named: str) -> None:
    found = extractor.extract(text)
    assert named in found
    assert not_named not in found


@pytest.mark.parametrize("text", [
    "We ran a marathon for charity.",
    "A trip to the ruins of Carthage.",
    "Test cases are kept in Zephyr Scale for Jira.",
])
def test_ordinary_words_among_them_need_corroboration(extractor: SkillExtractor,
                                                      text: str) -> None:
    assert set(extractor.extract(text)) & {"Marathon", "Carthage", "Zephyr"} == set()


@pytest.mark.parametrize(("text", "named"), [
    ("Mesos and Marathon schedule the containers.", "Marathon"),
    ("iOS builds with CocoaPods and Carthage.", "Carthage"),
    ("Embedded C on Zephyr and FreeRTOS.", "Zephyr"),
])
def test_gated_names_count_beside_a_related_skill(extractor: SkillExtractor, text: str,
                                                  named: str) -> None:
    assert named in extractor.extract(text)
