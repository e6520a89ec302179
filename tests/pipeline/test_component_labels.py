"""Connected components in numpy equal a union-find's, whatever the graph's shape."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.dedup.grouping import _UnionFind, component_labels


def _reference(nodes: int, edges: list[tuple[int, int]]) -> list[int]:
    """Each node's smallest fellow member, by the union-find the grouping itself uses."""
    uf = _UnionFind(nodes)
    for a, b in edges:
        uf.union(a, b)
    smallest: dict[int, int] = {}
    for node in range(nodes):
        smallest.setdefault(uf.find(node), node)
    return [smallest[uf.find(node)] for node in range(nodes)]


@st.composite
def graphs(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    nodes = draw(st.integers(1, 60))
    node = st.integers(0, nodes - 1)
    return nodes, draw(st.lists(st.tuples(node, node), max_size=120))


@given(graphs())
def test_labels_are_each_components_smallest_node(graph: tuple[int, list[tuple[int, int]]]
                                                   ) -> None:
    nodes, edges = graph
    a = np.array([x for x, _ in edges], dtype=np.int64)
    b = np.array([y for _, y in edges], dtype=np.int64)
    assert component_labels(nodes, a, b).tolist() == _reference(nodes, edges)


def test_long_chains_and_stars_join_whole() -> None:
    rng = np.random.default_rng(5)
    order = rng.permutation(5_000)
    chain = component_labels(5_000, order[:-1], order[1:])
    assert set(chain.tolist()) == {0}
    # A star whose centre is the largest node: every leaf hooks through it.
    leaves = np.arange(999, dtype=np.int64)
    star = component_labels(1_000, np.full(999, 999, dtype=np.int64), leaves)
    assert set(star.tolist()) == {0}
    # Two chains stay two components.
    two = component_labels(6, np.array([0, 1, 3, 4]), np.array([1, 2, 4, 5]))
    assert two.tolist() == [0, 0, 0, 3, 3, 3]
