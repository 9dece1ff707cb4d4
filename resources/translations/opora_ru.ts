<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../src/ui/about.py" line="56" />
        <source>About Opora</source>
        <translation>О программе «Опора»</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="60" />
        <source>Opora {version}</source>
        <translation>Опора {version}</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="63" />
        <source>Registry and daily work of a social service centre for families with children</source>
        <translation>Учёт семей с детьми и работы с ними в центре социального обслуживания</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="68" />
        <source>not applicable (PostgreSQL server)</source>
        <translation>не применяется (сервер PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="69" />
        <source>encrypted (SQLCipher)</source>
        <translation>зашифрована (SQLCipher)</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="69" />
        <source>not encrypted</source>
        <translation>не зашифрована</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="71" />
        <source>none yet</source>
        <translation>ещё не было</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="73" />
        <source>Version:</source>
        <translation>Версия:</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="74" />
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="75" />
        <source>Database size:</source>
        <translation>Размер базы:</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="76" />
        <source>Encryption:</source>
        <translation>Шифрование:</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="77" />
        <source>Data folder:</source>
        <translation>Папка данных:</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="78" />
        <source>Backup folder:</source>
        <translation>Папка резервных копий:</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="79" />
        <source>Last verified backup:</source>
        <translation>Последняя проверенная копия:</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="80" />
        <source>Log folder:</source>
        <translation>Папка журналов:</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="89" />
        <source>Check installation</source>
        <translation>Проверить установку</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="93" />
        <source>The check makes a temporary database, writes and reads a family, builds a report in XLSX, DOCX and PDF, and checks fonts, translation and drawing. Your data is not touched.</source>
        <translation>Проверка создаёт временную базу, записывает и читает семью, строит отчёт в XLSX, DOCX и PDF, проверяет шрифты, перевод и отрисовку окна. Ваши данные не затрагиваются.</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="139" />
        <source>The installation is in order.</source>
        <translation>Установка в порядке.</translation>
    </message>
    <message>
        <location filename="../../src/ui/about.py" line="140" />
        <source>The installation is broken: see the lines marked СБОЙ; details are in the log.</source>
        <translation>Установка неисправна: смотрите строки с пометкой СБОЙ; подробности — в журнале.</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../src/ui/first_run.py" line="203" />
        <source>First administrator</source>
        <translation>Первый администратор</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="204" />
        <source>There are no built-in accounts: this is the only way in until you add users.</source>
        <translation>Встроенных учётных записей нет: пока вы не добавите пользователей, это единственный вход.</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="215" />
        <source>Encrypt the database</source>
        <translation>Шифровать базу данных</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="218" />
        <source>The database file and its backups will open only on this computer (and where an administrator imports the key), so a copied file cannot be read. Export the key later in Administration → Encryption and keep it apart from the database. Encryption can also be turned on later.</source>
        <translation>Файл базы и её резервные копии будут открываться только на этом компьютере (и там, куда администратор импортирует ключ): скопированный файл прочитать не удастся. Позже экспортируйте ключ в разделе Администрирование → Шифрование и храните его отдельно от базы. Включить шифрование можно и потом.</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="225" />
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="226" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="227" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="228" />
        <source>Repeat password:</source>
        <translation>Повторите пароль:</translation>
    </message>
</context>
<context>
    <name>AdminPages</name>
    <message>
        <location filename="../../src/ui/admin/pages.py" line="37" />
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/pages.py" line="39" />
        <source>Audit log</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/pages.py" line="41" />
        <source>Backups</source>
        <translation>Резервные копии</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/pages.py" line="43" />
        <source>Encryption</source>
        <translation>Шифрование</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/pages.py" line="45" />
        <source>Report indicators</source>
        <translation>Показатели отчётов</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/pages.py" line="47" />
        <source>Deadlines</source>
        <translation>Сроки</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/pages.py" line="49" />
        <source>Assessment instruments</source>
        <translation>Методики оценки</translation>
    </message>
</context>
<context>
    <name>AdminSection</name>
    <message>
        <location filename="../../src/ui/admin/section.py" line="32" />
        <source>Administration</source>
        <translation>Администрирование</translation>
    </message>
</context>
<context>
    <name>AreaChart</name>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="66" />
        <source>change: {steps} steps</source>
        <translation>изменение, шагов шкалы: {steps}</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <location filename="../../src/ui/families/assessment_dialog.py" line="47" />
        <source>Edit assessment</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/assessment_dialog.py" line="47" />
        <source>New assessment</source>
        <translation>Новая оценка</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/assessment_dialog.py" line="70" />
        <source>Instrument:</source>
        <translation>Методика:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/assessment_dialog.py" line="71" />
        <source>Kind:</source>
        <translation>Вид оценки:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/assessment_dialog.py" line="72" />
        <source>Date:</source>
        <translation>Дата:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/assessment_dialog.py" line="73" />
        <source>Support case:</source>
        <translation>Сопровождение:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/assessment_dialog.py" line="74" />
        <source>Child:</source>
        <translation>Ребёнок:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/assessment_dialog.py" line="76" />
        <source>Signed by:</source>
        <translation>Подписал специалист:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/assessment_dialog.py" line="83" />
        <source>Notes:</source>
        <translation>Примечание:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/assessment_dialog.py" line="133" />
        <source>not assessed</source>
        <translation>не оценивалось</translation>
    </message>
</context>
<context>
    <name>AssessmentsTab</name>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="98" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="99" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="100" />
        <source>Instrument</source>
        <translation>Методика</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="101" />
        <source>Whom</source>
        <translation>Кого оценивали</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="102" />
        <source>Signed by</source>
        <translation>Подписал</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="118" />
        <source>New assessment…</source>
        <translation>Новая оценка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="119" />
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="120" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="180" />
        <source>Record an assessment at intake, at reviews and at closing: the dynamics of each area appears here.</source>
        <translation>Записывайте оценку при приёме, при пересмотре и при закрытии сопровождения: здесь появится динамика по каждой области.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="186" />
        <source>positive</source>
        <translation>положительная</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="186" />
        <source>negative</source>
        <translation>отрицательная</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="188" />
        <source>Dynamics: one assessment so far — record another to compare.</source>
        <translation>Динамика: пока одна оценка — запишите следующую, чтобы сравнить.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="190" />
        <source>Dynamics of the support case: {verdict}</source>
        <translation>Динамика по сопровождению: {verdict}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_assessments.py" line="191" />
        <source>no change</source>
        <translation>без изменений</translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="46" />
        <source>Mark attendance</source>
        <translation>Отметить посещение</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="47" />
        <source>Save marks</source>
        <translation>Сохранить отметки</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="49" />
        <source>Sessions: {sessions}, children: {children}. {days}</source>
        <translation>Занятий: {sessions}, детей: {children}. {days}</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="54" />
        <source>Cancelled or future sessions left out: {count}.</source>
        <translation>Отменённые и будущие занятия не включены: {count}.</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="57" />
        <source>All came</source>
        <translation>Все пришли</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="58" />
        <source>Nobody came</source>
        <translation>Никто не пришёл</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="62" />
        <source>— reason for all absent —</source>
        <translation>— для всех отсутствовавших —</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="67" />
        <source>Reason for the absent:</source>
        <translation>Причина отсутствия:</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="71" />
        <source>Came</source>
        <translation>Явка</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="71" />
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="71" />
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="72" />
        <source>Child</source>
        <translation>Ребёнок</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="72" />
        <source>Absence reason</source>
        <translation>Причина отсутствия</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/attendance_dialog.py" line="92" />
        <source>— choose —</source>
        <translation>— выберите —</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="87" />
        <source>Audit log</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="89" />
        <source>Every sign-in, failed sign-in, opened family card or health record, change, export and backup, with who, when and from which computer. Changed field names are kept, never their values. Rows cannot be edited or removed; each row's check sum covers the previous one, so tampering shows up in the chain check.</source>
        <translation>Каждый вход, неудачная попытка входа, просмотр карточки семьи или сведений о здоровье, изменение, выгрузка и резервная копия — кто, когда и с какого компьютера. Хранятся названия изменённых полей, но не их значения. Записи нельзя изменить или удалить; контрольная сумма каждой записи учитывает предыдущую, поэтому подделка видна при проверке цепочки.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="105" />
        <location filename="../../src/ui/admin/audit_page.py" line="163" />
        <source>All</source>
        <translation>все</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="107" />
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="110" />
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="110" />
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="111" />
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="111" />
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="112" />
        <source>Record type</source>
        <translation>Вид записи</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="125" />
        <source>◀ Newer</source>
        <translation>◀ Новее</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="126" />
        <source>Older ▶</source>
        <translation>Старее ▶</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="130" />
        <source>Export to XLSX…</source>
        <translation>Выгрузить в XLSX…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="131" />
        <source>Check the chain</source>
        <translation>Проверить цепочку</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="188" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="198" />
        <source>Rows {first}–{last} of {total}</source>
        <translation>Записи {first}–{last} из {total}</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="238" />
        <source>Exporting the audit log</source>
        <translation>Выгрузка журнала аудита</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="239" />
        <source>Saved: {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="244" />
        <source>Checking the chain…</source>
        <translation>Проверка цепочки…</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="60" />
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="60" />
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="60" />
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="60" />
        <source>Workstation</source>
        <translation>Рабочее место</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="61" />
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="61" />
        <source>Record type</source>
        <translation>Вид записи</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="61" />
        <source>Record id</source>
        <translation>Код записи</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="61" />
        <source>Fields</source>
        <translation>Поля</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../src/ui/admin/audit_page.py" line="53" />
        <source>Save the audit log as</source>
        <translation>Сохранить журнал аудита как</translation>
    </message>
</context>
<context>
    <name>AutoLock</name>
    <message>
        <location filename="../../src/ui/lock.py" line="180" />
        <location filename="../../src/ui/lock.py" line="188" />
        <source>Opora — locked</source>
        <translation>Опора — заблокировано</translation>
    </message>
    <message>
        <location filename="../../src/ui/lock.py" line="237" />
        <source>This is not the password of the signed-in user.</source>
        <translation>Это не пароль пользователя, выполнившего вход.</translation>
    </message>
    <message>
        <location filename="../../src/ui/lock.py" line="251" />
        <source>Sign out and let another user sign in?</source>
        <translation>Выйти и дать войти другому пользователю?</translation>
    </message>
    <message>
        <location filename="../../src/ui/lock.py" line="253" />
        <source>Open windows ({count}) will be closed; changes not saved in them will be lost.</source>
        <translation>Открытые окна ({count}) будут закрыты; несохранённые в них изменения пропадут.</translation>
    </message>
    <message>
        <location filename="../../src/ui/lock.py" line="255" />
        <location filename="../../src/ui/lock.py" line="256" />
        <source>Switch user</source>
        <translation>Сменить пользователя</translation>
    </message>
    <message>
        <location filename="../../src/ui/lock.py" line="257" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>BackgroundChecks</name>
    <message>
        <location filename="../../src/ui/background_checks.py" line="37" />
        <source>Checks found a problem: see the message.</source>
        <translation>Проверка нашла неполадку — см. сообщение.</translation>
    </message>
    <message>
        <location filename="../../src/ui/background_checks.py" line="42" />
        <source>Opora</source>
        <translation>Опора</translation>
    </message>
</context>
<context>
    <name>BackupList</name>
    <message>
        <location filename="../../src/ui/backup_list.py" line="16" />
        <source>Made by hand</source>
        <translation>Вручную</translation>
    </message>
    <message>
        <location filename="../../src/ui/backup_list.py" line="17" />
        <source>Daily</source>
        <translation>Ежедневная</translation>
    </message>
    <message>
        <location filename="../../src/ui/backup_list.py" line="18" />
        <source>On exit</source>
        <translation>При выходе</translation>
    </message>
    <message>
        <location filename="../../src/ui/backup_list.py" line="19" />
        <source>Before a program update</source>
        <translation>Перед обновлением программы</translation>
    </message>
    <message>
        <location filename="../../src/ui/backup_list.py" line="20" />
        <source>Before a restore</source>
        <translation>Перед восстановлением</translation>
    </message>
    <message>
        <location filename="../../src/ui/backup_list.py" line="21" />
        <source>Before an import</source>
        <translation>Перед импортом</translation>
    </message>
    <message>
        <location filename="../../src/ui/backup_list.py" line="32" />
        <source>{size} MB</source>
        <translation>{size} МБ</translation>
    </message>
    <message>
        <location filename="../../src/ui/backup_list.py" line="38" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../src/ui/backup_list.py" line="39" />
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../src/ui/backup_list.py" line="40" />
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location filename="../../src/ui/backup_list.py" line="41" />
        <source>File</source>
        <translation>Файл</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="48" />
        <source>Backups</source>
        <translation>Резервные копии</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="59" />
        <source>Opora backs up the database by itself once a day at start, on exit and before every program update, restore and import. Each copy is checked before it is kept. Old copies are thinned: the latest ones, then one a day, one a week and one a month are kept.
Folder: {folder}</source>
        <translation>Опора сама делает копию базы раз в день при запуске, при выходе и перед каждым обновлением программы, восстановлением и импортом. Каждая копия проверяется, прежде чем сохраниться. Старые копии прореживаются: остаются последние, затем по одной за день, за неделю и за месяц.
Папка: {folder}</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="67" />
        <source>Back up now</source>
        <translation>Создать копию сейчас</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="68" />
        <source>Restore…</source>
        <translation>Восстановить…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="69" />
        <source>Open folder</source>
        <translation>Открыть папку</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="77" />
        <source>Only an administrator makes and restores backups.</source>
        <translation>Резервные копии делает и восстанавливает только администратор.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="111" />
        <source>Backing up…</source>
        <translation>Создаётся копия…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="122" />
        <source>Backup saved and checked: {path}</source>
        <translation>Копия сохранена и проверена: {path}</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="130" />
        <source>Replace all data in the database with the copy of {date} ({reason})?

The current state is backed up first. Afterwards Opora closes its windows and asks you to sign in again.</source>
        <translation>Заменить все данные базы копией от {date} ({reason})?

Текущее состояние сначала будет сохранено в резервной копии. После восстановления Опора закроет свои окна и попросит войти заново.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="133" />
        <location filename="../../src/ui/admin/backups_page.py" line="154" />
        <source>Restore from backup</source>
        <translation>Восстановление из копии</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="134" />
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="135" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="139" />
        <source>Restoring…</source>
        <translation>Идёт восстановление…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/backups_page.py" line="155" />
        <source>Opora now returns to the sign-in window.</source>
        <translation>Сейчас Опора вернётся к окну входа.</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="49" />
        <source>New support case</source>
        <translation>Новое сопровождение</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="55" />
        <source>the whole family</source>
        <translation>вся семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="65" />
        <source>Empty: set by the programme's review term (IPPSU: 3 years)</source>
        <translation>Если не заполнено — по сроку пересмотра программы (ИППСУ: 3 года)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="84" />
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="84" />
        <source>Number:</source>
        <translation>Номер:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="85" />
        <source>Opened on:</source>
        <translation>Дата начала:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="85" />
        <source>Review due:</source>
        <translation>Пересмотр до:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="86" />
        <source>Child:</source>
        <translation>Ребёнок:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="86" />
        <source>Responsible:</source>
        <translation>Ответственный:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="87" />
        <source>Level of support:</source>
        <translation>Уровень сопровождения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="98" />
        <source>Grounds for recognising the need for social services:</source>
        <translation>Основания признания нуждающимся в социальном обслуживании:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="100" />
        <source>Notes:</source>
        <translation>Примечания:</translation>
    </message>
</context>
<context>
    <name>CasesTab</name>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="46" />
        <source>{done} of {total}, overdue: {count}</source>
        <translation>{done} из {total}, просрочено: {count}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="48" />
        <source>{done} of {total}</source>
        <translation>{done} из {total}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="53" />
        <source>overdue</source>
        <translation>просрочено</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="59" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="60" />
        <location filename="../../src/ui/families/card_cases.py" line="71" />
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="61" />
        <source>Opened</source>
        <translation>Начато</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="62" />
        <source>Closed</source>
        <translation>Прекращено</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="63" />
        <source>Child</source>
        <translation>Ребёнок</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="64" />
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="65" />
        <source>Review due</source>
        <translation>Пересмотр до</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="66" />
        <source>Plan done</source>
        <translation>Выполнение плана</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="67" />
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="68" />
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="72" />
        <source>Measure</source>
        <translation>Мероприятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="73" />
        <source>Executor</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="74" />
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="75" />
        <source>Done</source>
        <translation>Отметка о выполнении</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="90" />
        <source>Open a case</source>
        <translation>Начать сопровождение</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="91" />
        <source>Close the case…</source>
        <translation>Прекратить сопровождение…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="92" />
        <source>Add plan row</source>
        <translation>Добавить мероприятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="93" />
        <source>Mark done…</source>
        <translation>Отметить выполнение…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="94" />
        <source>Edit row…</source>
        <translation>Изменить строку…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="95" />
        <source>Reopen the case…</source>
        <translation>Возобновить…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="96" />
        <source>Edit the case…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="105" />
        <source>IPPSU services…</source>
        <translation>Услуги ИППСУ…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="106" />
        <source>The services of the individual programme (form of order 874n)</source>
        <translation>Социальные услуги индивидуальной программы (по форме приказа № 874н)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="107" />
        <source>Make the IPPSU</source>
        <translation>Сформировать ИППСУ</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="166" />
        <source>No support cases yet</source>
        <translation>Сопровождений пока нет</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="168" />
        <source>Plan: {kind}, opened on {day}</source>
        <translation>План: {kind} с {day}</translation>
    </message>
</context>
<context>
    <name>CatalogueScreen</name>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="33" />
        <source>Service catalogue</source>
        <translation>Перечень услуг</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="34" />
        <source>Each service belongs to one of the eight kinds of social services and is given in one form of service; reports count services by both.</source>
        <translation>Каждая услуга относится к одному из восьми видов социальных услуг и предоставляется в одной форме социального обслуживания; в отчётах услуги учитываются и по виду, и по форме.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="39" />
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="45" />
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="46" />
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="71" />
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="47" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="48" />
        <source>Form</source>
        <translation>Форма</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="49" />
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="50" />
        <source>Minutes</source>
        <translation>Мин.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="62" />
        <source>All kinds</source>
        <translation>Все виды</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="71" />
        <source>New service</source>
        <translation>Новая услуга</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="74" />
        <source>Code:</source>
        <translation>Код:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="75" />
        <source>Name:</source>
        <translation>Наименование:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="76" />
        <source>Kind of service:</source>
        <translation>Вид услуги:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="77" />
        <source>Form of service:</source>
        <translation>Форма обслуживания:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="78" />
        <source>Unit:</source>
        <translation>Единица измерения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="79" />
        <source>Duration, minutes:</source>
        <translation>Длительность, мин:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="81" />
        <source>made from the name when left empty</source>
        <translation>если не указан, формируется из наименования</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/catalogue_screen.py" line="99" />
        <source>The service ships with the program: its code is fixed</source>
        <translation>Услуга входит в поставку программы: её код изменить нельзя</translation>
    </message>
</context>
<context>
    <name>CategoriesTab</name>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="31" />
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="32" />
        <source>Since</source>
        <translation>Установлена</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="33" />
        <source>Until</source>
        <translation>Снята</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="34" />
        <source>Removal reason</source>
        <translation>Причина снятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="35" />
        <source>KDN decision on intake</source>
        <translation>Решение КДН о постановке на учёт</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="36" />
        <source>no KDN decision — complete it</source>
        <translation>нет постановления КДН — дополнить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="38" />
        <source>Next KDN review</source>
        <translation>Рассмотрение в КДН</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="40" />
        <source>KDN decision on removal</source>
        <translation>Решение КДН о снятии с учёта</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="51" />
        <source>Add category</source>
        <translation>Добавить категорию</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="52" />
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="53" />
        <source>Correct the selected category's dates, removal reason or KDN decision</source>
        <translation>Исправить даты, причину снятия или постановление КДН выбранной категории</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="54" />
        <location filename="../../src/ui/families/card_categories.py" line="91" />
        <source>Take off…</source>
        <translation>Снять с категории…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="55" />
        <source>Take the family off the selected category with a date and reason</source>
        <translation>Снять семью с выбранной категории с указанием даты и причины</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="56" />
        <location filename="../../src/ui/families/card_categories.py" line="96" />
        <source>Enter KDN decision…</source>
        <translation>Внести постановление КДН…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="57" />
        <source>The number and date of the KDN and ZP decision on intake and the commission's next review date</source>
        <translation>Номер и дата постановления КДН и ЗП о постановке на учёт и дата следующего рассмотрения в комиссии</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="91" />
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="97" />
        <source>KDN decision and review…</source>
        <translation>КДН: постановление и рассмотрение…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_categories.py" line="132" />
        <source>Enter the KDN decision on intake first: the family came into this category without it.</source>
        <translation>Сначала внесите постановление КДН и ЗП о постановке: семья поставлена в эту категорию без него.</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="42" />
        <source>Enter the KDN decision</source>
        <translation>Постановление КДН и ЗП</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="43" />
        <source>Close the category</source>
        <translation>Снятие с категории</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="43" />
        <source>Add a category</source>
        <translation>Добавление категории</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="56" />
        <source>Decision of the commission for minors (KDN and ZP)</source>
        <translation>Решение комиссии по делам несовершеннолетних и защите их прав (КДН и ЗП)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="58" />
        <source>Decision No.:</source>
        <translation>№ решения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="59" />
        <source>Decision date:</source>
        <translation>Дата решения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="61" />
        <source>The date the commission reviews the results of the prevention plan; the «Today» screen reminds of it</source>
        <translation>Дата, на которую комиссия назначила рассмотрение результатов индивидуальной профилактической работы; «Сегодня» напомнит о ней</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="64" />
        <source>Next review by the commission:</source>
        <translation>Следующее рассмотрение в КДН и ЗП:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="66" />
        <location filename="../../src/ui/families/category_dialog.py" line="76" />
        <source>Category:</source>
        <translation>Категория:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="67" />
        <location filename="../../src/ui/families/category_dialog.py" line="78" />
        <location filename="../../src/ui/families/category_dialog.py" line="86" />
        <source>Since:</source>
        <translation>Дата установления:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="88" />
        <source>Decision of the commission for minors (KDN and ZP) on intake</source>
        <translation>Постановление КДН и ЗП о постановке на учёт</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="81" />
        <location filename="../../src/ui/families/category_dialog.py" line="94" />
        <source>Removed on:</source>
        <translation>Дата снятия:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="41" />
        <source>Edit the category</source>
        <translation>Изменение категории</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="82" />
        <location filename="../../src/ui/families/category_dialog.py" line="95" />
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="97" />
        <source>Take off the category</source>
        <translation>Снять с категории</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="134" />
        <source>Enter the date the family is taken off the category.</source>
        <translation>Укажите дату снятия семьи с категории.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/category_dialog.py" line="138" />
        <source>Choose the category.</source>
        <translation>Выберите категорию.</translation>
    </message>
</context>
<context>
    <name>CentreDialog</name>
    <message>
        <location filename="../../src/ui/exchange/setup_dialogs.py" line="39" />
        <source>Set up as the regional centre</source>
        <translation>Региональный центр</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/setup_dialogs.py" line="39" />
        <source>Set up</source>
        <translation>Настроить</translation>
    </message>
</context>
<context>
    <name>ChartRecordsDialog</name>
    <message>
        <location filename="../../src/ui/today/chart_records.py" line="58" />
        <source>Records behind the chart</source>
        <translation>Записи, из которых сложен столбец</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/chart_records.py" line="59" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/chart_records.py" line="93" />
        <source>In all: {total}. Double-click a row to open the record.</source>
        <translation>Всего: {total}. Двойной щелчок по строке открывает запись.</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/chart_records.py" line="95" />
        <source>The newest {limit} rows are listed.</source>
        <translation>Показаны {limit} самых новых строк.</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <location filename="../../src/ui/today/charts.py" line="80" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="171" />
        <location filename="../../src/ui/today/charts.py" line="244" />
        <source>Families on support, end of month</source>
        <translation>Семьи на сопровождении на конец месяца</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="172" />
        <source>Services by kind</source>
        <translation>Услуги по видам</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="173" />
        <location filename="../../src/ui/today/charts.py" line="264" />
        <source>Attendance by office this quarter, %</source>
        <translation>Посещаемость по отделениям в этом квартале, %</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="174" />
        <source>State assignment: done against the plan to date</source>
        <translation>Госзадание: выполнено и план на сегодня</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="245" />
        <source>Families</source>
        <translation>Семей</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="246" />
        <source>{day}: {count} families on support</source>
        <translation>{day}: семей на сопровождении — {count}</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="254" />
        <source>Services by kind: {this} against {last}</source>
        <translation>Услуги по видам: {this} и {last}</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="266" />
        <source>No offices.</source>
        <translation>Нет отделений.</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="270" />
        <source>Attended, %</source>
        <translation>Посещено, %</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="271" />
        <source>{office}: attended {attended} of {marked} marked places</source>
        <translation>{office}: посещено {attended} из {marked} отмеченных мест</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="276" />
        <source>State assignment {year}: done against the plan to {day}</source>
        <translation>Госзадание {year} г.: выполнено и план на {day}</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="279" />
        <source>No plan entered for the year (Reports → State assignment plan).</source>
        <translation>План госзадания на этот год не введён (Отчёты → «План госзадания…»).</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="283" />
        <source>Plan pro rata</source>
        <translation>План пропорционально сроку</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="283" />
        <source>Done</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="284" />
        <source>{name}
plan for the year {planned}, pro rata to date {expected}</source>
        <translation>{name}
план на год {planned}, пропорционально на сегодня {expected}</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/charts.py" line="286" />
        <source>{name}
done {done}</source>
        <translation>{name}
выполнено {done}</translation>
    </message>
</context>
<context>
    <name>ChildDialog</name>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="68" />
        <source>Code</source>
        <translation>Код МКБ</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="69" />
        <source>Diagnosis</source>
        <translation>Диагноз</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="70" />
        <source>Main</source>
        <translation>Основной</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="72" />
        <source>Established</source>
        <translation>Установлен</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="80" />
        <source>Child profile</source>
        <translation>Профиль ребёнка</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/ui/families/child_dialog.py" line="82" />
        <source>{name}, %n month(s) old</source>
        <translation>
            <numerusform>{name}, %n месяц</numerusform>
            <numerusform>{name}, %n месяца</numerusform>
            <numerusform>{name}, %n месяцев</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/ui/families/child_dialog.py" line="84" />
        <source>{name}, %n year(s) old</source>
        <translation>
            <numerusform>{name}, %n год</numerusform>
            <numerusform>{name}, %n года</numerusform>
            <numerusform>{name}, %n лет</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="88" />
        <source>Disability and IPRA</source>
        <translation>Инвалидность и ИПРА</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="89" />
        <source>SEN and health</source>
        <translation>ОВЗ и здоровье</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="90" />
        <source>Diagnoses</source>
        <translation>Диагнозы</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="103" />
        <source>Disabled child («ребёнок-инвалид»)</source>
        <translation>Категория «ребёнок-инвалид»</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="114" />
        <source>Disabled since:</source>
        <translation>Инвалидность с:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="114" />
        <source>until:</source>
        <translation>по:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="115" />
        <source>IPRA No.:</source>
        <translation>№ ИПРА:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="115" />
        <source>IPRA date:</source>
        <translation>Дата ИПРА:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="116" />
        <source>IPRA term:</source>
        <translation>Срок ИПРА:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="116" />
        <source>IPRA valid until:</source>
        <translation>ИПРА действует до:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="120" />
        <source>MSE bureau:</source>
        <translation>Бюро МСЭ:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="122" />
        <source>Degree of limitation of life activities (0–3)</source>
        <translation>Степень ограничения основных категорий жизнедеятельности (0–3)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="132" />
        <source>«Valid until» is worked out from the term when left empty</source>
        <translation>Если поле «ИПРА действует до» не заполнено, дата рассчитывается по сроку</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="147" />
        <source>Special educational needs (ОВЗ) by the PMPK conclusion</source>
        <translation>ОВЗ по заключению ПМПК</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="156" />
        <source>Needs early help (children 0–3)</source>
        <translation>Нуждается в ранней помощи (дети 0–3 лет)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="159" />
        <source>PMPK conclusion No.:</source>
        <translation>№ заключения ПМПК:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="160" />
        <source>Conclusion date:</source>
        <translation>Дата заключения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="161" />
        <source>Conclusion:</source>
        <translation>Заключение:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="163" />
        <source>Health group:</source>
        <translation>Группа здоровья:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="180" />
        <source>Diagnosis as written</source>
        <translation>Формулировка диагноза</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="182" />
        <source>main</source>
        <translation>основной</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="184" />
        <location filename="../../src/ui/families/child_dialog.py" line="349" />
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="188" />
        <source>Edit</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="190" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="239" />
        <source>The database is open read-only, so this view of the child's health data could not be written to the audit log. It is noted on this computer and will be added to the log at the next sign-in when the database can be written.</source>
        <translation>База данных открыта только для чтения, поэтому этот просмотр сведений о здоровье ребёнка не удалось записать в журнал аудита. Он отмечен на этом компьютере и будет добавлен в журнал при следующем входе, когда в базу снова можно будет писать.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="244" />
        <source>The database is open read-only and this computer's journal cannot be written either: this view of the child's health data is not recorded anywhere. Tell the administrator.</source>
        <translation>База данных открыта только для чтения, и журнал на этом компьютере тоже недоступен для записи: этот просмотр сведений о здоровье ребёнка нигде не записан. Сообщите администратору.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="303" />
        <source>Enter the date as dd.mm.yyyy.</source>
        <translation>Введите дату в формате ДД.ММ.ГГГГ.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/child_dialog.py" line="323" />
        <source>Save changes</source>
        <translation>Сохранить изменения</translation>
    </message>
</context>
<context>
    <name>CloseCaseDialog</name>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="127" />
        <source>Close the support case</source>
        <translation>Прекращение сопровождения</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="136" />
        <source>Case:</source>
        <translation>Сопровождение:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="136" />
        <source>{kind}, opened on {day}</source>
        <translation>{kind} с {day}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="138" />
        <source>Closed on:</source>
        <translation>Дата прекращения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="139" />
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="140" />
        <source>Outcome:</source>
        <translation>Результат:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="142" />
        <source>Close the case</source>
        <translation>Прекратить сопровождение</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="88" />
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="89" />
        <source>Submitted</source>
        <translation>В сданном отчёте</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="91" />
        <source>Now</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="94" />
        <source>Changed</source>
        <translation>Изменено</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="95" />
        <source>By</source>
        <translation>Кем</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="96" />
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="97" />
        <source>Dated</source>
        <translation>Дата записи</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="98" />
        <source>What happened</source>
        <translation>Что сделано</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="104" />
        <source>Figures as submitted and now</source>
        <translation>Цифры сданного отчёта и сейчас</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/ui/reports/period_lock.py" line="107" />
        <source>{title}: %n figure(s) would now differ from the report submitted on {day}.</source>
        <translation>
            <numerusform>{title}: %n показатель отличался бы от отчёта, отмеченного сданным {day}.</numerusform>
            <numerusform>{title}: %n показателя отличались бы от отчёта, отмеченного сданным {day}.</numerusform>
            <numerusform>{title}: %n показателей отличались бы от отчёта, отмеченного сданным {day}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="110" />
        <source>{title}: the figures are the same as in the report submitted on {day}.</source>
        <translation>{title}: цифры совпадают с отчётом, отмеченным сданным {day}.</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="120" />
        <source>Records of the period changed since it was submitted:</source>
        <translation>Записи периода, изменённые после сдачи:</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="124" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="26" />
        <source>Consent to personal data processing</source>
        <translation>Согласие на обработку персональных данных</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="28" />
        <source>Consent of {name}</source>
        <translation>Субъект персональных данных: {name}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="37" />
        <source>{name} (in person)</source>
        <translation>{name} (лично)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="41" />
        <source>legal representative</source>
        <translation>законный представитель</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="43" />
        <source>Another person (type the name)</source>
        <translation>Другое лицо (указать ФИО)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="46" />
        <source>Full name of the signer</source>
        <translation>ФИО подписавшего</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="48" />
        <source>Purposes and the list of data, as written in the consent</source>
        <translation>Цели обработки и перечень данных — как в тексте согласия</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="50" />
        <source>Includes health data (a special category of data)</source>
        <translation>Включает сведения о здоровье (специальная категория ПДн)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="54" />
        <source>Signed on:</source>
        <translation>Дата подписания:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="55" />
        <source>Signed by:</source>
        <translation>Кем подписано:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="57" />
        <source>Scope:</source>
        <translation>Содержание:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="59" />
        <source>Valid until:</source>
        <translation>Действует до:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="60" />
        <source>Leave «Valid until» empty for a consent without a term.</source>
        <translation>Для бессрочного согласия оставьте поле «Действует до» пустым.</translation>
    </message>
</context>
<context>
    <name>ConsentsTab</name>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="31" />
        <source>Member</source>
        <translation>Член семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="32" />
        <source>Consent</source>
        <translation>Согласие</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="35" />
        <source>Signed</source>
        <translation>Подписано</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="36" />
        <source>Signed by</source>
        <translation>Кем подписано</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="37" />
        <source>Health data</source>
        <translation>Сведения о здоровье</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="39" />
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="40" />
        <source>Withdrawn</source>
        <translation>Отозвано</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="41" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="42" />
        <source>Scope</source>
        <translation>Содержание</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="57" />
        <source>Add consent</source>
        <translation>Добавить согласие</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="58" />
        <source>Withdraw…</source>
        <translation>Отозвать…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="61" />
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="63" />
        <source>Print the consent</source>
        <translation>Сформировать согласие</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="64" />
        <source>Print the withdrawal</source>
        <translation>Сформировать отзыв</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="82" />
        <source>Since 01.09.2025 a consent is a separate document; for a child it is signed by a legal representative.</source>
        <translation>С 01.09.2025 согласие оформляется отдельным документом; за ребёнка его подписывает законный представитель.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_consents.py" line="119" />
        <source>Consents of {name}</source>
        <translation>Согласия: {name}</translation>
    </message>
</context>
<context>
    <name>ConsolidatedModel</name>
    <message>
        <location filename="../../src/ui/exchange/consolidated_page.py" line="37" />
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/consolidated_page.py" line="39" />
        <source>Region</source>
        <translation>По региону</translation>
    </message>
</context>
<context>
    <name>ConsolidatedPage</name>
    <message>
        <location filename="../../src/ui/exchange/consolidated_page.py" line="63" />
        <source>Build</source>
        <translation>Построить</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/consolidated_page.py" line="70" />
        <source>Every office's column is the quarterly report limited to that office, as the office computes it in its own database; the region's column is the sum of the offices'. Distinct people and settlements are not summed (one child served by two offices is one child): see the full report in «Reports».</source>
        <translation>Столбец отделения — квартальный отчёт только по этому отделению, как его считает само отделение в своей базе; столбец региона — сумма отделений. Число разных людей и населённых пунктов не суммируется (ребёнок, которому помогали два отделения, — один ребёнок): полный отчёт — в разделе «Отчёты».</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/consolidated_page.py" line="91" />
        <source>Building…</source>
        <translation>Отчёт строится…</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/consolidated_page.py" line="101" />
        <source>{period}: {offices} offices.</source>
        <translation>{period}: отделений — {offices}.</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../src/ui/date_edit.py" line="44" />
        <source>dd.mm.yyyy</source>
        <translation>ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <location filename="../../src/ui/date_edit.py" line="49" />
        <source>Pick a date</source>
        <translation>Выбрать дату</translation>
    </message>
</context>
<context>
    <name>DeadlinesPage</name>
    <message>
        <location filename="../../src/ui/admin/deadlines_page.py" line="37" />
        <source>Deadlines</source>
        <translation>Сроки</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/deadlines_page.py" line="39" />
        <source>What the «Today» screen and the weekly list count as a deadline. Days: how long before a date to warn, or how long a silence may last.</source>
        <translation>Что экран «Сегодня» и еженедельный список считают сроками. Дни — за сколько дней до даты предупреждать или сколько дней без контакта ещё допустимо.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/deadlines_page.py" line="45" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/deadlines_page.py" line="99" />
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
</context>
<context>
    <name>DictionariesSection</name>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="54" />
        <source>Dictionaries</source>
        <translation>Справочники</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="56" />
        <source>Only an administrator can change dictionaries; you can view them.</source>
        <translation>Изменять справочники может только администратор; вам доступен просмотр.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="93" />
        <source>Organisation and people</source>
        <translation>Организация и сотрудники</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="94" />
        <source>Organisation and offices</source>
        <translation>Организация и отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="95" />
        <source>Districts</source>
        <translation>Районы</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="96" />
        <source>Settlements</source>
        <translation>Населённые пункты</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="97" />
        <source>Staff</source>
        <translation>Сотрудники</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="100" />
        <source>Services</source>
        <translation>Услуги</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="100" />
        <source>Service catalogue</source>
        <translation>Перечень услуг</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="102" />
        <source>Families and support</source>
        <translation>Семьи и сопровождение</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/section.py" line="104" />
        <source>Other lists</source>
        <translation>Прочие справочники</translation>
    </message>
</context>
<context>
    <name>DistrictsScreen</name>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="49" />
        <source>Districts</source>
        <translation>Районы</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="50" />
        <source>Municipal districts and okrugs served by the centre. Switching a district off hides its settlements from choice lists too.</source>
        <translation>Муниципальные районы и округа, которые обслуживает центр. Если отключить район, его населённые пункты тоже исчезнут из списков выбора.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="54" />
        <location filename="../../src/ui/dictionaries/places_screen.py" line="66" />
        <source>District</source>
        <translation>Район</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="55" />
        <source>Office</source>
        <translation>Отделение</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="66" />
        <source>New district</source>
        <translation>Новый район</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="67" />
        <source>Name:</source>
        <translation>Наименование:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="68" />
        <source>Office:</source>
        <translation>Отделение:</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="50" />
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="51" />
        <source>Series</source>
        <translation>Серия</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="52" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="53" />
        <source>Issued on</source>
        <translation>Дата выдачи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="54" />
        <source>Issued by</source>
        <translation>Кем выдан</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="63" />
        <source>Documents of {name}</source>
        <translation>Документы: {name}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="74" />
        <location filename="../../src/ui/families/documents_dialog.py" line="162" />
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="76" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="79" />
        <source>Edit</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="81" />
        <location filename="../../src/ui/families/documents_dialog.py" line="161" />
        <source>New document</source>
        <translation>Новый документ</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="84" />
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="84" />
        <source>Series:</source>
        <translation>Серия:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="85" />
        <source>Number:</source>
        <translation>Номер:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="85" />
        <source>Issued on:</source>
        <translation>Дата выдачи:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="86" />
        <source>Issued by:</source>
        <translation>Кем выдан:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="94" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="130" />
        <source>Edit the document</source>
        <translation>Изменение документа</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/documents_dialog.py" line="131" />
        <source>Save changes</source>
        <translation>Сохранить изменения</translation>
    </message>
</context>
<context>
    <name>DoneDialog</name>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="213" />
        <source>Mark the plan row done</source>
        <translation>Отметка о выполнении</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="217" />
        <source>What was done (optional)</source>
        <translation>Что сделано (необязательно)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="219" />
        <source>Measure:</source>
        <translation>Мероприятие:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="220" />
        <source>Done on:</source>
        <translation>Дата выполнения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="221" />
        <source>Note:</source>
        <translation>Примечание:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="223" />
        <source>Mark done</source>
        <translation>Отметить выполнение</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="230" />
        <source>Enter the date the measure was done.</source>
        <translation>Укажите дату выполнения мероприятия.</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="54" />
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="55" />
        <source>Birth date</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="56" />
        <source>SNILS</source>
        <translation>СНИЛС</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="62" />
        <source>Possible duplicate</source>
        <translation>Возможный дубль</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="64" />
        <source>A person with the same SNILS, or the same full name and birth date, is already registered. Add the existing record to the family to avoid a second card.</source>
        <translation>Человек с таким же СНИЛС или с такими же ФИО и датой рождения уже зарегистрирован. Добавьте в семью существующую запись, чтобы не заводить вторую карточку.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="79" />
        <source>Open existing</source>
        <translation>Использовать существующую</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="81" />
        <source>Use the registered person instead of creating a new record</source>
        <translation>Использовать уже зарегистрированного человека вместо создания новой записи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="83" />
        <source>Create anyway</source>
        <translation>Всё равно создать</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="83" />
        <source>Save anyway</source>
        <translation>Всё равно сохранить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="85" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>EditCaseDialog</name>
    <message>
        <location filename="../../src/ui/families/case_edits.py" line="33" />
        <source>Edit the support case</source>
        <translation>Изменение сопровождения</translation>
    </message>
</context>
<context>
    <name>EditConsentDialog</name>
    <message>
        <location filename="../../src/ui/families/consent_edits.py" line="20" />
        <source>Edit the consent</source>
        <translation>Изменение согласия</translation>
    </message>
</context>
<context>
    <name>EditPlanItemDialog</name>
    <message>
        <location filename="../../src/ui/families/case_edits.py" line="76" />
        <source>Edit the plan row</source>
        <translation>Изменение строки плана</translation>
    </message>
</context>
<context>
    <name>EncryptionPage</name>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="36" />
        <source>Database encryption</source>
        <translation>Шифрование базы данных</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="54" />
        <source>An encrypted database, and every backup made from it, opens only on a computer that has its key. This computer keeps the key in the user's settings folder, so nobody types it; a copy of the database or of a backup taken elsewhere cannot be read. Export the key and keep it apart from the database: without it a backup cannot be restored on another computer.</source>
        <translation>Зашифрованная база и каждая её резервная копия открываются только на компьютере, где есть ключ. Этот компьютер хранит ключ в папке настроек пользователя, поэтому вводить его не нужно, а копию базы или резервной копии, унесённую в другое место, прочитать нельзя. Экспортируйте ключ и храните его отдельно от базы: без него резервную копию не восстановить на другом компьютере.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="59" />
        <location filename="../../src/ui/admin/encryption_page.py" line="141" />
        <source>Encrypt the database</source>
        <translation>Зашифровать базу</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="61" />
        <source>Export the key…</source>
        <translation>Экспортировать ключ…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="63" />
        <location filename="../../src/ui/admin/encryption_page.py" line="194" />
        <source>Delete unencrypted backups</source>
        <translation>Удалить незашифрованные копии</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="93" />
        <source>Encryption is not available for this database.</source>
        <translation>Для этой базы данных шифрование в программе недоступно.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="96" />
        <source>The database is encrypted (SQLCipher {version}).</source>
        <translation>База данных зашифрована (SQLCipher {version}).</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="98" />
        <source>the computer's shared key folder</source>
        <translation>общей папке ключей компьютера</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="99" />
        <source>Database: {location}
Key {key_id} is kept in: {where}</source>
        <translation>База данных: {location}
Ключ {key_id} хранится в: {where}</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="102" />
        <source>The database is not encrypted.</source>
        <translation>База данных не зашифрована.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="103" />
        <source>Database: {location}</source>
        <translation>База данных: {location}</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="106" />
        <source>The backups folder holds {count} unencrypted backup(s) made before encryption (for example {example}). Anyone who copies them can read them.</source>
        <translation>В папке резервных копий есть незашифрованные копии, сделанные до шифрования: {count} (например, {example}). Любой, кто их скопирует, сможет их прочитать.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="111" />
        <source>Unencrypted copies of this database are on disk: {files}. Anyone who copies them can read all the data; delete them when they are no longer needed.</source>
        <translation>На диске есть незашифрованные копии этой базы: {files}. Кто скопирует их, прочтёт все данные; удалите их, когда они больше не нужны.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="116" />
        <source>Only an administrator manages encryption.</source>
        <translation>Шифрованием управляет только администратор.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="142" />
        <source>The database will be encrypted and its key kept on this computer. Close Opora on every other computer and window using this database first.

The unencrypted original is overwritten and deleted unless you keep a copy of it (keep it only somewhere safe).</source>
        <translation>База будет зашифрована, ключ сохранится на этом компьютере. Сначала закройте «Опору» на всех других компьютерах и в других окнах, где открыта эта база.

Незашифрованный оригинал будет перезаписан и удалён, если вы не сохраните его копию (храните её только в надёжном месте).</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="145" />
        <source>Encrypt</source>
        <translation>Зашифровать</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="146" />
        <source>Encrypt and keep an unencrypted copy…</source>
        <translation>Зашифровать и сохранить незашифрованную копию…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="148" />
        <location filename="../../src/ui/admin/encryption_page.py" line="197" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="152" />
        <source>Keep the unencrypted copy as</source>
        <translation>Сохранить незашифрованную копию как</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="153" />
        <source>Databases (*.db)</source>
        <translation>Базы данных (*.db)</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="158" />
        <source>Encrypting the database…</source>
        <translation>Шифрование базы…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="164" />
        <source>The database is encrypted. Its key is saved in {path}.</source>
        <translation>База данных зашифрована. Ключ сохранён в {path}.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="165" />
        <source>Export the key now and keep the file apart from the database and its backups.</source>
        <translation>Экспортируйте ключ сейчас и храните файл отдельно от базы и её резервных копий.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="167" />
        <source>The unencrypted copy is kept as you chose: {path}</source>
        <translation>Незашифрованная копия сохранена по вашему выбору: {path}</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="169" />
        <source>The unencrypted original was overwritten with zeros and deleted.</source>
        <translation>Незашифрованный оригинал перезаписан нулями и удалён.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="176" />
        <source>Export the key</source>
        <translation>Экспорт ключа</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="177" />
        <source>Key files (*.key)</source>
        <translation>Файлы ключей (*.key)</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="182" />
        <source>Exporting the key…</source>
        <translation>Экспорт ключа…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="189" />
        <source>The key is written to {path}. Keep it apart from the database and its backups: whoever has both can read the data. On another computer: opora key import FILE.</source>
        <translation>Ключ записан в {path}. Храните его отдельно от базы и резервных копий: у кого есть и то и другое, тот может прочитать данные. На другом компьютере: opora key import ФАЙЛ.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="195" />
        <source>The unencrypted backups will be overwritten and deleted. The encrypted backups stay.</source>
        <translation>Незашифрованные резервные копии будут перезаписаны и удалены. Зашифрованные копии останутся.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="196" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="201" />
        <source>Deleting unencrypted backups…</source>
        <translation>Удаление незашифрованных копий…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/encryption_page.py" line="207" />
        <source>Unencrypted backups deleted: {count}.</source>
        <translation>Удалено незашифрованных копий: {count}.</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../src/ui/dictionaries/widgets.py" line="99" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <location filename="../../src/ui/events/editor.py" line="102" />
        <source>Event</source>
        <translation>Мероприятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="104" />
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="105" />
        <source>Content and results</source>
        <translation>Содержание и итоги</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="107" />
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="109" />
        <source>Information note</source>
        <translation>Информационная справка</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="110" />
        <location filename="../../src/ui/events/editor.py" line="221" />
        <source>A DOCX summary of the event in the style of a press release</source>
        <translation>Сводка о мероприятии в формате DOCX в стиле пресс-релиза</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="112" />
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="113" />
        <source>Make the information note and send it to the printer</source>
        <translation>Сформировать справку и отправить её на печать</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="117" />
        <location filename="../../src/ui/events/editor.py" line="414" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="120" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="147" />
        <source>same day</source>
        <translation>в тот же день</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="164" />
        <source>Type</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="165" />
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="166" />
        <source>Dates</source>
        <translation>Даты проведения</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="167" />
        <source>Place</source>
        <translation>Место проведения</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="168" />
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="169" />
        <source>Office</source>
        <translation>Отделение</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="170" />
        <source>Organisers</source>
        <translation>Организаторы</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="171" />
        <source>Partners</source>
        <translation>Партнёры</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="187" />
        <source>Purpose, programme, what was discussed — goes into the information note</source>
        <translation>Цель, программа, обсуждавшиеся вопросы — войдёт в информационную справку</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="193" />
        <source>Content of the event</source>
        <translation>Содержание мероприятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="194" />
        <source>Results and resolution</source>
        <translation>Итоги и резолюция</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="195" />
        <source>Materials</source>
        <translation>Материалы</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="205" />
        <source>New event</source>
        <translation>Новое мероприятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="206" />
        <source>New event[*] — Opora</source>
        <translation>Новое мероприятие[*] — Опора</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="222" />
        <source>Save the event first</source>
        <translation>Сначала сохраните мероприятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="225" />
        <source>Available once the event is saved</source>
        <translation>Доступно после сохранения мероприятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="234" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="251" />
        <location filename="../../src/ui/events/editor.py" line="252" />
        <location filename="../../src/ui/events/editor.py" line="253" />
        <source>— choose —</source>
        <translation>— выберите —</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="282" />
        <source>{title}[*] — event</source>
        <translation>{title}[*] — мероприятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="304" />
        <location filename="../../src/ui/events/editor.py" line="410" />
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="334" />
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="344" />
        <source>Saved at {time}</source>
        <translation>Сохранено в {time}</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="354" />
        <source>Not saved: see the messages</source>
        <translation>Не сохранено: см. сообщения</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="369" />
        <source>Save the information note</source>
        <translation>Сохранение информационной справки</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="370" />
        <source>Word documents (*.docx)</source>
        <translation>Документы Word (*.docx)</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="379" />
        <source>Writing the information note…</source>
        <translation>Формирование информационной справки…</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="385" />
        <source>Information note saved: {path}</source>
        <translation>Информационная справка сохранена: {path}</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="411" />
        <source>The event has unsaved changes. Save them before closing?</source>
        <translation>В мероприятии есть несохранённые изменения. Сохранить их перед закрытием?</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="415" />
        <source>Don't save</source>
        <translation>Не сохранять</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/editor.py" line="416" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="58" />
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="58" />
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="58" />
        <source>Type</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="58" />
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="58" />
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="59" />
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="59" />
        <source>In person</source>
        <translation>Очно</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="59" />
        <source>Online</source>
        <translation>Онлайн</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="59" />
        <source>Families</source>
        <translation>Семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="60" />
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
</context>
<context>
    <name>EventsScreen</name>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="96" />
        <source>Events</source>
        <translation>Мероприятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="97" />
        <source>New event</source>
        <translation>Новое мероприятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="100" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="102" />
        <location filename="../../src/ui/events/list_screen.py" line="224" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="118" />
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="121" />
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="126" />
        <source>Type</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="168" />
        <source>all types</source>
        <translation>все виды</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="175" />
        <source>Enter the period as dd.mm.yyyy</source>
        <translation>Введите период в формате ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="178" />
        <source>The period ends before it starts</source>
        <translation>Конец периода раньше его начала</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="185" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="196" />
        <source>Events: {count}, participants: {people}</source>
        <translation>Мероприятий: {count}, участников: {people}</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="221" />
        <source>Delete event</source>
        <translation>Удаление мероприятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="222" />
        <source>Delete the event «{title}» of {dates}? An administrator can restore it.</source>
        <translation>Удалить мероприятие «{title}» ({dates})? Администратор сможет его восстановить.</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/list_screen.py" line="225" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>ExchangeSection</name>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="83" />
        <source>Data exchange</source>
        <translation>Обмен данными</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="88" />
        <source>Set up as the regional centre…</source>
        <translation>Сделать эту базу региональным центром…</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="90" />
        <source>Load the office key…</source>
        <translation>Загрузить ключ отделения…</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="91" />
        <source>Register an office…</source>
        <translation>Зарегистрировать отделение…</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="101" />
        <source>Make a package…</source>
        <translation>Сделать пакет…</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="102" />
        <source>Load a package…</source>
        <translation>Загрузить пакет…</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="110" />
        <source>Keep the value here</source>
        <translation>Оставить наше значение</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="111" />
        <source>Take the partner's value</source>
        <translation>Принять значение партнёра</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="117" />
        <source>The same field was changed here and at the partner since the last exchange. Nothing was overwritten: choose the value field by field; the choice travels to the other databases with the next packages.</source>
        <translation>Одно и то же поле изменили и здесь, и у партнёра после прошлого обмена. Ничего не перезаписано: выберите значение по каждому полю; решение уйдёт в другие базы со следующими пакетами.</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="124" />
        <source>Conflicts are reviewed by a coordinator: they show families' personal data.</source>
        <translation>Расхождения разбирает координатор: в них личные данные семей.</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="128" />
        <source>Packages</source>
        <translation>Пакеты</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="129" />
        <source>Conflicts</source>
        <translation>Расхождения</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="131" />
        <source>Consolidated report</source>
        <translation>Сводный отчёт</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="136" />
        <source>Partner:</source>
        <translation>Партнёр:</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="158" />
        <source>Conflicts ({count})</source>
        <translation>Расхождения ({count})</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="168" />
        <source>This database is on a PostgreSQL server: offices on the network share it directly. Set it up as the regional centre to exchange packages with offices without internet.</source>
        <translation>Эта база на сервере PostgreSQL: отделения в сети работают с ней напрямую. Чтобы обмениваться пакетами с отделениями без интернета, настройте её как региональный центр.</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="171" />
        <source>Exchange is not set up. At the regional centre, set this database up as the centre and register the offices; at an office, load the key file the centre issued.</source>
        <translation>Обмен не настроен. В региональном центре сделайте эту базу центром и зарегистрируйте отделения; в отделении загрузите файл ключа, выданный центром.</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="174" />
        <source>An administrator does this.</source>
        <translation>Это делает администратор.</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="176" />
        <source>This database is the regional centre «{code}» ({name}). Offices registered: {count}.</source>
        <translation>Эта база — региональный центр «{code}» ({name}). Зарегистрировано отделений: {count}.</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="179" />
        <source>This database is the office «{code}» ({name}), exchanging with the regional centre.</source>
        <translation>Эта база — отделение «{code}» ({name}), обмен с региональным центром.</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="222" />
        <source>The office key file</source>
        <translation>Файл ключа отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="223" />
        <source>Opora exchange key (*.opora-key);;All files (*)</source>
        <translation>Ключ обмена «Опоры» (*.opora-key);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="230" />
        <source>The key is loaded. Load the centre's first package now.</source>
        <translation>Ключ загружен. Теперь загрузите первый пакет центра.</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="245" />
        <source>Save the package</source>
        <translation>Сохранить пакет</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="246" />
        <source>Opora exchange package (*.opx)</source>
        <translation>Пакет обмена «Опоры» (*.opx)</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="258" />
        <source>Making the package…</source>
        <translation>Пакет записывается…</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="263" />
        <source>Making the package</source>
        <translation>Запись пакета</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="269" />
        <source>{message} File: {path}</source>
        <translation>{message} Файл: {path}</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="273" />
        <source>Load a package</source>
        <translation>Загрузить пакет</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="274" />
        <source>Opora exchange package (*.opx);;All files (*)</source>
        <translation>Пакет обмена «Опоры» (*.opx);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="280" />
        <source>Checking the package, backing up and loading…</source>
        <translation>Пакет проверяется, делается резервная копия, пакет загружается…</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="285" />
        <source>Loading the package</source>
        <translation>Загрузка пакета</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="290" />
        <source>Stopped: nothing was changed.</source>
        <translation>Остановлено: ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="296" />
        <source>Acknowledgement for the sender: {path}</source>
        <translation>Подтверждение для отправителя: {path}</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/section.py" line="320" />
        <source>Decision saved; it travels with the next packages.</source>
        <translation>Решение сохранено; оно уйдёт со следующими пакетами.</translation>
    </message>
</context>
<context>
    <name>ExchangeTables</name>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="24" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="24" />
        <location filename="../../src/ui/exchange/tables.py" line="53" />
        <source>Partner</source>
        <translation>Партнёр</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="25" />
        <source>Direction</source>
        <translation>Направление</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="25" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="26" />
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="26" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="27" />
        <source>Changes</source>
        <translation>Изменений</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="27" />
        <source>Conflicts</source>
        <translation>Расхождений</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="28" />
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="35" />
        <source>sent</source>
        <translation>отправлен</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="36" />
        <source>received</source>
        <translation>получен</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="37" />
        <source>data</source>
        <translation>данные</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="38" />
        <source>acknowledgement</source>
        <translation>подтверждение</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="50" />
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="50" />
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="51" />
        <source>Here</source>
        <translation>Здесь</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="51" />
        <source>Changed here</source>
        <translation>Кто и когда изменил здесь</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="52" />
        <source>At the partner</source>
        <translation>У партнёра</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="52" />
        <source>Changed there</source>
        <translation>Кто и когда изменил там</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/tables.py" line="64" />
        <source>Before both changes: {value}</source>
        <translation>До обоих изменений: {value}</translation>
    </message>
</context>
<context>
    <name>FamiliesDialog</name>
    <message>
        <location filename="../../src/ui/events/families_dialog.py" line="39" />
        <source>Add families to the event</source>
        <translation>Добавление семей в мероприятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/families_dialog.py" line="46" />
        <source>Surname, name or settlement</source>
        <translation>Фамилия, имя или населённый пункт</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/families_dialog.py" line="58" />
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/families_dialog.py" line="58" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/families_dialog.py" line="65" />
        <source>Members of the family (tick some to add them instead of the whole family):</source>
        <translation>Члены семьи (отметьте, чтобы добавить их вместо всей семьи):</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/families_dialog.py" line="84" />
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/families_dialog.py" line="99" />
        <source>Found: {total}</source>
        <translation>Найдено: {total}</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/families_dialog.py" line="101" />
        <source>Found: {total}, the first {shown} are listed; refine the search</source>
        <translation>Найдено: {total}, показаны первые {shown}; уточните запрос</translation>
    </message>
</context>
<context>
    <name>FamiliesScreen</name>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="68" />
        <source>Families</source>
        <translation>Семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="74" />
        <source>Surname, name, patronymic, SNILS or settlement (Ctrl+F)</source>
        <translation>Фамилия, имя, отчество, СНИЛС или населённый пункт (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="75" />
        <source>New family</source>
        <translation>Новая семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="78" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="80" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="93" />
        <source>any</source>
        <translation>любое</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="93" />
        <source>open case</source>
        <translation>ведётся</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="94" />
        <source>cases closed</source>
        <translation>прекращено</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="94" />
        <source>never had a case</source>
        <translation>не было</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="97" />
        <source>Has a disabled child</source>
        <translation>Есть ребёнок-инвалид</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="102" />
        <source>Reset filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="107" />
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="107" />
        <source>District</source>
        <translation>Район</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="108" />
        <source>Settlement</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="108" />
        <source>Case</source>
        <translation>Сопровождение</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="109" />
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="119" />
        <source>Children's age</source>
        <translation>Возраст детей</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="168" />
        <location filename="../../src/ui/families/list_screen.py" line="180" />
        <source>all</source>
        <translation>все</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="198" />
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/ui/families/list_screen.py" line="217" />
        <source>Families found: %n</source>
        <translation>
            <numerusform>Найдено семей: %n</numerusform>
            <numerusform>Найдено семей: %n</numerusform>
            <numerusform>Найдено семей: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="253" />
        <source>Delete family</source>
        <translation>Удаление семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/list_screen.py" line="254" />
        <source>Delete the family «{title}» from the registry? It can be restored by an administrator.</source>
        <translation>Удалить семью «{title}» из реестра? Администратор сможет её восстановить.</translation>
    </message>
</context>
<context>
    <name>FamiliesSection</name>
    <message>
        <location filename="../../src/ui/families/section.py" line="39" />
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
</context>
<context>
    <name>FamilyCardWindow</name>
    <message>
        <location filename="../../src/ui/families/card.py" line="99" />
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="100" />
        <source>Members</source>
        <translation>Члены семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="101" />
        <source>Categories</source>
        <translation>Категории</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="102" />
        <source>Consents</source>
        <translation>Согласия</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="103" />
        <source>Support</source>
        <translation>Сопровождение</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="104" />
        <source>Assessments</source>
        <translation>Оценки</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="105" />
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="106" />
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="114" />
        <location filename="../../src/ui/families/card.py" line="368" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="117" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="143" />
        <source>Available once the family is saved</source>
        <translation>Доступно после сохранения семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="145" />
        <source>New family</source>
        <translation>Новая семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="146" />
        <source>New family[*] — Opora</source>
        <translation>Новая семья[*] — Опора</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="147" />
        <source>Fill in the family and add its members, then save (Ctrl+S).</source>
        <translation>Заполните сведения о семье, добавьте членов семьи и сохраните (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="170" />
        <location filename="../../src/ui/families/card.py" line="216" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="193" />
        <source>The database is open read-only, so this view of the card could not be written to the audit log. It is noted on this computer and will be added to the log at the next sign-in when the database can be written.</source>
        <translation>База данных открыта только для чтения, поэтому этот просмотр карточки не удалось записать в журнал аудита. Он отмечен на этом компьютере и будет добавлен в журнал при следующем входе, когда в базу снова можно будет писать.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="198" />
        <source>The database is open read-only and this computer's journal cannot be written either: this view of the card is not recorded anywhere. Tell the administrator.</source>
        <translation>База данных открыта только для чтения, и журнал на этом компьютере тоже недоступен для записи: этот просмотр карточки нигде не записан. Сообщите администратору.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="227" />
        <source>Family without current members</source>
        <translation>Семья без текущего состава</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="229" />
        <source>{title}[*] — family card</source>
        <translation>{title}[*] — карточка семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="232" />
        <source>registered on {day}</source>
        <translation>на учёте с {day}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="233" />
        <source>responsible: {name}</source>
        <translation>ответственный: {name}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="250" />
        <source>No valid consent to personal data processing: {names}. &lt;a href="consents"&gt;Open consents&lt;/a&gt;</source>
        <translation>Нет действующего согласия на обработку персональных данных: {names}. &lt;a href="consents"&gt;Открыть согласия&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="254" />
        <source>{categories}: no KDN decision — complete it. &lt;a href="categories"&gt;Enter the decision&lt;/a&gt;</source>
        <translation>{categories}: нет постановления КДН — дополнить. &lt;a href="categories"&gt;Внести постановление&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="274" />
        <location filename="../../src/ui/families/card.py" line="363" />
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="297" />
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="310" />
        <location filename="../../src/ui/families/card.py" line="348" />
        <source>Saved at {time}</source>
        <translation>Сохранено в {time}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="321" />
        <source>Not saved: see the messages</source>
        <translation>Не сохранено: см. сообщения</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="364" />
        <source>The family card has unsaved changes. Save them before closing?</source>
        <translation>В карточке семьи есть несохранённые изменения. Сохранить их перед закрытием?</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="369" />
        <source>Don't save</source>
        <translation>Не сохранять</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card.py" line="370" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>FamilyPanel</name>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="101" />
        <source>Done</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="104" />
        <source>Result, or why the work was not done</source>
        <translation>Результат или причина, по которой работа не выполнена</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="106" />
        <source>Planned: {work}</source>
        <translation>Запланировано: {work}</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="126" />
        <source>What the brigade found: housing, relationships, the children</source>
        <translation>Что выявила бригада: жилищные условия, отношения в семье, положение детей</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="130" />
        <source>— choose a service —</source>
        <translation>— выберите услугу —</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="131" />
        <source>Add service</source>
        <translation>Добавить услугу</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="138" />
        <source>Remove the service</source>
        <translation>Удалить услугу</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="149" />
        <source>Add a child's session</source>
        <translation>Добавить занятие с ребёнком</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="153" />
        <source>The family has no children under 18</source>
        <translation>В семье нет детей до 18 лет</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="157" />
        <source>Visit purpose</source>
        <translation>Цель визита</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="158" />
        <source>Findings</source>
        <translation>Результаты обследования</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="159" />
        <source>Recommendations</source>
        <translation>Рекомендации</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="160" />
        <source>Next visit</source>
        <translation>Следующий визит</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="161" />
        <source>Services given</source>
        <translation>Оказанные услуги</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="163" />
        <source>Sessions</source>
        <translation>Занятия</translation>
    </message>
</context>
<context>
    <name>FamilyPicker</name>
    <message>
        <location filename="../../src/ui/visits/family_picker.py" line="41" />
        <source>Type a surname to find the family</source>
        <translation>Введите фамилию, чтобы найти семью</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/family_picker.py" line="94" />
        <source>No family found</source>
        <translation>Семья не найдена</translation>
    </message>
</context>
<context>
    <name>FamilyTab</name>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="79" />
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="82" />
        <source>District:</source>
        <translation>Район:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="83" />
        <source>Settlement:</source>
        <translation>Населённый пункт:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="85" />
        <source>Street:</source>
        <translation>Улица:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="88" />
        <source>House:</source>
        <translation>Дом:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="89" />
        <source>Building:</source>
        <translation>Корпус:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="90" />
        <source>Apartment:</source>
        <translation>Квартира:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="96" />
        <source>Registration and contacts</source>
        <translation>Учёт и контакты</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="98" />
        <source>Office:</source>
        <translation>Отделение:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="99" />
        <source>Registered on:</source>
        <translation>Дата постановки на учёт:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="100" />
        <source>Responsible specialist:</source>
        <translation>Ответственный специалист:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="101" />
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="102" />
        <source>E-mail:</source>
        <translation>Эл. почта:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="104" />
        <source>Notes</source>
        <translation>Примечания</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_family.py" line="182" />
        <source>{km} km from the office</source>
        <translation>{km} км от отделения</translation>
    </message>
</context>
<context>
    <name>FamilyTableModel</name>
    <message>
        <location filename="../../src/ui/families/table_model.py" line="44" />
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/table_model.py" line="45" />
        <source>District</source>
        <translation>Район</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/table_model.py" line="46" />
        <source>Settlement</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/table_model.py" line="47" />
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/table_model.py" line="48" />
        <source>Categories</source>
        <translation>Категории</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/table_model.py" line="49" />
        <source>Children</source>
        <translation>Дети</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/table_model.py" line="50" />
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/table_model.py" line="51" />
        <source>Registered</source>
        <translation>На учёте с</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/table_model.py" line="134" />
        <source>Has a disabled child</source>
        <translation>Есть ребёнок-инвалид</translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <location filename="../../src/ui/generated_files.py" line="47" />
        <source>Look in:</source>
        <translation>Папка:</translation>
    </message>
    <message>
        <location filename="../../src/ui/generated_files.py" line="48" />
        <source>Files of type:</source>
        <translation>Тип файлов:</translation>
    </message>
    <message>
        <location filename="../../src/ui/generated_files.py" line="49" />
        <source>File name:</source>
        <translation>Имя файла:</translation>
    </message>
    <message>
        <location filename="../../src/ui/generated_files.py" line="50" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/generated_files.py" line="62" />
        <source>Choose</source>
        <translation>Выбрать</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="51" />
        <source>File to import</source>
        <translation>Файл для импорта</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="52" />
        <source>An Excel workbook (.xlsx, .xls) or a CSV table; nothing is written before the preview.</source>
        <translation>Книга Excel (.xlsx, .xls) или таблица CSV; до просмотра ничего не записывается.</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="55" />
        <source>Families and people (registry)</source>
        <translation>Семьи и люди (реестр)</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="56" />
        <source>Journal of past sessions</source>
        <translation>Журнал проведённых занятий</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="56" />
        <source>Journal of home visits</source>
        <translation>Журнал посещений семей</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="61" />
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="67" />
        <source>first sheet</source>
        <translation>первый лист</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="69" />
        <source>What to import</source>
        <translation>Что импортировать</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="70" />
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="71" />
        <source>Sheet</source>
        <translation>Лист</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="74" />
        <source>Choose a file</source>
        <translation>Выбор файла</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="75" />
        <source>Tables (*.xlsx *.xls *.csv *.txt)</source>
        <translation>Таблицы (*.xlsx *.xls *.csv *.txt)</translation>
    </message>
</context>
<context>
    <name>FilesTab</name>
    <message>
        <location filename="../../src/ui/events/files.py" line="68" />
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/files.py" line="68" />
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/files.py" line="68" />
        <source>Added on</source>
        <translation>Дата добавления</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/files.py" line="78" />
        <source>Attach files…</source>
        <translation>Прикрепить файлы…</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/files.py" line="80" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/files.py" line="82" />
        <location filename="../../src/ui/events/files.py" line="162" />
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/files.py" line="84" />
        <source>Files are copied into the program's data folder; up to 50 MB each.</source>
        <translation>Файлы копируются в папку данных программы; размер каждого — до 50 МБ.</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/files.py" line="121" />
        <source>Attach files to the event</source>
        <translation>Прикрепление файлов к мероприятию</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/files.py" line="159" />
        <source>Remove file</source>
        <translation>Удаление файла</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/files.py" line="160" />
        <source>Remove the file «{name}» from the event? The stored copy is deleted.</source>
        <translation>Удалить файл «{name}» из мероприятия? Сохранённая копия будет удалена.</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/files.py" line="163" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../src/ui/first_run.py" line="251" />
        <source>Opora — first start</source>
        <translation>Опора — первый запуск</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="264" />
        <source>Next &gt;</source>
        <translation>Далее &gt;</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="265" />
        <source>&lt; Back</source>
        <translation>&lt; Назад</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="266" />
        <source>Finish</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="267" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="290" />
        <source>The passwords do not match.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../src/ui/forms.py" line="370" />
        <source>OK</source>
        <translation>ОК</translation>
    </message>
    <message>
        <location filename="../../src/ui/forms.py" line="370" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/forms.py" line="416" />
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../../src/ui/forms.py" line="416" />
        <source>You have changed this form. Save the changes?</source>
        <translation>В форме есть изменения. Сохранить их?</translation>
    </message>
    <message>
        <location filename="../../src/ui/forms.py" line="417" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../src/ui/forms.py" line="418" />
        <source>Don't save</source>
        <translation>Не сохранять</translation>
    </message>
    <message>
        <location filename="../../src/ui/forms.py" line="419" />
        <source>Continue editing</source>
        <translation>Продолжить редактирование</translation>
    </message>
    <message>
        <location filename="../../src/ui/forms.py" line="451" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../../src/ui/help.py" line="30" />
        <source>Opora — user guide</source>
        <translation>Опора — руководство пользователя</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../src/ui/families/card_history.py" line="23" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_history.py" line="24" />
        <source>Type</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_history.py" line="25" />
        <source>Details</source>
        <translation>Сведения</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/ui/families/card_history.py" line="51" />
        <source>Records: %n</source>
        <translation>
            <numerusform>Записей: %n</numerusform>
            <numerusform>Записей: %n</numerusform>
            <numerusform>Записей: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_history.py" line="52" />
        <source>No visits, sessions or events recorded for this family yet.</source>
        <translation>У семьи пока нет записанных визитов, занятий и мероприятий.</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <location filename="../../src/ui/first_run.py" line="61" />
        <source>Regional centre or office</source>
        <translation>Региональный центр или отделение</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="62" />
        <source>Offices without internet exchange packages with the regional centre. This is chosen once and does not change afterwards.</source>
        <translation>Отделения без интернета обмениваются пакетами с региональным центром. Это выбирается один раз и потом не меняется.</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="64" />
        <source>Regional centre (or a centre working on its own)</source>
        <translation>Региональный центр (или центр, работающий без отделений)</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="65" />
        <source>Office of a regional centre</source>
        <translation>Отделение регионального центра</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="73" />
        <source>empty: load it later in Data exchange</source>
        <translation>пусто — загрузить позже в разделе «Обмен данными»</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="74" />
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="78" />
        <source>An office's code and name come from the key file the regional centre issues when it registers the office. Without the file now, load it later in Data exchange → «Load the office key…».</source>
        <translation>Код и название отделения берутся из файла ключа, который региональный центр выдаёт при регистрации отделения. Если файла пока нет, загрузите его позже: «Обмен данными» → «Загрузить ключ отделения…».</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="88" />
        <source>Centre code:</source>
        <translation>Код центра:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="89" />
        <source>Centre name:</source>
        <translation>Название центра:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="91" />
        <source>Office key file:</source>
        <translation>Файл ключа отделения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="110" />
        <source>The office key file</source>
        <translation>Файл ключа отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="111" />
        <source>Opora exchange key (*.opora-key);;All files (*)</source>
        <translation>Ключ обмена «Опоры» (*.opora-key);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../src/ui/importing/wizard.py" line="69" />
        <source>Import from Excel</source>
        <translation>Импорт из Excel</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/wizard.py" line="77" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/wizard.py" line="121" />
        <source>Reading the file</source>
        <translation>Чтение файла</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/wizard.py" line="147" />
        <source>Checking the rows</source>
        <translation>Проверка строк</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/wizard.py" line="190" />
        <source>The import was stopped. Rows written before the stop are kept; import the same file again to add the rest — nothing is repeated.</source>
        <translation>Импорт остановлен. Строки, записанные до остановки, сохранены; импортируйте тот же файл ещё раз, чтобы дописать остальное, — ничего не повторится.</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/wizard.py" line="193" />
        <source>Importing</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/wizard.py" line="204" />
        <source>Save the error report</source>
        <translation>Сохранить отчёт об ошибках</translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="36" />
        <source>Programme indicators</source>
        <translation>Показатели комплекса мер</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="37" />
        <source>The indicators of the regional «комплекс мер». The report «Programme indicators» takes each one's actual value for its period from the chosen count of the data.</source>
        <translation>Показатели регионального комплекса мер. Отчёт «Показатели комплекса мер» берёт фактическое значение каждого за свой период из выбранного подсчёта по данным.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="41" />
        <location filename="../../src/ui/admin/indicators_page.py" line="56" />
        <source>Indicator</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="42" />
        <source>Unit</source>
        <translation>Единица</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="43" />
        <source>At start</source>
        <translation>На начало</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="44" />
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="45" />
        <source>Actual value from</source>
        <translation>Фактическое значение из</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="56" />
        <source>New indicator</source>
        <translation>Новый показатель</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="58" />
        <source>Name:</source>
        <translation>Наименование:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="59" />
        <source>Unit:</source>
        <translation>Единица измерения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="60" />
        <source>Value at start:</source>
        <translation>Значение на начало:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="61" />
        <source>Planned value:</source>
        <translation>Плановое значение:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="62" />
        <source>Actual value from:</source>
        <translation>Фактическое значение из:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="63" />
        <source>Order in the report:</source>
        <translation>Порядок в отчёте:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="66" />
        <source>e.g. families, persons, %</source>
        <translation>например: семей, человек, %</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="68" />
        <source>e.g. 120 or 12,5</source>
        <translation>например 120 или 12,5</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="82" />
        <source>Value at start: enter a number, e.g. 120 or 12,5.</source>
        <translation>Поле «Значение на начало»: укажите число, например 120 или 12,5.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/indicators_page.py" line="83" />
        <source>Planned value: enter a number, e.g. 120 or 12,5.</source>
        <translation>Поле «Плановое значение»: укажите число, например 120 или 12,5.</translation>
    </message>
</context>
<context>
    <name>InstrumentDialog</name>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="51" />
        <source>Area</source>
        <translation>Область</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="51" />
        <source>Criterion</source>
        <translation>Критерий</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="52" />
        <source>From</source>
        <translation>От</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="52" />
        <source>To</source>
        <translation>До</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="53" />
        <source>Better is</source>
        <translation>Лучше</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="54" />
        <source>Labels of the steps (separated by ;)</source>
        <translation>Подписи шагов шкалы (через ;)</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="59" />
        <source>Assessment instrument</source>
        <translation>Методика оценки</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="59" />
        <source>New assessment instrument</source>
        <translation>Новая методика оценки</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="65" />
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="65" />
        <source>Child</source>
        <translation>Ребёнок</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="66" />
        <source>In use (offered in new assessments)</source>
        <translation>Используется (предлагается в новых оценках)</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="67" />
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="68" />
        <source>Whom it assesses:</source>
        <translation>Кого оценивают:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="78" />
        <source>Add criterion</source>
        <translation>Добавить критерий</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="79" />
        <source>Remove criterion</source>
        <translation>Удалить критерий</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="80" />
        <source>Up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="81" />
        <source>Down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="88" />
        <source>Consecutive rows with the same area make one area.</source>
        <translation>Идущие подряд строки с одинаковой областью образуют одну область.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="126" />
        <source>higher</source>
        <translation>больший балл</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="127" />
        <source>lower</source>
        <translation>меньший балл</translation>
    </message>
</context>
<context>
    <name>InstrumentsPage</name>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="211" />
        <source>Assessment instruments</source>
        <translation>Методики оценки</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="213" />
        <source>The instruments specialists assess families and children with at intake, at reviews and at closing; the effectiveness report compares the first and the last assessment. A criterion already used is switched off, not deleted, when removed.</source>
        <translation>Методики, по которым специалисты оценивают семьи и детей при приёме, при пересмотре и при закрытии сопровождения; отчёт об эффективности сравнивает первую и последнюю оценку. Уже использованный критерий при удалении отключается, а не удаляется.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="219" />
        <source>Instrument</source>
        <translation>Методика</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="219" />
        <source>Whom</source>
        <translation>Кого оценивают</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="219" />
        <source>Areas</source>
        <translation>Областей</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="220" />
        <source>In use</source>
        <translation>Используется</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="226" />
        <source>New instrument…</source>
        <translation>Новая методика…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="227" />
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="243" />
        <source>Only the administrator edits the instruments.</source>
        <translation>Изменять методики оценки может только администратор.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="256" />
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="256" />
        <source>Child</source>
        <translation>Ребёнок</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="258" />
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/instruments_page.py" line="258" />
        <source>no</source>
        <translation>нет</translation>
    </message>
</context>
<context>
    <name>IppsuDialog</name>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="59" />
        <source>Kind</source>
        <translation>Вид услуг</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="60" />
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="61" />
        <source>Volume</source>
        <translation>Объём</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="62" />
        <source>Periodicity</source>
        <translation>Периодичность</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="63" />
        <source>Term</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="64" />
        <source>Provider</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="65" />
        <source>Done</source>
        <translation>Отметка о выполнении</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="73" />
        <source>Services of the IPPSU {number} of {day}</source>
        <translation>Услуги ИППСУ {number} от {day}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="82" />
        <source>e.g. 24 services</source>
        <translation>например, 24 услуги</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="83" />
        <source>e.g. twice a week</source>
        <translation>например, 2 раза в неделю</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="86" />
        <source>empty: the centre itself</source>
        <translation>пусто — сам центр</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="87" />
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="89" />
        <source>New service of the programme</source>
        <translation>Новая услуга программы</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="91" />
        <source>Service:</source>
        <translation>Услуга:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="91" />
        <source>Volume:</source>
        <translation>Объём:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="92" />
        <source>Periodicity:</source>
        <translation>Периодичность:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="92" />
        <source>From:</source>
        <translation>Срок: с</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="93" />
        <source>To:</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="93" />
        <source>Provider:</source>
        <translation>Поставщик:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="102" />
        <source>What was done (optional)</source>
        <translation>Что сделано (необязательно)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="103" />
        <source>Mark done</source>
        <translation>Отметить выполнение</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="105" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="108" />
        <source>Selected row done on:</source>
        <translation>Выбранная услуга выполнена:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="113" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/ippsu_dialog.py" line="174" />
        <source>Enter the date the service was done.</source>
        <translation>Укажите дату выполнения услуги.</translation>
    </message>
</context>
<context>
    <name>ItemsScreen</name>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="47" />
        <source>Rename</source>
        <translation>Переименовать</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="50" />
        <source>Move up the list</source>
        <translation>Переместить вверх</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="53" />
        <source>Move down the list</source>
        <translation>Переместить вниз</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="59" />
        <source>{rule}. Entries can only be renamed.</source>
        <translation>{rule}. Записи можно только переименовывать.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="64" />
        <source>Entries in use cannot be deleted: deactivate them to hide them from choice lists. The order here is the order of choice lists and reports.</source>
        <translation>Используемые записи удалить нельзя — отключите их, чтобы скрыть из списков выбора. Порядок записей здесь задаёт порядок в списках выбора и отчётах.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="69" />
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="70" />
        <source>Short name</source>
        <translation>Краткое наименование</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="71" />
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="99" />
        <source>New entry: {dictionary}</source>
        <translation>Новая запись: {dictionary}</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="99" />
        <source>Rename entry: {dictionary}</source>
        <translation>Переименование записи: {dictionary}</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="103" />
        <source>Name:</source>
        <translation>Наименование:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="104" />
        <source>Short name:</source>
        <translation>Краткое наименование:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="105" />
        <source>Code:</source>
        <translation>Код:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="107" />
        <source>for narrow table columns, optional</source>
        <translation>для узких столбцов таблиц, необязательно</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="109" />
        <source>made from the name when left empty</source>
        <translation>если не указан, формируется из наименования</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/items_screen.py" line="115" />
        <source>The code is a stable identifier used by reports: it does not change</source>
        <translation>Код — постоянный идентификатор для отчётов, он не меняется</translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="303" />
        <source>Member leaves the family</source>
        <translation>Выбытие из состава семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="305" />
        <source>{name} leaves the family. The person's record and history are kept.</source>
        <translation>{name} выбывает из состава семьи. Личная карточка и история сохранятся.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="310" />
        <source>Date of leaving:</source>
        <translation>Дата выбытия:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="313" />
        <source>Remove from family</source>
        <translation>Исключить из состава семьи</translation>
    </message>
</context>
<context>
    <name>ListScreen</name>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="71" />
        <source>Inactive: hidden from choice lists, kept in saved records</source>
        <translation>Запись отключена: скрыта из списков выбора, в сохранённых данных остаётся</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="103" />
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="105" />
        <source>Edit</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="107" />
        <location filename="../../src/ui/dictionaries/list_screen.py" line="284" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="109" />
        <location filename="../../src/ui/dictionaries/list_screen.py" line="300" />
        <source>Deactivate</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="110" />
        <source>Hide from choice lists; saved records keep the entry</source>
        <translation>Скрыть из списков выбора; в сохранённых данных запись останется</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="112" />
        <source>Reactivate</source>
        <translation>Включить</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="114" />
        <source>Show inactive</source>
        <translation>Показывать отключённые</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="207" />
        <source>Entries: {shown}</source>
        <translation>Записей: {shown}</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="209" />
        <source>Entries: {shown} (inactive hidden: {hidden})</source>
        <translation>Записей: {shown} (скрыто отключённых: {hidden})</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="281" />
        <source>Delete entry</source>
        <translation>Удаление записи</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="282" />
        <source>Delete «{name}»? An entry that is already used cannot be deleted; it can be deactivated instead.</source>
        <translation>Удалить «{name}»? Запись, которая уже используется, удалить нельзя — её можно только отключить.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="285" />
        <location filename="../../src/ui/dictionaries/list_screen.py" line="302" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/list_screen.py" line="299" />
        <source>Entry cannot be deleted</source>
        <translation>Запись нельзя удалить</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../src/ui/lock.py" line="80" />
        <source>Opora is locked</source>
        <translation>Опора заблокирована</translation>
    </message>
    <message>
        <location filename="../../src/ui/lock.py" line="82" />
        <source>Signed in: {name}</source>
        <translation>Вход выполнен: {name}</translation>
    </message>
    <message>
        <location filename="../../src/ui/lock.py" line="83" />
        <source>Enter the password to continue.</source>
        <translation>Введите пароль, чтобы продолжить.</translation>
    </message>
    <message>
        <location filename="../../src/ui/lock.py" line="92" />
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <location filename="../../src/ui/lock.py" line="94" />
        <source>Switch user…</source>
        <translation>Сменить пользователя…</translation>
    </message>
    <message>
        <location filename="../../src/ui/lock.py" line="114" />
        <source>Enter your password.</source>
        <translation>Введите пароль.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../src/ui/login.py" line="35" />
        <source>Opora — sign in</source>
        <translation>Опора — вход</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="38" />
        <source>Opora</source>
        <translation>Опора</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="58" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="59" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="60" />
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="60" />
        <source>Exit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="71" />
        <source>Opening the database…</source>
        <translation>Открываем базу данных…</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="91" />
        <source>Database: {location}</source>
        <translation>База данных: {location}</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="94" />
        <source>Demo database. Login: {login}, password: {password}</source>
        <translation>Демонстрационная база. Логин: {login}, пароль: {password}</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="110" />
        <source>Enter your login and password.</source>
        <translation>Введите логин и пароль.</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="112" />
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/ui/main_window.py" line="67" />
        <source>Opora</source>
        <translation>Опора</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="78" />
        <source>This section arrives in a later version of Opora.</source>
        <translation>Этот раздел появится в следующей версии «Опоры».</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="81" />
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="82" />
        <source>Families</source>
        <translation>Семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="83" />
        <source>Visits and trips</source>
        <translation>Визиты и выезды</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="84" />
        <source>Sessions</source>
        <translation>Занятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="85" />
        <source>Events</source>
        <translation>Мероприятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="86" />
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="87" />
        <source>Dictionaries</source>
        <translation>Справочники</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="88" />
        <source>Data exchange</source>
        <translation>Обмен данными</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="89" />
        <source>Administration</source>
        <translation>Администрирование</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="129" />
        <source>User: {name} ({role})</source>
        <translation>Пользователь: {name} ({role})</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="130" />
        <source>Office: {office}</source>
        <translation>Отделение: {office}</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="133" />
        <source>Database: {location}</source>
        <translation>База данных: {location}</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="143" />
        <source>&amp;User</source>
        <translation>&amp;Пользователь</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="144" />
        <source>Change password…</source>
        <translation>Сменить пароль…</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="146" />
        <source>Lock</source>
        <translation>Заблокировать</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="147" />
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="149" />
        <source>Switch user…</source>
        <translation>Сменить пользователя…</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="152" />
        <source>Exit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="154" />
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="155" />
        <source>User guide</source>
        <translation>Руководство пользователя</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="161" />
        <source>About Opora…</source>
        <translation>О программе…</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="204" />
        <source>This is your first sign-in.</source>
        <translation>Это ваш первый вход.</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="207" />
        <source>Previous sign-in: {time}.</source>
        <translation>Предыдущий вход: {time}.</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="209" />
        <source>Failed attempts: {count} — if not you, tell the administrator.</source>
        <translation>Неудачных попыток входа: {count} — если это были не вы, сообщите администратору.</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="219" />
        <source>Your password was changed.</source>
        <translation>Пароль изменён.</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="228" />
        <source>Close the open windows first (save or discard their changes).</source>
        <translation>Сначала закройте открытые окна (сохраните или отмените изменения в них).</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="91" />
        <source>Columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="92" />
        <source>Which column holds what. Proposed from the headers; correct where needed.</source>
        <translation>Что в каком столбце. Предложено по заголовкам; исправьте, где нужно.</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="96" />
        <source>Column in the file</source>
        <translation>Столбец файла</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="96" />
        <source>First values</source>
        <translation>Первые значения</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="97" />
        <source>Imported as</source>
        <translation>Импортировать как</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="100" />
        <source>Remember this mapping for files with the same columns</source>
        <translation>Запомнить сопоставление для файлов с такими же столбцами</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="104" />
        <source>Support for new families without a «Kind of support» column:</source>
        <translation>Сопровождение для новых семей, если в файле нет столбца «Вид сопровождения»:</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="119" />
        <source>Header found in rows %1–%2 of sheet «%3»; %4 data rows below it.</source>
        <translation>Заголовок найден в строках %1–%2 листа «%3»; ниже него строк с данными: %4.</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="127" />
        <source>(column %1)</source>
        <translation>(столбец %1)</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="132" />
        <source>— not imported —</source>
        <translation>— не импортировать —</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="141" />
        <source>— do not open support —</source>
        <translation>— не открывать сопровождение —</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="117" />
        <source>Family member</source>
        <translation>Член семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="117" />
        <source>New family member</source>
        <translation>Новый член семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="139" />
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="139" />
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="143" />
        <source>12 digits</source>
        <translation>12 цифр</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="144" />
        <source>16 digits</source>
        <translation>16 цифр</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="149" />
        <source>Legal representative of the children</source>
        <translation>Законный представитель детей</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="155" />
        <source>Last name:</source>
        <translation>Фамилия:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="156" />
        <source>First name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="157" />
        <source>Patronymic:</source>
        <translation>Отчество:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="158" />
        <source>Sex:</source>
        <translation>Пол:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="159" />
        <source>Birth date:</source>
        <translation>Дата рождения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="160" />
        <source>SNILS:</source>
        <translation>СНИЛС:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="161" />
        <source>INN:</source>
        <translation>ИНН:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="162" />
        <source>OMS policy:</source>
        <translation>Полис ОМС:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="163" />
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="164" />
        <source>Role in the family:</source>
        <translation>Роль в семье:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="219" />
        <source>An already registered person; their data are edited in their own card.</source>
        <translation>Человек уже зарегистрирован; его данные изменяются в его личной карточке.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/member_dialog.py" line="234" />
        <source>Choose the role of the person in the family.</source>
        <translation>Выберите роль человека в семье.</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="29" />
        <source>valid</source>
        <translation>действует</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="30" />
        <source>expired</source>
        <translation>истекло</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="31" />
        <source>withdrawn</source>
        <translation>отозвано</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="32" />
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="33" />
        <source>after saving</source>
        <translation>после сохранения</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="51" />
        <source>{day} ({months} mo.)</source>
        <translation>{day} ({months} мес.)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="53" />
        <source>{day} ({age} y.)</source>
        <translation>{day} ({age} л.)</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="60" />
        <source>{role}, left {day}</source>
        <translation>{role}, выбыл(а) {day}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="67" />
        <source>disabled child</source>
        <translation>ребёнок-инвалид</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="69" />
        <source>SEN</source>
        <translation>ОВЗ</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="72" />
        <source>health group {group}</source>
        <translation>группа здоровья {group}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="74" />
        <source>early help</source>
        <translation>ранняя помощь</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="84" />
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="85" />
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="86" />
        <source>Birth date</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="87" />
        <source>SNILS</source>
        <translation>СНИЛС</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="88" />
        <source>Legal repr.</source>
        <translation>Зак. пред.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="90" />
        <source>Consent</source>
        <translation>Согласие</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="91" />
        <source>Child</source>
        <translation>Сведения о ребёнке</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="107" />
        <source>Add member</source>
        <translation>Добавить члена семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="108" />
        <source>Edit</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="109" />
        <source>Remove</source>
        <translation>Исключить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="110" />
        <source>The member leaves the family on a date; history is kept</source>
        <translation>Член семьи выбывает из состава с указанной даты; история сохраняется</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="111" />
        <source>Child profile…</source>
        <translation>Профиль ребёнка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="112" />
        <source>Documents…</source>
        <translation>Документы…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_members.py" line="113" />
        <source>Passport, birth certificate and other identity documents</source>
        <translation>Паспорт, свидетельство о рождении и другие документы, удостоверяющие личность</translation>
    </message>
</context>
<context>
    <name>OfficeDialog</name>
    <message>
        <location filename="../../src/ui/exchange/setup_dialogs.py" line="48" />
        <source>Register an office</source>
        <translation>Регистрация отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/setup_dialogs.py" line="48" />
        <source>Register and save the key…</source>
        <translation>Зарегистрировать и сохранить ключ…</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/setup_dialogs.py" line="49" />
        <source>The office's key file is written next: hand it to the office (it is secret).</source>
        <translation>Затем будет записан файл ключа отделения: передайте его в отделение (он секретный).</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/setup_dialogs.py" line="56" />
        <source>Save the office key</source>
        <translation>Сохранить ключ отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/setup_dialogs.py" line="58" />
        <source>Opora exchange key (*.opora-key)</source>
        <translation>Ключ обмена «Опоры» (*.opora-key)</translation>
    </message>
</context>
<context>
    <name>OfficesScreen</name>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="43" />
        <source>Offices</source>
        <translation>Отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="44" />
        <source>Close office</source>
        <translation>Закрыть отделение</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="45" />
        <source>The office leaves choice lists; its families, staff and history stay as they are</source>
        <translation>Отделение исчезнет из списков выбора; его семьи, сотрудники и история останутся без изменений</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="47" />
        <source>Reopen</source>
        <translation>Открыть снова</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="48" />
        <source>Show closed</source>
        <translation>Показывать закрытые</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="52" />
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="66" />
        <source>Office</source>
        <translation>Отделение</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="53" />
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="54" />
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="55" />
        <source>Main</source>
        <translation>Головное</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="66" />
        <source>New office</source>
        <translation>Новое отделение</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="68" />
        <source>Name:</source>
        <translation>Наименование:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="69" />
        <source>Address:</source>
        <translation>Адрес:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="70" />
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="71" />
        <source>Main office</source>
        <translation>Головное отделение</translation>
    </message>
</context>
<context>
    <name>OrganizationPage</name>
    <message>
        <location filename="../../src/ui/first_run.py" line="40" />
        <source>Your organisation</source>
        <translation>Ваша организация</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="41" />
        <source>The name appears in report headings; the office is where this computer works.</source>
        <translation>Название будет в заголовках отчётов; отделение — то, где работает этот компьютер.</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="44" />
        <source>e.g. Centre for social help to families and children</source>
        <translation>например, Центр социальной помощи семье и детям</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="49" />
        <source>Organisation:</source>
        <translation>Организация:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="50" />
        <source>Office:</source>
        <translation>Отделение:</translation>
    </message>
</context>
<context>
    <name>OrganizationScreen</name>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="106" />
        <source>Full name:</source>
        <translation>Полное наименование:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="107" />
        <source>Short name:</source>
        <translation>Краткое наименование:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="108" />
        <source>INN:</source>
        <translation>ИНН:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="109" />
        <source>Address:</source>
        <translation>Адрес:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="110" />
        <source>Director (full name):</source>
        <translation>Руководитель (ФИО):</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="114" />
        <source>as in the charter; used in report headings</source>
        <translation>как в уставе; используется в заголовках отчётов</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="115" />
        <source>Save details</source>
        <translation>Сохранить реквизиты</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="127" />
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="180" />
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/organization_screen.py" line="180" />
        <source>Nothing to save: no changes.</source>
        <translation>Сохранять нечего: изменений нет.</translation>
    </message>
</context>
<context>
    <name>PaperDialog</name>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="85" />
        <source>Decision on recognising the need for social services</source>
        <translation>Решение о признании нуждающимся в социальном обслуживании</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="86" />
        <source>Contract on providing social services</source>
        <translation>Договор о предоставлении социальных услуг</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="87" />
        <source>Act of urgent social services</source>
        <translation>Акт о предоставлении срочных социальных услуг</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="101" />
        <source>— not tied to a programme —</source>
        <translation>— без программы —</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="104" />
        <source>of {day}</source>
        <translation>от {day}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="112" />
        <source>Number:</source>
        <translation>Номер:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="113" />
        <source>Date:</source>
        <translation>Дата:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="114" />
        <source>Recipient:</source>
        <translation>Получатель:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="116" />
        <source>Application of:</source>
        <translation>Заявление от:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="118" />
        <source>Programme (IPPSU):</source>
        <translation>Программа (ИППСУ):</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="119" />
        <source>Form of social service:</source>
        <translation>Форма социального обслуживания:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="121" />
        <source>Valid until:</source>
        <translation>Срок действия до:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="122" />
        <source>Terminated on:</source>
        <translation>Расторгнут:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="127" />
        <source>Urgent services given (service, date, quantity):</source>
        <translation>Предоставленные срочные услуги (услуга, дата, количество):</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="131" />
        <source>Add a service</source>
        <translation>Добавить услугу</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="135" />
        <source>Notes:</source>
        <translation>Примечание:</translation>
    </message>
</context>
<context>
    <name>PapersTab</name>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="27" />
        <source>Decision on need</source>
        <translation>Решение о нуждаемости</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="28" />
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="29" />
        <source>Urgent services act</source>
        <translation>Акт срочных услуг</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="42" />
        <source>until {day}</source>
        <translation>до {day}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="44" />
        <source>terminated on {day}</source>
        <translation>расторгнут {day}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="51" />
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="52" />
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="53" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="54" />
        <source>Recipient</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="55" />
        <source>Programme</source>
        <translation>Программа</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="56" />
        <source>Details</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="70" />
        <source>Decision…</source>
        <translation>Решение…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="71" />
        <source>Contract…</source>
        <translation>Договор…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="72" />
        <source>Urgent services act…</source>
        <translation>Акт срочных услуг…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="73" />
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="74" />
        <location filename="../../src/ui/families/card_papers.py" line="141" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="75" />
        <source>Make the document</source>
        <translation>Сформировать</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="84" />
        <source>The decision on need, the contract (concluded on an IPPSU) and the act of urgent social services of 442-FZ. The IPPSU itself is made on the «Support» tab.</source>
        <translation>Решение о признании нуждающимся, договор (заключается на основании ИППСУ) и акт о предоставлении срочных социальных услуг по 442-ФЗ. Саму ИППСУ формируют на вкладке «Сопровождение».</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="138" />
        <source>Delete the document</source>
        <translation>Удаление документа</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="139" />
        <source>Delete {kind} № {number} of {day}? Use this for a record entered by mistake.</source>
        <translation>Удалить {kind} № {number} от {day}? Удаляйте только запись, внесённую по ошибке.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="142" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="155" />
        <source>Making the document…</source>
        <translation>Документ формируется…</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/card_papers.py" line="162" />
        <source>The document is saved: {path}</source>
        <translation>Документ сохранён: {path}</translation>
    </message>
</context>
<context>
    <name>ParticipantsTab</name>
    <message>
        <location filename="../../src/ui/events/participants.py" line="64" />
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="67" />
        <source>Specialists</source>
        <translation>Специалисты</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="67" />
        <source>Parents</source>
        <translation>Родители</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="68" />
        <source>Children</source>
        <translation>Дети</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="68" />
        <source>Others</source>
        <translation>Другие</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="69" />
        <source>In person</source>
        <translation>Очно</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="69" />
        <source>Online</source>
        <translation>Онлайн</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="70" />
        <source>Municipal districts represented</source>
        <translation>Представлено муниципальных образований</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="71" />
        <source>Regions (subjects of the RF) represented</source>
        <translation>Представлено субъектов РФ</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="87" />
        <source>Families from the registry</source>
        <translation>Семьи из реестра</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="89" />
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="89" />
        <source>Attended</source>
        <translation>Явка</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="96" />
        <source>Add families…</source>
        <translation>Добавить семьи…</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="98" />
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="128" />
        <source>Total participants: {total}</source>
        <translation>Всего участников: {total}</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="130" />
        <source>In person {in_person} + online {online} = {sum}, but the participants by category add up to {total}.</source>
        <translation>Очно {in_person} + онлайн {online} = {sum}, а по категориям участников — {total}.</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="138" />
        <source>In person {in_person} + online {online} = {total}</source>
        <translation>Очно {in_person} + онлайн {online} = {total}</translation>
    </message>
    <message>
        <location filename="../../src/ui/events/participants.py" line="177" />
        <source>Families: {count}, attended: {came}</source>
        <translation>Семей: {count}, присутствовали: {came}</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../src/ui/password_dialog.py" line="30" />
        <location filename="../../src/ui/password_dialog.py" line="50" />
        <source>Change password</source>
        <translation>Смена пароля</translation>
    </message>
    <message>
        <location filename="../../src/ui/password_dialog.py" line="33" />
        <source>An administrator has set a temporary password for you. Choose your own password to continue.</source>
        <translation>Администратор задал вам временный пароль. Чтобы продолжить, придумайте свой пароль.</translation>
    </message>
    <message>
        <location filename="../../src/ui/password_dialog.py" line="38" />
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <location filename="../../src/ui/password_dialog.py" line="39" />
        <source>At least 8 characters, with both letters and digits.</source>
        <translation>Не короче 8 символов, буквы и цифры.</translation>
    </message>
    <message>
        <location filename="../../src/ui/password_dialog.py" line="45" />
        <source>Current password:</source>
        <translation>Текущий пароль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/password_dialog.py" line="46" />
        <source>New password:</source>
        <translation>Новый пароль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/password_dialog.py" line="47" />
        <source>Repeat the new password:</source>
        <translation>Повторите новый пароль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/password_dialog.py" line="56" />
        <source>The two new passwords differ — type the same password twice.</source>
        <translation>Новые пароли не совпадают — введите один и тот же пароль дважды.</translation>
    </message>
</context>
<context>
    <name>PeriodLockBar</name>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="140" />
        <location filename="../../src/ui/reports/period_lock.py" line="206" />
        <location filename="../../src/ui/reports/period_lock.py" line="210" />
        <source>Mark as submitted</source>
        <translation>Отметить как сданный</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="141" />
        <source>Keep the figures as submitted; the quarter's records in these offices become read-only</source>
        <translation>Сохранить цифры как сданные; записи квартала в этих отделениях станут только для чтения</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="143" />
        <source>Reopen the period…</source>
        <translation>Открыть период…</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="144" />
        <source>Compare with submitted…</source>
        <translation>Сравнить со сданным…</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="191" />
        <source>The quarter's report is not marked as submitted.</source>
        <translation>Отчёт за квартал не отмечен как сданный.</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="207" />
        <source>Mark the report for {title} as submitted? The figures are kept as they are now, and the records of the quarter in these offices become read-only until an administrator reopens the period.</source>
        <translation>Отметить отчёт за {title} как сданный? Цифры сохранятся такими, как сейчас, а записи квартала в этих отделениях станут только для чтения, пока администратор не откроет период.</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="211" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../src/ui/reports/period_picker.py" line="25" />
        <source>Quarter</source>
        <translation>Квартал</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_picker.py" line="25" />
        <source>Half-year</source>
        <translation>Полугодие</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_picker.py" line="25" />
        <source>9 months</source>
        <translation>9 месяцев</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_picker.py" line="26" />
        <source>Year</source>
        <translation>Год</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_picker.py" line="26" />
        <source>Custom dates</source>
        <translation>Произвольные даты</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_picker.py" line="71" />
        <source>%1 quarter</source>
        <translation>%1 квартал</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_picker.py" line="73" />
        <source>%1 half-year</source>
        <translation>%1 полугодие</translation>
    </message>
</context>
<context>
    <name>PlacesPage</name>
    <message>
        <location filename="../../src/ui/first_run.py" line="136" />
        <source>Districts and settlements</source>
        <translation>Районы и населённые пункты</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="137" />
        <source>Optional: you can skip this and fill the dictionaries later.</source>
        <translation>Необязательно: этот шаг можно пропустить и заполнить справочники позже.</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="141" />
        <source>District</source>
        <translation>Район</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="141" />
        <source>Municipality</source>
        <translation>Поселение</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="141" />
        <source>Settlement</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="141" />
        <source>Distance, km</source>
        <translation>Расстояние, км</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="144" />
        <source>Add row</source>
        <translation>Добавить строку</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="148" />
        <source>Remove row</source>
        <translation>Удалить строку</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="54" />
        <source>Report settings</source>
        <translation>Настройки отчётов</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="64" />
        <source>State assignment plan for %1</source>
        <translation>План государственного задания на %1 год</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="66" />
        <source>The volumes approved for the year, as the state assignment lists them. Reports show them against what was done from 1 January to the period's end; the deviation is measured against the annual volume.</source>
        <translation>Объёмы, утверждённые на год, как они указаны в государственном задании. Отчёты сопоставляют их с исполненным с 1 января по конец периода; отклонение считается от годового объёма.</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="70" />
        <source>Registry entry number</source>
        <translation>Уникальный номер реестровой записи</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="70" />
        <source>Content of the service</source>
        <translation>Содержание услуги</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="71" />
        <source>Measure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="71" />
        <source>Form of service</source>
        <translation>Форма обслуживания</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="72" />
        <source>Approved for the year</source>
        <translation>Утверждено на год</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="72" />
        <source>Allowed deviation, %</source>
        <translation>Допустимое отклонение, %</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="73" />
        <source>Reason for a deviation</source>
        <translation>Причина отклонения</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="81" />
        <source>Add a line</source>
        <translation>Добавить строку</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="83" />
        <source>Remove the line</source>
        <translation>Удалить строку</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="93" />
        <source> km</source>
        <translation> км</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="97" />
        <source>A settlement is remote from:</source>
        <translation>Населённый пункт считается отдалённым от:</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="128" />
        <source>Number of recipients</source>
        <translation>Численность получателей</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="129" />
        <source>Number of services</source>
        <translation>Количество услуг</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="132" />
        <source>All forms</source>
        <translation>Все формы</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/plan_dialog.py" line="150" />
        <source>e.g. 870000О.99.0.АЭ25АА00000</source>
        <translation>например, 870000О.99.0.АЭ25АА00000</translation>
    </message>
</context>
<context>
    <name>PlanItemDialog</name>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="160" />
        <source>New plan row</source>
        <translation>Новое мероприятие плана</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="164" />
        <source>Specialist of the centre</source>
        <translation>Специалист центра</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="165" />
        <source>Other agency</source>
        <translation>Другое ведомство</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="171" />
        <source>— choose —</source>
        <translation>— выберите —</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="180" />
        <source>Case:</source>
        <translation>Сопровождение:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="181" />
        <source>Measure:</source>
        <translation>Мероприятие:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="182" />
        <source>Executor:</source>
        <translation>Исполнитель:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_dialog.py" line="186" />
        <source>Due date:</source>
        <translation>Срок:</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="295" />
        <source>Preview</source>
        <translation>Предварительный просмотр</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="296" />
        <source>What each row will do. Rows already in the database: choose skip, update or create, one by one (double-click the decision) or for all.</source>
        <translation>Что будет с каждой строкой. Для записей, которые уже есть в базе, выберите: пропустить, обновить или создать новую — по одной (двойной щелчок по решению) или для всех сразу.</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="304" />
        <source>Apply to all</source>
        <translation>Применить ко всем</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="308" />
        <source>Rows already in the database:</source>
        <translation>Записи, которые уже есть в базе:</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="311" />
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="311" />
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="311" />
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="311" />
        <source>Why</source>
        <translation>Пояснение</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="311" />
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="326" />
        <location filename="../../src/ui/importing/pages.py" line="380" />
        <location filename="../../src/ui/importing/pages.py" line="384" />
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="338" />
        <source>New: %1, update: %2, duplicates: %3, errors: %4</source>
        <translation>Новых: %1, обновлений: %2, дубликатов: %3, ошибок: %4</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="381" />
        <source>Write to the database: new records %1, updated %2, rows already there that you chose to change: %3. A verified backup is made first. Import now?</source>
        <translation>Будет записано в базу: новых записей — %1, обновлённых — %2, уже имеющихся строк, для которых выбрано изменение, — %3. Перед записью делается проверенная резервная копия. Импортировать сейчас?</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="385" />
        <source>Back to the preview</source>
        <translation>Вернуться к просмотру</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../src/ui/printing.py" line="41" />
        <source>The file {name} cannot be read as a PDF.</source>
        <translation>Файл {name} не читается как PDF.</translation>
    </message>
    <message>
        <location filename="../../src/ui/printing.py" line="45" />
        <source>The printer could not be started.</source>
        <translation>Не удалось начать печать на принтере.</translation>
    </message>
    <message>
        <location filename="../../src/ui/printing.py" line="78" />
        <source>Sent to the printer: {name}</source>
        <translation>Отправлено на печать: {name}</translation>
    </message>
    <message>
        <location filename="../../src/ui/printing.py" line="83" />
        <source>LibreOffice is not installed: the document is opened, print it from there.</source>
        <translation>LibreOffice не установлен: документ открыт, напечатайте его оттуда.</translation>
    </message>
    <message>
        <location filename="../../src/ui/printing.py" line="98" />
        <source>Preparing {name} for printing…</source>
        <translation>Подготовка {name} к печати…</translation>
    </message>
    <message>
        <location filename="../../src/ui/printing.py" line="106" />
        <source>The document could not be prepared for printing.</source>
        <translation>Не удалось подготовить документ к печати.</translation>
    </message>
    <message>
        <location filename="../../src/ui/printing.py" line="123" />
        <source>Print {name}</source>
        <translation>Печать: {name}</translation>
    </message>
    <message>
        <location filename="../../src/ui/printing.py" line="133" />
        <source>Sent to the printer: {name}, pages: {pages}</source>
        <translation>Отправлено на печать: {name}, страниц: {pages}</translation>
    </message>
</context>
<context>
    <name>ProgressRun</name>
    <message>
        <location filename="../../src/ui/progress.py" line="35" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/progress.py" line="56" />
        <source>Stopping…</source>
        <translation>Останавливаем…</translation>
    </message>
</context>
<context>
    <name>RecordsTable</name>
    <message>
        <location filename="../../src/ui/today/chart_records.py" line="35" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/chart_records.py" line="35" />
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/chart_records.py" line="35" />
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/chart_records.py" line="35" />
        <source>Count</source>
        <translation>Количество</translation>
    </message>
</context>
<context>
    <name>RehabCardDialog</name>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="48" />
        <source>Rehabilitation card</source>
        <translation>Реабилитационная карта</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="66" />
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="71" />
        <source>Child</source>
        <translation>Ребёнок</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="73" />
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="75" />
        <source>Folder</source>
        <translation>Папка</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="78" />
        <source>Sessions by service and specialist with attendance, and the session log (after the forms of Order No. 445n).</source>
        <translation>Занятия по услугам и специалистам с отметками о посещении и журнал занятий (по формам приказа № 445н).</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="87" />
        <source>Word (DOCX)</source>
        <translation>Word (DOCX)</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="88" />
        <source>Excel (XLSX)</source>
        <translation>Excel (XLSX)</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="89" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="101" />
        <source>Folder for documents</source>
        <translation>Папка для документов</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="128" />
        <source>Preparing the document…</source>
        <translation>Подготовка документа…</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/card_dialog.py" line="139" />
        <source>Saved: {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
</context>
<context>
    <name>ReopenCaseDialog</name>
    <message>
        <location filename="../../src/ui/families/case_edits.py" line="104" />
        <source>Reopen the support case</source>
        <translation>Возобновление сопровождения</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_edits.py" line="108" />
        <source>Case:</source>
        <translation>Сопровождение:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_edits.py" line="108" />
        <source>{kind}, opened on {opened}, closed on {closed}</source>
        <translation>{kind}, открыто {opened}, закрыто {closed}</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_edits.py" line="110" />
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/case_edits.py" line="112" />
        <source>Reopen the case</source>
        <translation>Возобновить</translation>
    </message>
</context>
<context>
    <name>ReopenPeriodDialog</name>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="65" />
        <source>Reopen the period</source>
        <translation>Открыть период</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="66" />
        <source>{title}, submitted on {day} by {login} ({offices}). Its records become editable again; the reason is kept with the submission and in the audit log.</source>
        <translation>{title}, сдан {day} пользователем {login} ({offices}). Записи периода снова можно будет изменять; причина сохраняется вместе с отметкой о сдаче и в журнале аудита.</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="73" />
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/period_lock.py" line="75" />
        <source>Reopen</source>
        <translation>Открыть период</translation>
    </message>
</context>
<context>
    <name>ReportsSection</name>
    <message>
        <location filename="../../src/ui/reports/section.py" line="80" />
        <source>Save the report</source>
        <translation>Сохранить отчёт</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="118" />
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="122" />
        <source>Quarterly activity report</source>
        <translation>Квартальный отчёт о деятельности</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="122" />
        <source>Events report</source>
        <translation>Отчёт о мероприятиях</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="123" />
        <source>Registry extract</source>
        <translation>Выписка из реестра</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="123" />
        <source>Programme indicators</source>
        <translation>Показатели комплекса мер</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="124" />
        <source>Effectiveness of support</source>
        <translation>Эффективность сопровождения</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="134" />
        <source>Districts:</source>
        <translation>Районы:</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="135" />
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="142" />
        <source>Offices:</source>
        <translation>Отделения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="143" />
        <source>Nothing ticked means all offices and all districts.</source>
        <translation>Если ничего не отмечено — все отделения и все районы.</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="146" />
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="152" />
        <source>Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="152" />
        <source>Word…</source>
        <translation>Word…</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="152" />
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="154" />
        <source>Write the report to a file and open it</source>
        <translation>Записать отчёт в файл и открыть его</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="158" />
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="159" />
        <source>Make the report as PDF and send it through the print dialog</source>
        <translation>Сформировать отчёт в PDF и отправить его на печать</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="164" />
        <source>State assignment plan…</source>
        <translation>План госзадания…</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="277" />
        <source>Counting…</source>
        <translation>Подсчёт…</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="278" />
        <source>Building the report</source>
        <translation>Формирование отчёта</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="288" />
        <source>Built on %1%2</source>
        <translation>Сформирован %1%2</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="321" />
        <source>Writing the report</source>
        <translation>Запись отчёта</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="330" />
        <source>Written: %1</source>
        <translation>Записан файл: %1</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="332" />
        <source>Written: %1. The database is open read-only, so this export is not recorded in the audit log.</source>
        <translation>Записан файл: %1. База данных открыта только для чтения, поэтому выгрузка не записана в журнал аудита.</translation>
    </message>
    <message>
        <location filename="../../src/ui/reports/section.py" line="350" />
        <source>Cancelled: nothing was written.</source>
        <translation>Отменено: ничего не записано.</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="198" />
        <source>Reset password of {login}</source>
        <translation>Сброс пароля {login}</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="203" />
        <source>Temporary password:</source>
        <translation>Временный пароль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="204" />
        <source>Repeat it:</source>
        <translation>Повторите его:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="205" />
        <source>Tell the user this password in person. At the next sign-in Opora asks them to choose their own. A lock after failed attempts is lifted too.</source>
        <translation>Сообщите пароль пользователю лично. При следующем входе «Опора» попросит задать свой. Блокировка после неудачных попыток тоже снимается.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="211" />
        <source>Reset password</source>
        <translation>Сбросить пароль</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="216" />
        <source>The two passwords differ — type the same password twice.</source>
        <translation>Пароли не совпадают — введите один и тот же пароль дважды.</translation>
    </message>
</context>
<context>
    <name>RestoreAtStartDialog</name>
    <message>
        <location filename="../../src/ui/restore_at_start.py" line="37" />
        <source>Opora — the database is damaged</source>
        <translation>Опора — база данных повреждена</translation>
    </message>
    <message>
        <location filename="../../src/ui/restore_at_start.py" line="45" />
        <source>Choose a backup and press «Restore». The damaged file is kept aside, so nothing is lost for good. Backups folder: {folder}</source>
        <translation>Выберите копию и нажмите «Восстановить». Повреждённый файл будет сохранён отдельно, так что ничего не пропадёт безвозвратно. Папка копий: {folder}</translation>
    </message>
    <message>
        <location filename="../../src/ui/restore_at_start.py" line="55" />
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <location filename="../../src/ui/restore_at_start.py" line="56" />
        <source>Work read-only</source>
        <translation>Работать только на просмотр</translation>
    </message>
    <message>
        <location filename="../../src/ui/restore_at_start.py" line="57" />
        <source>Exit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location filename="../../src/ui/restore_at_start.py" line="70" />
        <source>Looking for sound backups…</source>
        <translation>Поиск исправных копий…</translation>
    </message>
    <message>
        <location filename="../../src/ui/restore_at_start.py" line="87" />
        <source>There is no sound backup. Work read-only and ask for help.</source>
        <translation>Исправных копий нет. Работайте в режиме просмотра и обратитесь за помощью.</translation>
    </message>
    <message>
        <location filename="../../src/ui/restore_at_start.py" line="102" />
        <source>Restoring…</source>
        <translation>Идёт восстановление…</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="393" />
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="396" />
        <source>Save the error report…</source>
        <translation>Сохранить отчёт об ошибках…</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="406" />
        <source>Created: %1. Updated: %2. Skipped: %3. Rows with errors: %4.</source>
        <translation>Создано: %1. Обновлено: %2. Пропущено: %3. Строк с ошибками: %4.</translation>
    </message>
</context>
<context>
    <name>SessionEditor</name>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="102" />
        <source>Edit session</source>
        <translation>Изменение занятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="102" />
        <source>New session</source>
        <translation>Новое занятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="103" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="129" />
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="147" />
        <location filename="../../src/ui/rehab/editor.py" line="149" />
        <source>— choose —</source>
        <translation>— выберите —</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="155" />
        <source>Group session</source>
        <translation>Групповое занятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="161" />
        <source>Date, time, duration</source>
        <translation>Дата, время, длительность</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="162" />
        <source>Specialist</source>
        <translation>Специалист</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="163" />
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="164" />
        <source>Delivery mode</source>
        <translation>Способ предоставления</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="165" />
        <source>Children</source>
        <translation>Дети</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="166" />
        <source>Place</source>
        <translation>Место проведения</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="167" />
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="168" />
        <source>Notes</source>
        <translation>Примечания</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="176" />
        <location filename="../../src/ui/rehab/editor.py" line="359" />
        <location filename="../../src/ui/rehab/editor.py" line="360" />
        <source>Cancel session</source>
        <translation>Отменить занятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="177" />
        <location filename="../../src/ui/rehab/editor.py" line="367" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="188" />
        <source>Search a child: surname, name…</source>
        <translation>Поиск ребёнка: фамилия, имя…</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="194" />
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="195" />
        <source>Remove</source>
        <translation>Исключить</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="204" />
        <source>Found (double-click to add):</source>
        <translation>Найдено (двойной щелчок — добавить):</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="207" />
        <source>Taking part:</source>
        <translation>Участвуют:</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="213" />
        <source>Repeat weekly</source>
        <translation>Повторять еженедельно</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="229" />
        <source>for </source>
        <translation>на </translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="230" />
        <source> weeks</source>
        <translation> нед.</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="329" />
        <source>Enter the date of the session.</source>
        <translation>Укажите дату занятия.</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="349" />
        <source>Double booking</source>
        <translation>Пересечение по времени</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="350" />
        <source>{conflict}

Save anyway?</source>
        <translation>{conflict}

Всё равно сохранить?</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="351" />
        <source>Save anyway</source>
        <translation>Всё равно сохранить</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="352" />
        <source>Change</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="359" />
        <source>Cancel this session? It stays in the calendar struck out.</source>
        <translation>Отменить занятие? Оно останется в календаре зачёркнутым.</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="362" />
        <location filename="../../src/ui/rehab/editor.py" line="369" />
        <source>Keep</source>
        <translation>Оставить</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="366" />
        <source>Delete session</source>
        <translation>Удаление занятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/editor.py" line="366" />
        <source>Delete this session entered by mistake?</source>
        <translation>Удалить занятие, внесённое по ошибке?</translation>
    </message>
</context>
<context>
    <name>SessionRow</name>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="75" />
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="77" />
        <source>Remove the session</source>
        <translation>Удалить занятие</translation>
    </message>
</context>
<context>
    <name>SessionStart</name>
    <message>
        <location filename="../../src/ui/session_start.py" line="33" />
        <source>Finishing an import that was interrupted: the report summaries are being rebuilt…
On a large database this can take several minutes: do not switch the computer off.</source>
        <translation>Завершается прерванный импорт: пересчитываются сводные данные отчётов…
На большой базе это может занять несколько минут: не выключайте компьютер.</translation>
    </message>
    <message>
        <location filename="../../src/ui/session_start.py" line="36" />
        <source>Updating the database for this version of Opora…
This is done once. On a large database it can take many minutes: do not switch the computer off.</source>
        <translation>Обновление базы для этой версии «Опоры»…
Это делается один раз. На большой базе это может занять много минут: не выключайте компьютер.</translation>
    </message>
    <message>
        <location filename="../../src/ui/session_start.py" line="55" />
        <source>Opening and checking the database…</source>
        <translation>Открытие и проверка базы данных…</translation>
    </message>
    <message>
        <location filename="../../src/ui/session_start.py" line="65" />
        <location filename="../../src/ui/session_start.py" line="91" />
        <location filename="../../src/ui/session_start.py" line="96" />
        <source>Opora</source>
        <translation>Опора</translation>
    </message>
</context>
<context>
    <name>SessionsScreen</name>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="82" />
        <source>Rehabilitation sessions</source>
        <translation>Реабилитационные занятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="85" />
        <source>By specialist</source>
        <translation>По специалисту</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="86" />
        <source>By child</source>
        <translation>По ребёнку</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="92" />
        <source>Child: surname, name…</source>
        <translation>Ребёнок: фамилия, имя…</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="109" />
        <source>This week</source>
        <translation>Текущая неделя</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="113" />
        <source>Previous week</source>
        <translation>Предыдущая неделя</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="114" />
        <source>Next week</source>
        <translation>Следующая неделя</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="125" />
        <source>New session</source>
        <translation>Новое занятие</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="126" />
        <location filename="../../src/ui/rehab/list_screen.py" line="301" />
        <source>Mark attendance</source>
        <translation>Отметить посещение</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="127" />
        <source>Rehabilitation card</source>
        <translation>Реабилитационная карта</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="129" />
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="134" />
        <source>Select a day (click its header) or sessions in the grid</source>
        <translation>Выберите день (щелчком по заголовку) или занятия в сетке</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="143" />
        <source>planned</source>
        <translation>запланировано</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="143" />
        <source>attended</source>
        <translation>все пришли</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="143" />
        <source>absences</source>
        <translation>есть пропуски</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="144" />
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="217" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="225" />
        <source>Sessions this week: {sessions}, children's places: {children}</source>
        <translation>Занятий на неделе: {sessions}, мест детей на занятиях: {children}</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/list_screen.py" line="302" />
        <source>Select a day (click its header) or sessions in the calendar.</source>
        <translation>Выберите день (щелчком по заголовку) или занятия в календаре.</translation>
    </message>
</context>
<context>
    <name>SettlementsScreen</name>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="95" />
        <source>Settlements</source>
        <translation>Населённые пункты</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="96" />
        <source>Settlements {km} km or more from the office are marked remote: the mobile brigade's destinations.</source>
        <translation>Населённые пункты в {km} км от отделения и дальше отмечаются как удалённые: это направления выездов мобильной бригады.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="101" />
        <location filename="../../src/ui/dictionaries/places_screen.py" line="142" />
        <source>District:</source>
        <translation>Район:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="107" />
        <source>District</source>
        <translation>Район</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="108" />
        <location filename="../../src/ui/dictionaries/places_screen.py" line="139" />
        <source>Settlement</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="109" />
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="110" />
        <source>Municipality</source>
        <translation>Поселение</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="111" />
        <source>Distance, km</source>
        <translation>Расстояние, км</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="112" />
        <source>Remote</source>
        <translation>Удалённый</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="125" />
        <source>All districts</source>
        <translation>Все районы</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="139" />
        <source>New settlement</source>
        <translation>Новый населённый пункт</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="143" />
        <source>Municipality (settlement):</source>
        <translation>Поселение:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="144" />
        <source>Name:</source>
        <translation>Наименование:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="145" />
        <source>Kind:</source>
        <translation>Тип:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="146" />
        <source>Distance to the office, km:</source>
        <translation>Расстояние до отделения, км:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="148" />
        <source>e.g. Ruchey rural settlement</source>
        <translation>например, Ручейское сельское поселение</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="149" />
        <source>e.g. 35 or 12,5</source>
        <translation>например, 35 или 12,5</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/places_screen.py" line="163" />
        <source>Enter the distance as a number, e.g. 35 or 12,5.</source>
        <translation>Введите расстояние числом, например 35 или 12,5.</translation>
    </message>
</context>
<context>
    <name>StaffChecklist</name>
    <message numerus="yes">
        <location filename="../../src/ui/staff_checklist.py" line="135" />
        <source>▾ Other staff (%n): hide</source>
        <translation>
            <numerusform>▾ Другие сотрудники (%n): скрыть</numerusform>
            <numerusform>▾ Другие сотрудники (%n): скрыть</numerusform>
            <numerusform>▾ Другие сотрудники (%n): скрыть</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/ui/staff_checklist.py" line="136" />
        <source>▸ Other staff (%n): show</source>
        <translation>
            <numerusform>▸ Другие сотрудники (%n): показать</numerusform>
            <numerusform>▸ Другие сотрудники (%n): показать</numerusform>
            <numerusform>▸ Другие сотрудники (%n): показать</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffPicker</name>
    <message>
        <location filename="../../src/ui/forms.py" line="131" />
        <source>Staff of the office</source>
        <translation>Сотрудники отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/forms.py" line="132" />
        <source>Other staff</source>
        <translation>Другие сотрудники</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="38" />
        <source>Staff</source>
        <translation>Сотрудники</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="39" />
        <source>A person who has worked with families is deactivated on leaving, not deleted: visits, sessions and cases keep the name.</source>
        <translation>Сотрудника, который работал с семьями, при увольнении не удаляют, а отключают: в визитах, занятиях и сопровождении сохраняется его ФИО.</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="41" />
        <source>Has left</source>
        <translation>Уволить</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="42" />
        <source>Works again</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="46" />
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="86" />
        <source>Office:</source>
        <translation>Отделение:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="52" />
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="53" />
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="54" />
        <source>Office</source>
        <translation>Отделение</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="55" />
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="56" />
        <source>Works</source>
        <translation>Работает</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="67" />
        <source>All offices</source>
        <translation>Все отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="79" />
        <source>New staff member</source>
        <translation>Новый сотрудник</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="79" />
        <source>Staff member</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="82" />
        <source>Surname:</source>
        <translation>Фамилия:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="83" />
        <source>First name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="84" />
        <source>Patronymic (if any):</source>
        <translation>Отчество (при наличии):</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="85" />
        <source>Position:</source>
        <translation>Должность:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="87" />
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <location filename="../../src/ui/dictionaries/staff_screen.py" line="88" />
        <source>E-mail:</source>
        <translation>Эл. почта:</translation>
    </message>
</context>
<context>
    <name>TimeEdit</name>
    <message>
        <location filename="../../src/ui/time_edit.py" line="34" />
        <source>hh:mm</source>
        <translation>чч:мм</translation>
    </message>
    <message>
        <location filename="../../src/ui/time_edit.py" line="64" />
        <source>Enter the time as hh:mm, for example 08:30.</source>
        <translation>Укажите время в виде чч:мм, например 08:30.</translation>
    </message>
</context>
<context>
    <name>TodaySection</name>
    <message>
        <location filename="../../src/ui/today/section.py" line="62" />
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="75" />
        <source>Mark attendance</source>
        <translation>Отметить посещение</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="76" />
        <source>The selected sessions, or all of today's</source>
        <translation>Выделенные занятия или все сегодняшние</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="83" />
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="83" />
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="83" />
        <source>What to do</source>
        <translation>Что сделать</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="96" />
        <source>Sessions today</source>
        <translation>Занятия сегодня</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="99" />
        <source>Visits due</source>
        <translation>Визиты по сроку</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="100" />
        <source>My overdue plan rows</source>
        <translation>Мои просроченные мероприятия плана</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="103" />
        <source>Deadlines of my families</source>
        <translation>Сроки по моим семьям</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="112" />
        <source>Work list</source>
        <translation>Список дел</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="136" />
        <source>Charts are not available in this installation (Qt Charts is missing).</source>
        <translation>Графики недоступны в этой установке (нет модуля Qt Charts).</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="118" />
        <source>Charts</source>
        <translation>Графики</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="176" />
        <source>Today, {day} — loading…</source>
        <translation>Сегодня, {day} — загрузка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="185" />
        <source>Reading deadlines…</source>
        <translation>Сроки считаются…</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="208" />
        <source>Today, {day}</source>
        <translation>Сегодня, {day}</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="241" />
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="242" />
        <source>marked</source>
        <translation>отмечено</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="242" />
        <source>to mark</source>
        <translation>отметить</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="221" />
        <source>No sessions today.</source>
        <translation>Сегодня занятий нет.</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="225" />
        <source>{family}: next visit {day}</source>
        <translation>{family}: следующий визит {day}</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="228" />
        <source>No visits due this week.</source>
        <translation>На этой неделе визитов по сроку нет.</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="231" />
        <source>{day} · {family}: {measure}</source>
        <translation>{day} · {family}: {measure}</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="234" />
        <source>Nothing overdue.</source>
        <translation>Просроченного нет.</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="264" />
        <location filename="../../src/ui/today/section.py" line="320" />
        <source>Reading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="340" />
        <source>now</source>
        <translation>сейчас</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="248" />
        <location filename="../../src/ui/today/section.py" line="281" />
        <location filename="../../src/ui/today/section.py" line="362" />
        <source>Show more ({count} left)</source>
        <translation>Показать ещё (осталось {count})</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="251" />
        <location filename="../../src/ui/today/section.py" line="365" />
        <source>Click to read the next {count} rows</source>
        <translation>Нажмите, чтобы показать следующие {count} строк</translation>
    </message>
    <message>
        <location filename="../../src/ui/today/section.py" line="302" />
        <source>Nothing is due.</source>
        <translation>Сроков нет.</translation>
    </message>
</context>
<context>
    <name>TripCompletionDialog</name>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="214" />
        <source>Trip results</source>
        <translation>Результаты выезда</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="215" />
        <source>Save results</source>
        <translation>Сохранить результаты</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="217" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="220" />
        <source>Visits are recorded with the trip date, its brigade and the «mobile brigade» mode.</source>
        <translation>Визиты записываются с датой выезда, составом бригады и способом предоставления «выездная (мобильная бригада)».</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="227" />
        <source>Route sheet</source>
        <translation>Маршрутный лист</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="243" />
        <source>Trip of {date}; brigade: {members}; vehicle: {vehicle}</source>
        <translation>Выезд от {date}; бригада: {members}; транспорт: {vehicle}</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="253" />
        <source>No families were planned for this trip.</source>
        <translation>На этот выезд не запланировано ни одной семьи.</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/completion_dialog.py" line="263" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>TripEditor</name>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="73" />
        <source>Plan a trip</source>
        <translation>Планирование выезда</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="73" />
        <location filename="../../src/ui/trips/editor.py" line="487" />
        <source>Trip</source>
        <translation>Выезд</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="74" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="93" />
        <source>Vehicle, e.g. UAZ</source>
        <translation>Транспорт, например УАЗ</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="95" />
        <source>Find an employee</source>
        <translation>Найти сотрудника</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="108" />
        <source>not planned</source>
        <translation>не задана</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="109" />
        <source> km</source>
        <translation> км</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="110" />
        <source>The whole route there and back; empty: the route sheet estimates it from the farthest settlement</source>
        <translation>Весь маршрут туда и обратно; если не задана, маршрутный лист оценит её по самому дальнему пункту</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="114" />
        <source>Trip date</source>
        <translation>Дата выезда</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="116" />
        <source>Office</source>
        <translation>Отделение</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="119" />
        <source>Vehicle</source>
        <translation>Транспорт</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="123" />
        <source>return</source>
        <translation>возвращение</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="126" />
        <source>Departure</source>
        <translation>Выезд</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="128" />
        <source>Distance</source>
        <translation>Протяжённость</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="130" />
        <source>Brigade</source>
        <translation>Бригада</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="137" />
        <source>Notes</source>
        <translation>Примечания</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="143" />
        <source>Settlement to add</source>
        <translation>Населённый пункт для добавления</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="144" />
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="148" />
        <source>Up</source>
        <translation>Вверх</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="149" />
        <source>Down</source>
        <translation>Вниз</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="150" />
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="165" />
        <source>Route (in the order of travel)</source>
        <translation>Маршрут (в порядке следования)</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="171" />
        <source>Only families with a reason to visit</source>
        <translation>Только семьи, которым нужно посещение</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="176" />
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="176" />
        <source>Settlement</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="177" />
        <source>Why visit</source>
        <translation>Основания для посещения</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="177" />
        <source>Planned work</source>
        <translation>Планируемая работа</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="187" />
        <source>Families on the route</source>
        <translation>Семьи на маршруте</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="207" />
        <source>Route sheet</source>
        <translation>Маршрутный лист</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="208" />
        <source>Save the trip and write its route sheet as DOCX and PDF</source>
        <translation>Сохранить выезд и сформировать маршрутный лист в DOCX и PDF</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/ui/trips/editor.py" line="292" />
        <source>In the brigade: %n</source>
        <translation>
            <numerusform>В бригаде: %n человек</numerusform>
            <numerusform>В бригаде: %n человека</numerusform>
            <numerusform>В бригаде: %n человек</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="356" />
        <source>Farthest point: {distance} from the office</source>
        <translation>Самый дальний пункт: {distance} от отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="358" />
        <source>Add the settlements of the route in the order the brigade reaches them.</source>
        <translation>Добавьте населённые пункты маршрута в том порядке, в котором бригада будет их проезжать.</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="399" />
        <source>Double-click to type the planned work</source>
        <translation>Дважды щёлкните, чтобы ввести планируемую работу</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="413" />
        <source>Home visit</source>
        <translation>Патронаж</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/editor.py" line="442" />
        <source>Families on the route: {total}, chosen: {chosen}</source>
        <translation>Семей на маршруте: {total}, выбрано: {chosen}</translation>
    </message>
</context>
<context>
    <name>TripTableModel</name>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="50" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="50" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="50" />
        <source>Route</source>
        <translation>Маршрут</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="50" />
        <source>Brigade</source>
        <translation>Бригада</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="51" />
        <source>Vehicle</source>
        <translation>Транспорт</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="51" />
        <source>Families done</source>
        <translation>Посещено семей</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="52" />
        <source>Planned</source>
        <translation>Запланирован</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="52" />
        <source>Done</source>
        <translation>Выполнен</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="53" />
        <source>Cancelled</source>
        <translation>Отменён</translation>
    </message>
</context>
<context>
    <name>TripsScreen</name>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="91" />
        <source>Mobile brigade trips</source>
        <translation>Выезды мобильной бригады</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="92" />
        <source>Plan a trip</source>
        <translation>Запланировать выезд</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="94" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="96" />
        <source>Route sheet</source>
        <translation>Маршрутный лист</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="97" />
        <source>Write the route sheet as DOCX and PDF</source>
        <translation>Сформировать маршрутный лист в DOCX и PDF</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="99" />
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="100" />
        <source>Write the route sheet and send it to the printer</source>
        <translation>Сформировать маршрутный лист и отправить его на печать</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="102" />
        <source>Mark results</source>
        <translation>Отметить результаты</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="104" />
        <location filename="../../src/ui/trips/list_screen.py" line="257" />
        <source>Cancel trip</source>
        <translation>Отменить выезд</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="106" />
        <location filename="../../src/ui/trips/list_screen.py" line="268" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="118" />
        <source>all</source>
        <translation>все</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="118" />
        <source>planned</source>
        <translation>запланированные</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="118" />
        <source>done</source>
        <translation>выполненные</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="119" />
        <source>cancelled</source>
        <translation>отменённые</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="121" />
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="124" />
        <source>Period from</source>
        <translation>Период с</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="126" />
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="129" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="173" />
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/ui/trips/list_screen.py" line="186" />
        <source>Trips found: %n</source>
        <translation>
            <numerusform>Найдено выездов: %n</numerusform>
            <numerusform>Найдено выездов: %n</numerusform>
            <numerusform>Найдено выездов: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="255" />
        <source>Cancel the trip of {date} ({route})? It stays in the list as cancelled.</source>
        <translation>Отменить выезд от {date} ({route})? Он останется в списке как отменённый.</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="258" />
        <source>Cancel the trip</source>
        <translation>Отменить выезд</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="259" />
        <location filename="../../src/ui/trips/list_screen.py" line="269" />
        <source>Keep it</source>
        <translation>Оставить</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="265" />
        <source>Delete the trip of {date} ({route})? Visits made during it stay in the visits journal.</source>
        <translation>Удалить выезд от {date} ({route})? Визиты, проведённые во время выезда, останутся в журнале визитов.</translation>
    </message>
    <message>
        <location filename="../../src/ui/trips/list_screen.py" line="267" />
        <source>Delete trip</source>
        <translation>Удаление выезда</translation>
    </message>
</context>
<context>
    <name>UnknownPage</name>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="167" />
        <source>Values not in the dictionaries</source>
        <translation>Значения, которых нет в справочниках</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="168" />
        <source>Choose the matching entry for each value. Rows with a value left unmatched are not imported; an administrator can add new entries in Dictionaries.</source>
        <translation>Выберите подходящее значение справочника. Строки с несопоставленным значением не импортируются; новые значения может добавить администратор в разделе «Справочники».</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="172" />
        <source>Dictionary</source>
        <translation>Справочник</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="172" />
        <source>Value in the file</source>
        <translation>Значение в файле</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="172" />
        <source>Rows</source>
        <translation>Строк</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="173" />
        <source>Use entry</source>
        <translation>Значение справочника</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="187" />
        <source>— not matched (rows are errors) —</source>
        <translation>— не сопоставлено (строки с ошибкой) —</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="189" />
        <source>— leave empty —</source>
        <translation>— оставить пустым —</translation>
    </message>
    <message>
        <location filename="../../src/ui/importing/pages.py" line="191" />
        <source>— create in the dictionary —</source>
        <translation>— создать в справочнике —</translation>
    </message>
</context>
<context>
    <name>UrgentLine</name>
    <message>
        <location filename="../../src/ui/families/paper_dialog.py" line="66" />
        <source>Remove the line</source>
        <translation>Убрать строку</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="44" />
        <source>New user</source>
        <translation>Новый пользователь</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="44" />
        <source>User {login}</source>
        <translation>Пользователь {login}</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="51" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="52" />
        <source>Temporary password:</source>
        <translation>Временный пароль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="55" />
        <location filename="../../src/ui/admin/user_dialog.py" line="60" />
        <source>Specialist</source>
        <translation>Специалист</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="55" />
        <location filename="../../src/ui/admin/user_dialog.py" line="60" />
        <source>Coordinator</source>
        <translation>Координатор</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="56" />
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="59" />
        <source>None — no access to family data</source>
        <translation>Нет — без доступа к данным семей</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="63" />
        <source>— not linked —</source>
        <translation>— не связан —</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="72" />
        <source>Name shown:</source>
        <translation>Отображаемое имя:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="73" />
        <source>Role:</source>
        <translation>Роль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="74" />
        <source>Working role:</source>
        <translation>Рабочая роль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="75" />
        <source>Staff record:</source>
        <translation>Сотрудник:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="77" />
        <source>Create a new staff record for this user</source>
        <translation>Создать для пользователя новую запись сотрудника</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="79" />
        <source>New staff record</source>
        <translation>Новая запись сотрудника</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="85" />
        <location filename="../../src/ui/admin/user_dialog.py" line="87" />
        <source>— choose —</source>
        <translation>— выберите —</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="90" />
        <source>Last name:</source>
        <translation>Фамилия:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="91" />
        <source>First name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="92" />
        <source>Middle name:</source>
        <translation>Отчество:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="93" />
        <source>Position:</source>
        <translation>Должность:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="94" />
        <source>Office:</source>
        <translation>Отделение:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="98" />
        <source>Offices:</source>
        <translation>Отделения:</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="101" />
        <source>A specialist works with the families they are responsible for or assigned to, found through the staff record. A coordinator works with every family of the chosen offices (or of the staff record's office). An administrator manages accounts, dictionaries and backups and sees family data only when also given a working role.</source>
        <translation>Специалист работает с семьями, за которые отвечает или к которым назначен, — они находятся по записи сотрудника. Координатор работает со всеми семьями выбранных отделений (или отделения сотрудника). Администратор ведёт учётные записи, справочники и резервные копии и видит данные семей, только если ему дана рабочая роль.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="119" />
        <source>Create</source>
        <translation>Создать</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="119" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="159" />
        <source>A coordinator works with the families of the chosen offices. With no office (and no staff record) this user will see no family at all. Save anyway?</source>
        <translation>Координатор работает с семьями выбранных отделений. Без отделения (и без записи сотрудника) этот пользователь не увидит ни одной семьи. Сохранить всё равно?</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="161" />
        <source>Choose offices</source>
        <translation>Выбрать отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/user_dialog.py" line="162" />
        <source>Save without offices</source>
        <translation>Сохранить без отделений</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="37" />
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="37" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="37" />
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="37" />
        <source>Staff record</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="38" />
        <source>Offices</source>
        <translation>Отделения</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="38" />
        <source>Last sign-in</source>
        <translation>Последний вход</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="38" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="42" />
        <source>Deactivated</source>
        <translation>Отключена</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="44" />
        <source>Locked until {time}</source>
        <translation>Заблокирована до {time}</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="46" />
        <source>Must change password</source>
        <translation>Должен сменить пароль</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="47" />
        <source>Active</source>
        <translation>Действует</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="83" />
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="85" />
        <source>Accounts of the people who work in Opora. There are no built-in accounts: each person gets their own login. A deactivated account stays in the audit log.</source>
        <translation>Учётные записи работающих в «Опоре». Встроенных учётных записей нет: у каждого свой логин. Отключённая учётная запись остаётся в журнале аудита.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="104" />
        <source>New user…</source>
        <translation>Новый пользователь…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="105" />
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="106" />
        <source>Reset password…</source>
        <translation>Сбросить пароль…</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="107" />
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="108" />
        <location filename="../../src/ui/admin/users_page.py" line="158" />
        <source>Deactivate</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="157" />
        <source>Activate</source>
        <translation>Включить</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="170" />
        <source>The account was created.</source>
        <translation>Учётная запись создана.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="177" />
        <source>The account was saved.</source>
        <translation>Учётная запись сохранена.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="183" />
        <source>The password of {login} was reset; they choose their own at the next sign-in.</source>
        <translation>Пароль {login} сброшен; при следующем входе пользователь задаст свой.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="193" />
        <source>{login} can sign in again.</source>
        <translation>{login} снова может войти.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="199" />
        <source>{login} was deactivated.</source>
        <translation>Учётная запись {login} отключена.</translation>
    </message>
    <message>
        <location filename="../../src/ui/admin/users_page.py" line="199" />
        <source>{login} was activated.</source>
        <translation>Учётная запись {login} включена.</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="70" />
        <source>Housing and living conditions</source>
        <translation>Жилищно-бытовые условия</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="71" />
        <source>Income (material situation)</source>
        <translation>Материальное положение (доходы)</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="72" />
        <source>Relationships in the family</source>
        <translation>Взаимоотношения в семье</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="73" />
        <source>Condition of the children</source>
        <translation>Положение детей</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="74" />
        <source>Conclusions</source>
        <translation>Выводы</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="75" />
        <source>Recommendations</source>
        <translation>Рекомендации</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="124" />
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="125" />
        <source>Findings (inspection act)</source>
        <translation>Результаты обследования (акт)</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="130" />
        <source>Make the act</source>
        <translation>Сформировать акт</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="131" />
        <source>«Акт обследования условий жизни семьи» as a Word document</source>
        <translation>«Акт обследования условий жизни семьи» в формате Word</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="133" />
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="134" />
        <source>Make the act and send it to the printer</source>
        <translation>Сформировать акт и отправить его на печать</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="138" />
        <location filename="../../src/ui/visits/editor.py" line="533" />
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="142" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="170" />
        <source>The number of the inspection act, as the journal of acts has it</source>
        <translation>Номер акта обследования по журналу регистрации актов</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="174" />
        <source>For example: planned home visit, inspection of living conditions</source>
        <translation>Например: плановый патронаж, обследование условий жизни</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="177" />
        <source>Date of the visit</source>
        <translation>Дата визита</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="178" />
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="179" />
        <source>Act No.</source>
        <translation>№ акта</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="180" />
        <source>Delivery mode</source>
        <translation>Способ предоставления</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="181" />
        <source>Next visit</source>
        <translation>Следующий визит</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="186" />
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="188" />
        <source>Purpose of the visit</source>
        <translation>Цель визита</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="193" />
        <source>Filter by surname</source>
        <translation>Фильтр по фамилии</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="200" />
        <source>Specialists who visited</source>
        <translation>Специалисты, проводившие визит</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="206" />
        <source>Service</source>
        <translation>Услуга</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="206" />
        <source>Recipient</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="206" />
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="217" />
        <source>Add service</source>
        <translation>Добавить услугу</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="219" />
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="224" />
        <source>Services given</source>
        <translation>Оказанные услуги</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="268" />
        <source>— choose —</source>
        <translation>— выберите —</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="330" />
        <source>— choose a service —</source>
        <translation>— выберите услугу —</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="335" />
        <location filename="../../src/ui/visits/editor.py" line="378" />
        <source>the family as a whole</source>
        <translation>семья в целом</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="423" />
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="441" />
        <source>Row {row}: {message}</source>
        <translation>Строка {row}: {message}</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="472" />
        <source>Making the act…</source>
        <translation>Формирование акта…</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="480" />
        <source>The act is saved: {path}</source>
        <translation>Акт сохранён: {path}</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="508" />
        <source>New home visit</source>
        <translation>Новый визит</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="510" />
        <source>Home visit of {date}</source>
        <translation>Визит от {date}</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="531" />
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="532" />
        <source>The visit has unsaved changes. Save them before closing?</source>
        <translation>В визите есть несохранённые изменения. Сохранить их перед закрытием?</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="534" />
        <source>Don't save</source>
        <translation>Не сохранять</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/editor.py" line="535" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>VisitsAndTripsSection</name>
    <message>
        <location filename="../../src/ui/work_section.py" line="22" />
        <source>Home visits</source>
        <translation>Визиты</translation>
    </message>
    <message>
        <location filename="../../src/ui/work_section.py" line="23" />
        <source>Mobile-brigade trips</source>
        <translation>Выезды мобильной бригады</translation>
    </message>
</context>
<context>
    <name>VisitsScreen</name>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="52" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="53" />
        <location filename="../../src/ui/visits/list_screen.py" line="141" />
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="54" />
        <source>Settlement</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="55" />
        <source>Specialists</source>
        <translation>Специалисты</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="56" />
        <source>Purpose</source>
        <translation>Цель</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="57" />
        <source>Services</source>
        <translation>Услуги</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="59" />
        <source>Next visit</source>
        <translation>Следующий визит</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="104" />
        <source>Home visits</source>
        <translation>Визиты</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="106" />
        <source>New visit</source>
        <translation>Новый визит</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="109" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="111" />
        <location filename="../../src/ui/visits/list_screen.py" line="271" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="113" />
        <source>Make the act</source>
        <translation>Сформировать акт</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="114" />
        <source>«Акт обследования условий жизни семьи» as a Word document</source>
        <translation>«Акт обследования условий жизни семьи» в формате Word</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="127" />
        <source>All families (type a surname)</source>
        <translation>Все семьи (введите фамилию)</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="129" />
        <source>Reset filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="137" />
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="139" />
        <source>Specialist</source>
        <translation>Специалист</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="140" />
        <source>District</source>
        <translation>Район</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="183" />
        <location filename="../../src/ui/visits/list_screen.py" line="184" />
        <source>all</source>
        <translation>все</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="200" />
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/ui/visits/list_screen.py" line="222" />
        <source>Visits: %n</source>
        <translation>
            <numerusform>Визитов: %n</numerusform>
            <numerusform>Визитов: %n</numerusform>
            <numerusform>Визитов: %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="224" />
        <source>Visits shown: {count} (scroll down for more)</source>
        <translation>Показано визитов: {count} (прокрутите вниз, чтобы загрузить ещё)</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="268" />
        <source>Delete the visit of {date} to the family «{family}»?</source>
        <translation>Удалить визит от {date} к семье «{family}»?</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="270" />
        <source>Delete visit</source>
        <translation>Удаление визита</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="272" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="285" />
        <source>Making the act…</source>
        <translation>Формирование акта…</translation>
    </message>
    <message>
        <location filename="../../src/ui/visits/list_screen.py" line="291" />
        <source>The act is saved: {path}</source>
        <translation>Акт сохранён: {path}</translation>
    </message>
</context>
<context>
    <name>WeekGrid</name>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="22" />
        <source>Mon</source>
        <translation>Пн</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="22" />
        <source>Tue</source>
        <translation>Вт</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="23" />
        <source>Wed</source>
        <translation>Ср</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="23" />
        <source>Thu</source>
        <translation>Чт</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="24" />
        <source>Fri</source>
        <translation>Пт</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="24" />
        <source>Sat</source>
        <translation>Сб</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="25" />
        <source>Sun</source>
        <translation>Вс</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="108" />
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="120" />
        <source>planned</source>
        <translation>запланировано</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="120" />
        <source>attended</source>
        <translation>все пришли</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="120" />
        <source>absent</source>
        <translation>есть пропуски</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="121" />
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location filename="../../src/ui/rehab/week_grid.py" line="123" />
        <source>{time} {service}
Specialist: {staff}
Children: {children}
State: {state}</source>
        <translation>{time} {service}
Специалист: {staff}
Дети: {children}
Состояние: {state}</translation>
    </message>
</context>
<context>
    <name>WindowCover</name>
    <message>
        <location filename="../../src/ui/lock.py" line="63" />
        <source>Opora is locked. Unlock it in the main window.</source>
        <translation>Опора заблокирована. Разблокируйте её в главном окне.</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="91" />
        <source>Withdraw the consent</source>
        <translation>Отзыв согласия</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="92" />
        <source>Consent signed on {day} by {signer}.</source>
        <translation>Согласие от {day}, кем подписано: {signer}.</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="97" />
        <source>Withdrawn on:</source>
        <translation>Дата отзыва:</translation>
    </message>
    <message>
        <location filename="../../src/ui/families/consent_dialog.py" line="100" />
        <source>Withdraw</source>
        <translation>Отозвать</translation>
    </message>
</context>
<context>
    <name>_CodeNameDialog</name>
    <message>
        <location filename="../../src/ui/exchange/setup_dialogs.py" line="28" />
        <source>for example, ОТД-3</source>
        <translation>например, ОТД-3</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/setup_dialogs.py" line="31" />
        <source>Code:</source>
        <translation>Код:</translation>
    </message>
    <message>
        <location filename="../../src/ui/exchange/setup_dialogs.py" line="32" />
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <location filename="../../src/ui/families/card_cases.py" line="243" />
        <location filename="../../src/ui/families/card_consents.py" line="159" />
        <location filename="../../src/ui/families/card_papers.py" line="148" />
        <location filename="../../src/ui/visits/editor.py" line="81" />
        <source>Folder for the document</source>
        <translation>Папка для документа</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <location filename="../../src/ui/date_edit.py" line="97" />
        <source>Enter the date as dd.mm.yyyy, for example 05.06.2026.</source>
        <translation>Введите дату в формате ДД.ММ.ГГГГ, например 05.06.2026.</translation>
    </message>
</context>
<context>
    <name>trips</name>
    <message>
        <location filename="../../src/ui/trips/route_sheet_file.py" line="41" />
        <source>Folder for the route sheet</source>
        <translation>Папка для маршрутного листа</translation>
    </message>
</context>
</TS>