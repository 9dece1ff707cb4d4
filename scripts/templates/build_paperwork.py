"""Build the templates of the 442-ФЗ papers a centre hands to a family (#13):

- ippsu.docx               индивидуальная программа предоставления социальных услуг (Приказ Минтруда № 874н);
- need_decision.docx       решение о признании гражданина нуждающимся в социальном обслуживании;
- service_contract.docx    договор о предоставлении социальных услуг;
- urgent_act.docx          акт о предоставлении срочных социальных услуг;
- consent.docx             согласие на обработку персональных данных (152-ФЗ), with the health-data variant;
- consent_withdrawal.docx  отзыв согласия на обработку персональных данных.

Run from the repository root: `.venv/bin/python scripts/templates/build_paperwork.py`. The templates are filled by
app.cases.paper_documents and app.registry.consent_documents (docxtpl, Jinja tags; {%tr %} and {%p %} loops). A
coordinator may copy one into the user templates folder and edit the wording.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_visit_act import _cell, _labelled, _loop_table, _paragraph, _widths  # noqa: E402

from app.documents.docx_layout import apply_gost_layout, mark_signature  # noqa: E402

FOLDER = ROOT / "resources" / "templates"
SERVICE_COLUMNS = [1.0, 5.6, 2.4, 2.8, 3.0, 3.2]  # 18.0 cm of the page's 180 mm between the margins
# Soft hyphens where a header word is wider than its column (no word breaks mid-word without a hyphen).
PERIODICITY = "Периодич\u00adность"
PROVISION = "предостав\u00adления"


def _heading(document: Any, title: str, subtitle: str) -> None:
    _paragraph(document, "{{ organization.name }}", bold=True, center=True, size=12)
    _paragraph(document, "{% if organization.address %}{{ organization.address }}{% endif %}", center=True, size=12)
    _paragraph(document, title, bold=True, center=True, space_before=18)
    _paragraph(document, subtitle, bold=True, center=True)


def _signature_table(document: Any, rows: list[tuple[str, str]]) -> Any:
    table = document.add_table(rows=len(rows), cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (role, name) in enumerate(rows):
        _cell(table.rows[index].cells[0], role)
        _cell(table.rows[index].cells[1], "________________")
        _cell(table.rows[index].cells[2], name)
    _widths(table, [8.0, 4.5, 5.5])
    return table


def _save(document: Any, name: str) -> Path:
    FOLDER.mkdir(parents=True, exist_ok=True)
    target = FOLDER / name
    document.save(str(target))
    return target


def _person_lines(document: Any, who: str) -> None:
    """The numbered lines 1–8 of the 874н form about the recipient."""
    _labelled(document, "1. Фамилия, имя, отчество (при наличии): ", f"{{{{ {who}.name }}}}")
    _labelled(document, "2. Пол: ", f"{{{{ {who}.sex }}}}")
    _labelled(document, "3. Дата рождения: ", f"{{{{ {who}.birth_date|date }}}}")
    _labelled(document, "4. Адрес места жительства: ", f"{{{{ {who}.address or '—' }}}}")
    _labelled(document, "5. Телефон: ", f"{{{{ {who}.phone or '—' }}}}")
    _labelled(document, "6. Документ, удостоверяющий личность: ", f"{{{{ {who}.document or '—' }}}}")
    _labelled(document, "7. СНИЛС: ", f"{{{{ {who}.snils or '—' }}}}")
    _labelled(document, "8. Законный представитель: ",
              "{{ representative.name_with_document if representative else '—' }}")


def build_ippsu() -> Path:
    document = Document()
    apply_gost_layout(document)
    _heading(document, "ИНДИВИДУАЛЬНАЯ ПРОГРАММА", "предоставления социальных услуг")
    _paragraph(document, "№ {{ program.number or '____' }}    Дата составления: {{ program.date|date }}",
               center=True, space_before=6)
    _person_lines(document, "recipient")
    _labelled(document, "9. Индивидуальная программа разработана ",
              "{{ program.first_or_again }} на срок до {{ (program.until|date) or '____________' }}.")
    _labelled(document, "10. Форма социального обслуживания: ", "{{ program.form or '________________' }}")
    _labelled(document, "11. Поставщик социальных услуг: ",
              "{{ organization.name }}{% if organization.address %}, {{ organization.address }}{% endif %}")
    _paragraph(document, "{%p for section in sections %}")
    _paragraph(document, "{{ section.numeral }}. {{ section.title }}", bold=True, center=True, space_before=12)
    _loop_table(document, ["№", "Наименование социальной услуги", "Объём", PERIODICITY,
                           f"Срок {PROVISION}", "Отметка о выполнении"],
                "for s in section.rows",
                ["{{ s.index }}", "{{ s.name }}{% if s.provider %} ({{ s.provider }}){% endif %}", "{{ s.volume }}",
                 "{{ s.periodicity }}", "{{ s.term }}", "{{ s.done }}"], SERVICE_COLUMNS)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "Мероприятия по социальному сопровождению", bold=True, center=True, space_before=12)
    _paragraph(document, "{%p if plan %}")
    _loop_table(document, ["№", "Мероприятие", "Исполнитель", "Срок", "Отметка о выполнении"],
                "for p in plan", ["{{ p.index }}", "{{ p.measure }}", "{{ p.executor }}", "{{ p.due|date }}",
                                  "{{ p.done }}"], [1.0, 6.9, 3.6, 2.6, 3.9])
    _paragraph(document, "{%p else %}")
    _paragraph(document, "Не предусмотрены.")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "Перечень рекомендуемых поставщиков социальных услуг", bold=True, center=True,
               space_before=12)
    _loop_table(document, ["№", "Наименование поставщика", "Адрес, контактная информация"],
                "for p in providers", ["{{ loop.index }}", "{{ p.name }}", "{{ p.contact }}"], [1.0, 8.5, 8.5])
    signatures = [
        _paragraph(document, "С содержанием индивидуальной программы согласен(на):", indent=False, space_before=18),
        _signature_table(document, [("{{ signer.role }}", "{{ signer.signature }}")]),
        _paragraph(document, "Лицо, уполномоченное на подписание индивидуальной программы:", indent=False,
                   space_before=12),
        _signature_table(document, [("Руководитель", "{{ organization.director_signature or '________________' }}")]),
        _paragraph(document, "М.П.", indent=False),
    ]
    for item in signatures:
        mark_signature(item)
    return _save(document, "ippsu.docx")


def build_need_decision() -> Path:
    document = Document()
    apply_gost_layout(document)
    _heading(document, "РЕШЕНИЕ № {{ paper.number }}",
             "о признании гражданина нуждающимся в социальном обслуживании")
    _paragraph(document, "{{ paper.date|longdate }}", center=True, space_before=6)
    _paragraph(document, "Рассмотрев заявление {{ applicant.genitive }} от {{ paper.applied_on|date }} о "
                         "предоставлении социального обслуживания{% if applicant_for_child %} "
                         "{{ recipient.dative }}{% endif %} и представленные документы, в соответствии со статьёй "
                         "15 Федерального закона от 28.12.2013 № 442-ФЗ «Об основах социального обслуживания "
                         "граждан в Российской Федерации» принято решение:", space_before=12)
    _paragraph(document, "признать {{ recipient.accusative }}, {{ recipient.birth_date|date }} года рождения, "
                         "проживающ{{ recipient.ending_living }} по адресу: {{ recipient.address or 'адрес не "
                         "указан' }}, {{ recipient.needing }} в социальном обслуживании в форме: "
                         "{{ paper.form|lower }}.")
    _paragraph(document, "Обстоятельства, ухудшающие или способные ухудшить условия жизнедеятельности:")
    _paragraph(document, "{%p for g in grounds %}")
    _paragraph(document, "– {{ g }}{{ ';' if not loop.last else '.' }}")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p if not grounds %}")
    _paragraph(document, "– ________________________________________________.")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "На основании настоящего решения гражданину составляется индивидуальная программа "
                         "предоставления социальных услуг.{% if program %} Составлена {{ program }}.{% endif %}")
    signatures = [
        _paragraph(document, "", indent=False, space_before=12),
        _signature_table(document, [("Руководитель", "{{ organization.director_signature or '________________' }}")]),
        _paragraph(document, "С решением ознакомлен(а):", indent=False, space_before=12),
        _signature_table(document, [("{{ signer.role }}", "{{ signer.signature }}")]),
        _paragraph(document, "«____» ______________ 20___ г.", indent=False, space_before=6),
    ]
    for item in signatures:
        mark_signature(item)
    return _save(document, "need_decision.docx")


def build_contract() -> Path:
    document = Document()
    apply_gost_layout(document)
    _paragraph(document, "ДОГОВОР № {{ paper.number }}", bold=True, center=True)
    _paragraph(document, "о предоставлении социальных услуг", bold=True, center=True)
    _paragraph(document, "{{ place }}{{ '\u2003' * 6 }}{{ paper.date|longdate }}", indent=False, space_before=12)
    _paragraph(document, "{{ organization.name }}, именуемое в дальнейшем «Исполнитель», в лице руководителя "
                         "{{ organization.director_genitive or '________________' }}, действующего на основании "
                         "устава, с одной стороны, и {{ customer.name }}, {{ customer.called }} в дальнейшем "
                         "«Заказчик»{% if for_child %}, действующ{{ customer.ending_acting }} в интересах "
                         "{{ recipient.genitive }}, {{ recipient.birth_date|date }} года рождения (далее — "
                         "Получатель){% endif %}, с другой стороны, заключили настоящий договор о нижеследующем.",
               space_before=12)
    _paragraph(document, "I. Предмет договора", bold=True, center=True, space_before=12)
    _paragraph(document, "1. Исполнитель обязуется оказать {{ 'Получателю' if for_child else 'Заказчику' }} "
                         "социальные услуги в форме: {{ paper.form|lower }}, на основании индивидуальной программы "
                         "предоставления социальных услуг {{ program.title }}, а Заказчик обязуется принять их.")
    _paragraph(document, "2. Перечень, объём, периодичность и сроки предоставления социальных услуг:")
    _loop_table(document, ["№", "Наименование социальной услуги", "Объём", PERIODICITY, "Срок"],
                "for s in services", ["{{ loop.index }}", "{{ s.name }}", "{{ s.volume }}", "{{ s.periodicity }}",
                                      "{{ s.term }}"], [1.0, 7.8, 2.6, 3.0, 3.6])
    _paragraph(document, "3. Место оказания услуг: {{ organization.address or '________________' }}.")
    _paragraph(document, "II. Стоимость услуг", bold=True, center=True, space_before=12)
    _paragraph(document, "4. Социальные услуги по настоящему договору предоставляются бесплатно в случаях, "
                         "предусмотренных статьёй 31 Федерального закона от 28.12.2013 № 442-ФЗ, либо за плату "
                         "по тарифам, утверждённым уполномоченным органом субъекта Российской Федерации.")
    _paragraph(document, "III. Права и обязанности сторон", bold=True, center=True, space_before=12)
    _paragraph(document, "5. Исполнитель обязан предоставлять социальные услуги надлежащего качества в соответствии "
                         "с индивидуальной программой и условиями договора, соблюдать конфиденциальность сведений "
                         "о Заказчике и Получателе. Заказчик обязан соблюдать условия договора и сообщать Исполнителю "
                         "об изменении обстоятельств, влияющих на предоставление услуг.")
    _paragraph(document, "IV. Срок действия, изменение и расторжение договора", bold=True, center=True,
               space_before=12)
    _paragraph(document, "6. Договор вступает в силу со дня его подписания сторонами и действует "
                         "{% if paper.valid_until %}до {{ paper.valid_until|date }}{% else %}до окончания срока "
                         "индивидуальной программы{% endif %}.")
    _paragraph(document, "7. Договор может быть расторгнут по соглашению сторон, по требованию Заказчика, а также "
                         "по основаниям, предусмотренным законодательством Российской Федерации."
                         "{% if paper.terminated_on %} Договор расторгнут {{ paper.terminated_on|date }}."
                         "{% endif %}")
    _paragraph(document, "V. Адреса и подписи сторон", bold=True, center=True, space_before=12)
    table = document.add_table(rows=4, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left = ["Исполнитель:", "{{ organization.name }}",
            "{{ organization.address }}{% if organization.inn %}, ИНН {{ organization.inn }}{% endif %}",
            "________________ {{ organization.director_signature }}"]
    right = ["Заказчик:", "{{ customer.name }}", "{{ customer.address }}{% if customer.document %}, "
             "{{ customer.document }}{% endif %}", "________________ {{ customer.signature }}"]
    for index, (a, b) in enumerate(zip(left, right, strict=True)):
        _cell(table.rows[index].cells[0], a, bold=index == 0)
        _cell(table.rows[index].cells[1], b, bold=index == 0)
    _widths(table, [9.0, 9.0])
    mark_signature(table)
    return _save(document, "service_contract.docx")


def build_urgent_act() -> Path:
    document = Document()
    apply_gost_layout(document)
    _heading(document, "АКТ № {{ paper.number }}", "о предоставлении срочных социальных услуг")
    _paragraph(document, "{{ paper.date|longdate }}", center=True, space_before=6)
    _labelled(document, "Получатель срочных социальных услуг: ",
              "{{ recipient.name }}, {{ recipient.birth_date|date }} года рождения", space_before=12)
    _labelled(document, "Адрес места жительства: ", "{{ recipient.address or 'не указан' }}")
    _labelled(document, "Документ, удостоверяющий личность: ", "{{ recipient.document or '—' }}")
    _paragraph(document, "{%p if representative %}")
    _labelled(document, "Законный представитель: ", "{{ representative.name_with_document }}")
    _paragraph(document, "{%p endif %}")
    _labelled(document, "Поставщик социальных услуг: ",
              "{{ organization.name }}{% if organization.address %}, {{ organization.address }}{% endif %}")
    _paragraph(document, "В соответствии со статьёй 21 Федерального закона от 28.12.2013 № 442-ФЗ «Об основах "
                         "социального обслуживания граждан в Российской Федерации» получателю предоставлены "
                         "следующие срочные социальные услуги:", space_before=12)
    _loop_table(document, ["№", "Наименование срочной социальной услуги", f"Дата {PROVISION}",
                           "Количество"], "for s in services",
                ["{{ loop.index }}", "{{ s.name }}", "{{ s.date|date }}", "{{ s.quantity }}"], [1.0, 10.0, 3.5, 3.5])
    _paragraph(document, "Срочные социальные услуги предоставлены своевременно и в полном объёме. Получатель "
                         "(законный представитель) претензий к объёму, срокам и качеству услуг не имеет.",
               space_before=6)
    _paragraph(document, "{%p if paper.notes %}")
    _labelled(document, "Примечание: ", "{{ paper.notes }}")
    _paragraph(document, "{%p endif %}")
    signatures = [
        _paragraph(document, "", indent=False, space_before=12),
        _signature_table(document, [("Поставщик социальных услуг", "{{ provider_signature }}"),
                                    ("{{ signer.role }}", "{{ signer.signature }}")]),
    ]
    for item in signatures:
        mark_signature(item)
    return _save(document, "urgent_act.docx")


def build_consent() -> Path:
    document = Document()
    apply_gost_layout(document)
    _paragraph(document, "СОГЛАСИЕ", bold=True, center=True)
    _paragraph(document, "на обработку персональных данных{% if consent.health %}, в том числе специальной "
                         "категории (сведения о состоянии здоровья){% endif %}", bold=True, center=True)
    _paragraph(document, "Я, {{ signer.name }}, {{ signer.birth_line }}документ, удостоверяющий личность: "
                         "{{ signer.document or '________________________' }}, проживающ{{ signer.ending_living }} "
                         "по адресу: {{ signer.address or '________________________' }},"
                         "{% if for_other %} являясь законным представителем {{ subject.genitive }}, "
                         "{{ subject.birth_date|date }} года рождения (далее — субъект персональных данных),"
                         "{% endif %}", space_before=12)
    _paragraph(document, "в соответствии со статьёй 9{% if consent.health %} и статьёй 10{% endif %} Федерального "
                         "закона от 27.07.2006 № 152-ФЗ «О персональных данных» своей волей и в своём интересе "
                         "{% if for_other %}(в интересе субъекта персональных данных) {% endif %}даю согласие "
                         "оператору — {{ organization.name }}{% if organization.inn %} (ИНН {{ organization.inn }})"
                         "{% endif %}{% if organization.address %}, адрес: {{ organization.address }}{% endif %} — "
                         "на обработку {{ 'персональных данных субъекта' if for_other else 'моих персональных "
                         "данных' }} на следующих условиях.")
    _labelled(document, "1. Цели обработки: ", "{{ consent.purposes }}")
    _labelled(document, "2. Перечень персональных данных: ", "{{ consent.data_list }}")
    _paragraph(document, "{%p if consent.health %}")
    _labelled(document, "3. Специальная категория персональных данных: ",
              "сведения о состоянии здоровья (инвалидность, индивидуальная программа реабилитации или абилитации, "
              "заключение психолого-медико-педагогической комиссии, диагнозы, группа здоровья) — для предоставления "
              "социально-медицинских, реабилитационных услуг и услуг ранней помощи; обрабатываются лицами, "
              "обязанными сохранять врачебную и профессиональную тайну.")
    _paragraph(document, "{%p endif %}")
    _labelled(document, "{{ consent.n_actions }}. Действия с персональными данными: ",
              "сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, "
              "использование, передача (предоставление, доступ) органам и организациям системы социального "
              "обслуживания, образования, здравоохранения и профилактики в пределах целей обработки, "
              "обезличивание, блокирование, удаление, уничтожение; с использованием средств автоматизации "
              "и без их использования.")
    _labelled(document, "{{ consent.n_term }}. Срок действия согласия: ", "{{ consent.term }}.")
    _labelled(document, "{{ consent.n_withdraw }}. Порядок отзыва: ",
              "согласие может быть отозвано в любое время письменным заявлением, поданным оператору (часть 2 "
              "статьи 9 Федерального закона № 152-ФЗ). Мне разъяснено, что при отзыве согласия оператор вправе "
              "продолжить обработку без согласия в случаях, предусмотренных законом.")
    signatures = [
        _paragraph(document, "", indent=False, space_before=12),
        _signature_table(document, [("{{ consent.signed_on|date }}", "{{ signer.signature }}")]),
    ]
    for item in signatures:
        mark_signature(item)
    return _save(document, "consent.docx")


def build_withdrawal() -> Path:
    document = Document()
    apply_gost_layout(document)
    for text in ("Руководителю", "{{ organization.name }}", "от {{ signer.genitive }}",
                 "{%p if signer.address %}", "проживающ{{ signer.ending_living }} по адресу: {{ signer.address }}",
                 "{%p endif %}", "{%p if signer.document %}", "{{ signer.document }}", "{%p endif %}"):
        paragraph = _paragraph(document, text, indent=False, size=12)
        paragraph.paragraph_format.left_indent = Cm(9.0)
    _paragraph(document, "ЗАЯВЛЕНИЕ", bold=True, center=True, space_before=18)
    _paragraph(document, "об отзыве согласия на обработку персональных данных", bold=True, center=True)
    _paragraph(document, "В соответствии с частью 2 статьи 9 Федерального закона от 27.07.2006 № 152-ФЗ "
                         "«О персональных данных» отзываю согласие на обработку "
                         "{{ 'персональных данных ' ~ subject.genitive if for_other else 'моих персональных данных' }}"
                         "{% if consent.health %}, в том числе сведений о состоянии здоровья{% endif %}, данное "
                         "{{ consent.signed_on|date }}.", space_before=12)
    _paragraph(document, "Прошу прекратить обработку персональных данных и уничтожить их в срок, не превышающий "
                         "тридцати дней с даты поступления настоящего отзыва (часть 5 статьи 21 Федерального закона "
                         "№ 152-ФЗ), за исключением данных, обработка которых предусмотрена законом, и сообщить мне "
                         "о результате.")
    signatures = [
        _paragraph(document, "", indent=False, space_before=12),
        _signature_table(document, [("{{ (consent.withdrawn_on|date) or '«____» ____________ 20___ г.' }}",
                                     "{{ signer.signature }}")]),
    ]
    for item in signatures:
        mark_signature(item)
    return _save(document, "consent_withdrawal.docx")


def build() -> list[Path]:
    return [build_ippsu(), build_need_decision(), build_contract(), build_urgent_act(), build_consent(),
            build_withdrawal()]


if __name__ == "__main__":
    for path in build():
        print(path)
