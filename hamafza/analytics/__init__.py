"""Numbers for evaluation — pure Python and numpy, no Django: scoring trees, bands, ranks, agreement."""

from hamafza.analytics.agreement import (
    AGREEMENT_LABELS,
    agreement_level,
    cohen_kappa,
    fleiss_kappa,
    icc,
    is_low_agreement,
    weighted_kappa,
)
from hamafza.analytics.bands import (
    DEFAULT_BANDS,
    Band,
    assign_band,
    change_vs_previous,
    rank_with_ties,
    rate,
    validate_bands,
)
from hamafza.analytics.scoring import Node, TreeSpec, checklist_ratio, leaf_achievement, score_tree, total_score

__all__ = [
    "AGREEMENT_LABELS",
    "DEFAULT_BANDS",
    "Band",
    "Node",
    "TreeSpec",
    "agreement_level",
    "assign_band",
    "change_vs_previous",
    "checklist_ratio",
    "cohen_kappa",
    "fleiss_kappa",
    "icc",
    "is_low_agreement",
    "leaf_achievement",
    "rank_with_ties",
    "rate",
    "score_tree",
    "total_score",
    "validate_bands",
    "weighted_kappa",
]
