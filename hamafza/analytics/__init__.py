"""Numbers for every module — pure Python and numpy, no Django: scoring trees, bands, ranks, agreement;
multi-criteria decisions (TOPSIS, Morris, AHP), ranked-ballot elections and the opinion map."""

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
from hamafza.analytics.decision import (
    AhpResult,
    ahp,
    ahp_weights,
    classify_by_deviation,
    classify_by_thresholds,
    morris_index,
    topsis,
)
from hamafza.analytics.opinion import OpinionMap, opinion_map
from hamafza.analytics.scoring import (
    Node,
    TreeSpec,
    checklist_ratio,
    leaf_achievement,
    leaf_achievements,
    score_tree,
    total_score,
)

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
    "leaf_achievements",
    "rank_with_ties",
    "rate",
    "score_tree",
    "total_score",
    "validate_bands",
    "weighted_kappa",
]
from hamafza.analytics.voting import (
    RunoffResult,
    SchulzeResult,
    instant_runoff,
    pairwise_matrix,
    schulze,
)

__all__ += [
    "AhpResult",
    "OpinionMap",
    "RunoffResult",
    "SchulzeResult",
    "ahp",
    "ahp_weights",
    "classify_by_deviation",
    "classify_by_thresholds",
    "instant_runoff",
    "morris_index",
    "opinion_map",
    "pairwise_matrix",
    "schulze",
    "topsis",
]
