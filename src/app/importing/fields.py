"""What a column can be mapped to, per kind of import, with the header words that propose it.

Synonyms are compared folded (lower case, ё→е) with punctuation turned into spaces, so «Ф.И.О.»,
«ФИО» and «ф и о» meet; a header matches a synonym exactly or by containing all of its words.
"""

from __future__ import annotations

from dataclasses import dataclass

FAMILIES = "families"
SESSIONS = "sessions"
VISITS = "visits"
KINDS = (FAMILIES, SESSIONS, VISITS)
KIND_TITLES = {FAMILIES: "семьи и люди", SESSIONS: "журнал занятий", VISITS: "журнал посещений"}


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str  # Russian: shown in the mapping table and used in messages
    synonyms: tuple[str, ...]


_NAME = ("фио", "ф и о", "фамилия имя отчество", "фамилия имя отчество при наличии", "фио полностью")
_BIRTH = ("дата рождения", "д р", "дата рожд", "др", "рожд", "год рождения")
_POSITION = ("должность", "должность специалиста", "специалист должность", "должности специалистов")
_SNILS = ("снилс", "страховой номер", "№ снилс", "номер снилс")

PERSON_FIELDS = (
    FieldSpec("full_name", "ФИО (одним столбцом)", _NAME),
    FieldSpec("last_name", "Фамилия", ("фамилия",)),
    FieldSpec("first_name", "Имя", ("имя",)),
    FieldSpec("middle_name", "Отчество", ("отчество",)),
    FieldSpec("birth_date", "Дата рождения", _BIRTH),
    FieldSpec("snils", "СНИЛС", _SNILS),
)

FAMILY_FIELDS = (
    FieldSpec("family_key", "Номер семьи (группировка)", ("№ семьи", "номер семьи", "код семьи", "id семьи",
                                                         "семья №", "№ личного дела", "номер личного дела",
                                                         "личное дело")),
    *PERSON_FIELDS,
    FieldSpec("sex", "Пол", ("пол",)),
    FieldSpec("role", "Роль в семье", ("роль", "роль в семье", "степень родства", "родство", "кем приходится",
                                        "статус в семье", "член семьи")),
    FieldSpec("phone", "Телефон", ("телефон", "тел", "контактный телефон", "номер телефона", "телефоны")),
    FieldSpec("address", "Адрес", ("адрес", "адрес проживания", "место жительства", "адрес места жительства",
                                    "фактический адрес", "адрес регистрации")),
    FieldSpec("settlement", "Населённый пункт", ("населенный пункт", "нас пункт", "нп", "н п", "село",
                                                 "поселок", "город", "место проживания населенный пункт")),
    FieldSpec("district", "Район", ("район", "муниципальный район", "муниципальное образование",
                                     "муниципальный округ", "мо", "городской округ")),
    FieldSpec("street", "Улица", ("улица",)),
    FieldSpec("house", "Дом", ("дом", "№ дома")),
    FieldSpec("apartment", "Квартира", ("квартира", "кв")),
    FieldSpec("category", "Категория семьи", ("категория семьи", "категория", "категории", "категории семьи",
                                               "статус семьи", "тип семьи")),
    # The КДН и ЗП decision behind a СОП category: «№ 12 от 05.06.2025» in one cell, or the date apart.
    FieldSpec("kdn_decision", "Постановление КДН и ЗП (№ и дата)", (
        "постановление кдн", "постановление кдн и зп", "№ постановления кдн", "номер постановления кдн",
        "№ и дата постановления кдн", "решение кдн", "постановление кдниз", "кдн и зп")),
    FieldSpec("kdn_date", "Дата постановления КДН и ЗП", ("дата постановления кдн", "дата постановления кдн и зп",
                                                          "дата решения кдн")),
    FieldSpec("disabled_child", "Ребёнок-инвалид", ("ребенок инвалид", "инвалидность", "инвалид",
                                                     "дети инвалиды", "ребенок инвалид да нет")),
    FieldSpec("disability_since", "Дата установления инвалидности", ("дата установления инвалидности",
                                                                      "инвалидность с", "дата инвалидности")),
    FieldSpec("registered_on", "Дата постановки на учёт", ("дата постановки на учет", "дата постановки",
                                                           "дата регистрации", "поставлена на учет",
                                                           "дата взятия на учет", "на учете с")),
    # Support (сопровождение) as registries keep it: the columns open a support case per family.
    FieldSpec("support_opened_on", "Дата постановки на сопровождение", (
        "дата постановки на сопровождение", "дата начала сопровождения", "на сопровождении с",
        "дата взятия на сопровождение", "дата открытия сопровождения")),
    FieldSpec("support_kind", "Вид сопровождения", ("вид сопровождения", "форма сопровождения", "сопровождение",
                                                     "вид программы", "программа сопровождения")),
    FieldSpec("support_closed_on", "Дата снятия с сопровождения", (
        "дата снятия", "дата снятия с учета", "дата снятия с сопровождения", "снята с учета",
        "дата окончания сопровождения", "дата закрытия сопровождения")),
    FieldSpec("support_closing_reason", "Причина снятия", ("причина снятия", "причина снятия с учета",
                                                            "основание снятия", "причина закрытия")),
    FieldSpec("support_staff", "Ответственный специалист", ("ответственный специалист", "ответственный",
                                                             "куратор", "закрепленный специалист",
                                                             "специалист", "ведущий специалист")),
    FieldSpec("notes", "Примечание", ("примечание", "примечания", "комментарий", "особые отметки")),
    # One row per family: the legal representative and the children in their own columns.
    FieldSpec("rep_full_name", "ФИО законного представителя", ("фио матери", "фио родителя", "мать",
                                                              "законный представитель", "фио законного представителя",
                                                              "родитель", "фио родителя законного представителя",
                                                              "мать фио", "родитель фио",
                                                              "законный представитель фио")),
    FieldSpec("rep_birth_date", "Дата рождения законного представителя", (
        "дата рождения матери", "дата рождения родителя", "мать дата рождения", "родитель дата рождения",
        "законный представитель дата рождения", "дата рождения законного представителя")),
    FieldSpec("rep_snils", "СНИЛС законного представителя", ("снилс матери", "снилс родителя", "мать снилс",
                                                            "родитель снилс", "законный представитель снилс",
                                                            "снилс законного представителя")),
    FieldSpec("children", "Дети (ФИО и даты рождения)", ("дети", "фио детей", "дети фио", "дети фио дата рождения",
                                                          "фио ребенка", "ребенок", "ребенок фио",
                                                          "фио детей дата рождения")),
    FieldSpec("child_birth_date", "Дата рождения ребёнка", ("дата рождения ребенка", "ребенок дата рождения",
                                                            "дети дата рождения")),
    FieldSpec("child_snils", "СНИЛС ребёнка", ("снилс ребенка", "ребенок снилс", "дети снилс")),
)

SESSION_FIELDS = (
    *PERSON_FIELDS,
    FieldSpec("date", "Дата занятия", ("дата", "дата занятия", "дата проведения", "число")),
    FieldSpec("time", "Время начала", ("время", "время начала", "начало", "время занятия")),
    FieldSpec("duration", "Длительность, мин", ("длительность", "продолжительность", "длительность мин",
                                                "продолжительность мин", "мин", "минут")),
    FieldSpec("specialist", "Специалист", ("специалист", "фио специалиста", "педагог", "провел", "исполнитель",
                                           "специалист фио")),
    FieldSpec("specialist_position", "Должность специалиста", _POSITION),
    FieldSpec("service", "Услуга", ("услуга", "наименование услуги", "вид услуги", "вид занятия", "занятие")),
    FieldSpec("delivery_mode", "Форма работы", ("форма работы", "форма", "форма проведения",
                                                "форма предоставления")),
    FieldSpec("is_group", "Групповое занятие", ("групповое", "групповое занятие", "группа", "тип занятия",
                                                "индивидуальное групповое")),
    FieldSpec("attended", "Присутствие", ("присутствие", "посещение", "явка", "присутствовал", "отметка")),
    FieldSpec("absence_reason", "Причина отсутствия", ("причина отсутствия", "причина", "причина неявки")),
    FieldSpec("topic", "Тема", ("тема", "тема занятия")),
    FieldSpec("place", "Место проведения", ("место", "место проведения", "кабинет")),
    FieldSpec("notes", "Примечание", ("примечание", "примечания", "комментарий")),
)

VISIT_FIELDS = (
    *PERSON_FIELDS,
    FieldSpec("date", "Дата посещения", ("дата", "дата посещения", "дата патронажа", "дата выхода")),
    FieldSpec("specialists", "Специалисты", ("специалист", "специалисты", "фио специалиста", "кто посетил",
                                             "посетили", "исполнитель")),
    FieldSpec("specialist_position", "Должность специалиста", _POSITION),
    FieldSpec("purpose", "Цель посещения", ("цель", "цель посещения", "цель патронажа", "цель визита")),
    FieldSpec("delivery_mode", "Форма работы", ("форма работы", "форма", "форма проведения")),
    FieldSpec("services", "Услуги", ("услуги", "услуга", "оказанные услуги", "предоставленные услуги")),
    FieldSpec("findings", "Положение детей / обследование", ("результат", "результаты", "итоги",
                                                               "положение детей", "результаты обследования")),
    FieldSpec("conclusions", "Выводы", ("выводы", "вывод", "заключение")),
    FieldSpec("recommendations", "Рекомендации", ("рекомендации", "рекомендовано")),
    FieldSpec("next_visit_on", "Дата следующего посещения", ("дата следующего посещения", "следующее посещение",
                                                              "следующий патронаж")),
)

FIELDS: dict[str, tuple[FieldSpec, ...]] = {FAMILIES: FAMILY_FIELDS, SESSIONS: SESSION_FIELDS, VISITS: VISIT_FIELDS}


SUPPORT_FIELDS = ("support_opened_on", "support_kind", "support_closed_on", "support_closing_reason",
                  "support_staff")


def field_labels(kind: str) -> dict[str, str]:
    return {spec.key: spec.label for spec in FIELDS[kind]}


def missing_required(kind: str, mapped: set[str]) -> list[str]:
    """Russian descriptions of what a mapping still lacks for its kind (empty when it can run)."""
    problems = []
    has_name = "full_name" in mapped or {"last_name", "first_name"} <= mapped
    if kind == FAMILIES:
        if not has_name and "rep_full_name" not in mapped and "children" not in mapped:
            problems.append("не выбран столбец с ФИО (одним столбцом или «Фамилия» и «Имя»)")
    else:
        if not has_name and "snils" not in mapped:
            problems.append("не выбран столбец с ФИО или СНИЛС, по которым ищется человек")
        if "date" not in mapped:
            problems.append("не выбран столбец с датой")
        need = "specialist" if kind == SESSIONS else "specialists"
        if need not in mapped:
            problems.append("не выбран столбец со специалистом")
        if kind == SESSIONS and "service" not in mapped:
            problems.append("не выбран столбец с услугой")
    return problems
