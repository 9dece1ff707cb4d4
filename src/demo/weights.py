"""How the invented region behaves: the weights and shares the generator draws from, and the column lists of
the bulk-written tables."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

# Category weights for a family's first category; further categories follow from it.
CATEGORY_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("disabled_child", 22), ("ovz_child", 14), ("tzhs", 14), ("sop", 7), ("foster", 8), ("large", 10),
    ("single_parent", 9), ("addiction", 3), ("early_age", 9), ("orphanhood_risk", 4),
)
FOLLOWING_CATEGORIES: dict[str, tuple[tuple[str, float], ...]] = {
    "addiction": (("sop", 0.45), ("tzhs", 0.3)),
    "sop": (("orphanhood_risk", 0.2), ("addiction", 0.25)),
    "tzhs": (("single_parent", 0.25),),
    "disabled_child": (("tzhs", 0.1), ("single_parent", 0.12), ("large", 0.06)),
    "orphanhood_risk": (("sop", 0.3), ("tzhs", 0.3)),
    "": (("large", 0.04), ("single_parent", 0.06), ("tzhs", 0.06), ("early_age", 0.05)),
}
# Which specialists work with a child, and how much (relative number of sessions).
SESSION_LINKS: dict[str, tuple[tuple[str, float], ...]] = {
    "disabled": (("psychologist", 1.0), ("speech_therapist", 1.5), ("defectologist", 1.5),
                 ("afk_instructor", 1.2), ("rehab_specialist", 0.6)),
    "ovz": (("speech_therapist", 1.5), ("defectologist", 1.2), ("psychologist", 0.5)),
    "early": (("defectologist", 1.0), ("psychologist", 0.5), ("speech_therapist", 0.5)),
    "risk": (("psychologist", 0.5), ("social_pedagogue", 0.5)),
    "other": (("psychologist", 0.2), ("social_pedagogue", 0.2), ("extra_education_teacher", 0.15)),
}
SESSION_SERVICES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    # position: (services in the centre, services at home, group service)
    "psychologist": (("psy_correction", "psy_diagnostics", "psy_consulting", "psy_support"),
                     ("psy_correction_home", "psy_diagnostics_home", "psy_consulting_home"), "psy_training"),
    "speech_therapist": (("ped_speech",), ("ped_speech_home",), "ped_speech"),
    "defectologist": (("ped_defectology",), ("ped_defectology_home", "ped_early_help_parents"),
                      "ped_defectology"),
    "social_pedagogue": (("ped_correction", "ped_positive_interests"), ("ped_correction_home",), "ped_leisure"),
    "afk_instructor": (("med_afk",), ("med_afk_home",), "med_afk"),
    "rehab_specialist": (("com_self_service", "com_rehab_activities"),
                         ("com_self_service_home", "com_rehab_activities_home"), "com_rehab_activities"),
    "extra_education_teacher": (("ped_positive_interests", "ped_leisure"), ("ped_positive_interests",),
                                "ped_leisure"),
}
GROUP_SHARE = {"psychologist": 0.06, "social_pedagogue": 0.12, "afk_instructor": 0.12,
               "extra_education_teacher": 0.3, "rehab_specialist": 0.08}
MODES = ("centre", "family_home", "home_microcentre", "remote", "mobile")
MODE_PLACES = (None, "На дому", "ДМРЦ", "Онлайн", "Выезд")  # None: the specialist's office
MODE_WEIGHTS = {  # per 20 sessions, by the distance of the family's settlement
    "near": (17, 1, 0, 2, 0),
    "middle": (11, 3, 2, 2, 2),
    "far": (2, 1, 5, 5, 7),
}
ABSENCE_WEIGHTS = (("illness", 50), ("family_reasons", 18), ("specialist_absent", 5), ("weather_roads", 6),
                   ("quarantine", 4), ("hospitalisation", 6), ("refusal", 3), ("no_reason", 6), ("other", 2))
VISITING_POSITIONS = ("social_work_specialist", "social_pedagogue", "psychologist")
EVENT_WEIGHTS = (("seminar", 12), ("master_class", 14), ("parent_club", 18), ("foster_parents_school", 8),
                 ("round_table", 6), ("conference", 3), ("training_site", 4), ("working_group", 6),
                 ("profile_shift", 2), ("methodical_association", 8), ("supervision", 6), ("webinar", 8),
                 ("other", 5))
FAMILY_EVENTS = ("parent_club", "foster_parents_school", "master_class", "profile_shift", "other")
HOLIDAYS = ((1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (2, 23), (3, 8), (5, 1), (5, 9),
            (6, 12), (11, 4))

PERSON_COLUMNS = ("id", "last_name", "first_name", "middle_name", "last_name_key", "first_name_key",
                  "middle_name_key", "sex", "birth_date", "snils", "inn", "oms_policy", "phone",
                  "created_at", "updated_at")
SESSION_COLUMNS = ("id", "starts_at", "duration_min", "staff_id", "service_id", "delivery_mode_id", "case_id",
                   "is_group", "place", "topic", "notes", "cancelled", "created_at", "updated_at")
PARTICIPANT_COLUMNS = ("id", "session_id", "person_id", "attended", "absence_reason_id")
VISIT_COLUMNS = ("id", "family_id", "visit_date", "purpose", "delivery_mode_id", "trip_id", "housing", "income",
                 "relationships", "children_condition", "conclusions", "recommendations", "next_visit_on",
                 "created_at", "updated_at")


def cumulative(weights: Sequence[float]) -> list[float]:
    return list(accumulate(weights))


def rank_weights(count: int) -> list[float]:
    """Zipf-like weights: the first names of a list are much more frequent than the last."""
    return cumulative([1.0 / (rank + 4) ** 0.9 for rank in range(count)])
