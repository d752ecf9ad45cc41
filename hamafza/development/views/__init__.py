"""Development pages: talent cores, indicators and the deprived-first ranking, key works, pledges, experiences."""

from hamafza.development.views.experiences import (
    experience_adopt,
    experience_create,
    experience_detail,
    experience_edit,
    experience_list,
)
from hamafza.development.views.hub import (
    home,
)
from hamafza.development.views.indicators import (
    indicator_create,
    indicator_values,
    indicators,
    indicators_import,
    indicators_template,
    ranking,
)
from hamafza.development.views.key_works import (
    key_work_create,
    key_work_detail,
    key_work_list,
    key_work_public,
)
from hamafza.development.views.pledges import (
    pledge_advance,
    pledge_queue,
    program_pledges,
)
from hamafza.development.views.talents import (
    capacities,
    capacity_create,
    capacity_edit,
    weights,
)

__all__ = [
    "capacities",
    "capacity_create",
    "capacity_edit",
    "experience_adopt",
    "experience_create",
    "experience_detail",
    "experience_edit",
    "experience_list",
    "home",
    "indicator_create",
    "indicator_values",
    "indicators",
    "indicators_import",
    "indicators_template",
    "key_work_create",
    "key_work_detail",
    "key_work_list",
    "key_work_public",
    "pledge_advance",
    "pledge_queue",
    "program_pledges",
    "ranking",
    "weights",
]
