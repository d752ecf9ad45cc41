"""Every write of the development app: atomic, audited, refused with a Persian ``DomainError``."""

from hamafza.development.services.common import matrix_from_upper, parse_judgement, parse_number
from hamafza.development.services.experiences import (
    EXPERIENCE_FIELDS,
    experience_adopt,
    experience_create,
    experience_update,
)
from hamafza.development.services.indicators import (
    counties_of,
    indicator_create,
    indicator_values_set,
    indicators_import,
    template_xlsx,
)
from hamafza.development.services.key_works import (
    key_work_create,
)
from hamafza.development.services.pledges import (
    pledge_advance,
    pledge_create,
)
from hamafza.development.services.talents import (
    capacity_create,
    capacity_update,
    weights_set,
)

__all__ = [
    "EXPERIENCE_FIELDS",
    "capacity_create",
    "capacity_update",
    "counties_of",
    "experience_adopt",
    "experience_create",
    "experience_update",
    "indicator_create",
    "indicator_values_set",
    "indicators_import",
    "key_work_create",
    "matrix_from_upper",
    "parse_judgement",
    "parse_number",
    "pledge_advance",
    "pledge_create",
    "template_xlsx",
    "weights_set",
]
