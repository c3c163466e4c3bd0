"""Benchmarks and evaluations (internal): each prints figures measured side by side in one run."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_dev_sets(ap: argparse.ArgumentParser) -> None:
    """The two dev sets and their stores, as every evaluation script takes them."""
    ap.add_argument("--rt-store", required=True, help="a store holding the RealTimeQA corpus")
    ap.add_argument("--squad-store", required=True, help="a store holding the SQuAD 2.0 passages")
    ap.add_argument("--rt", type=Path, required=True, help="RealTimeQA dev.jsonl")
    ap.add_argument("--squad", type=Path, required=True, help="SQuAD 2.0 dev.jsonl")
