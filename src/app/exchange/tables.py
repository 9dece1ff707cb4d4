"""The one list of what travels between offices and what never leaves this installation.

Every table of the schema is in exactly one of the two lists (a test compares them with the models), and every
travelling table has a primary key: SQLite's session extension silently skips tables without one.
The order is that of the changeset: parents before children, so a server that checks foreign keys at once
(PostgreSQL, see `app.exchange.pg_adapter`) can insert the rows in it as they come.
"""

from __future__ import annotations

TRAVELLING: tuple[str, ...] = (
    # dictionaries and the organisation (the centre sends them; an office may add its own)
    "organizations", "offices", "districts", "settlements", "dictionary_items", "services", "staff", "indicators",
    # the registry
    "families", "persons", "family_members", "family_categories", "identity_documents", "child_profiles",
    "diagnoses", "consents",
    # support and work
    "support_cases", "case_grounds", "plan_items", "brigade_trips", "trip_members", "trip_stops", "trip_families",
    "home_visits", "visit_staff", "visit_services", "rehab_sessions", "session_participants",
    "events", "event_families", "event_files",
    # derived by the services from the rows above; travels with them so it stays equal to them
    "caseload", "caseload_persons",
    # paperwork of #13 (ИППСУ, social papers, urgent services)
    "ippsu_services", "social_papers", "urgent_services",
    # a coordinator's choice on a conflict, so every side applies it
    "exchange_resolutions",
    # #17 submitted quarters: the centre's lock reaches the offices (app.core.period_guard)
    "period_submissions", "period_submission_offices",
    # #17 effectiveness: the instruments (seeded with the same ids everywhere), then the assessments of cases
    "assessment_instruments", "assessment_areas", "assessment_criteria", "assessments", "assessment_values",
)

LOCAL_ONLY: tuple[str, ...] = (
    "users", "user_offices",  # accounts and passwords belong to one installation
    "audit_log",  # each installation's own chain; applied changes are audited where they are applied
    "settings",  # this installation's options and identity of the file
    "alembic_version",
    "exchange_identity", "exchange_partners", "exchange_packages", "exchange_conflicts",  # keys and the ledger
    "exchange_mirror_log", "exchange_mirror_state",  # a PostgreSQL centre's record of what its mirror has not read
    "contact_session_days", "family_contact_days",  # #17 derived by triggers in each database (sessions, visits…)
    "consent_states",  # #17 derived by triggers in each database from the persons and consents
    "report_session_months", "report_place_months",  # #16 derived by triggers in each database from the sessions
    "report_service_years", "report_service_totals",  # #16 derived by triggers from the sessions and visits
    "paused_triggers",  # #12 this database's derived-table triggers a bulk import dropped for a while
)

# Stamps merge by rule, never as a conflict: the later change's stamp wins, the earlier creation's.
UPDATED_STAMPS = ("updated_at", "updated_by")
CREATED_STAMPS = ("created_at", "created_by")

# Tables whose rows carry a file beside the database (the attachments folder): the file travels with the row.
FILE_TABLES = {"event_files": "stored_name"}

# Names a person reads in the package's counts and the conflict review.
TITLES = {
    "organizations": "Организации", "offices": "Отделения", "districts": "Районы", "settlements": "Населённые пункты",
    "dictionary_items": "Справочники", "services": "Услуги", "staff": "Сотрудники", "indicators": "Показатели",
    "families": "Семьи", "persons": "Люди", "family_members": "Состав семей", "family_categories": "Категории семей",
    "identity_documents": "Документы", "child_profiles": "Сведения о детях", "diagnoses": "Диагнозы",
    "consents": "Согласия", "support_cases": "Сопровождение", "case_grounds": "Основания",
    "plan_items": "Мероприятия планов", "home_visits": "Визиты", "visit_staff": "Специалисты визитов",
    "visit_services": "Услуги визитов", "brigade_trips": "Выезды", "trip_members": "Состав бригад",
    "trip_stops": "Маршруты", "trip_families": "Семьи выездов", "rehab_sessions": "Занятия",
    "session_participants": "Участники занятий", "events": "Мероприятия", "event_families": "Участники мероприятий",
    "event_files": "Файлы мероприятий", "caseload": "Закрепление семей",
    "caseload_persons": "Закрепление людей (поиск)", "ippsu_services": "Услуги ИППСУ",
    "social_papers": "Документы сопровождения", "urgent_services": "Срочные услуги",
    "exchange_resolutions": "Решения по расхождениям",
    "period_submissions": "Сданные периоды", "period_submission_offices": "Отделения сданных периодов",
    "assessment_instruments": "Методики оценки", "assessment_areas": "Области оценки",
    "assessment_criteria": "Критерии оценки", "assessments": "Оценки эффективности",
    "assessment_values": "Баллы оценок",
}


def title(table: str) -> str:
    return TITLES.get(table, table)
