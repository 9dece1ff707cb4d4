<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../src/ui/first_run.py" line="103" />
        <source>First administrator</source>
        <translation>Первый администратор</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="104" />
        <source>There are no built-in accounts: this is the only way in until you add users.</source>
        <translation>Встроенных учётных записей нет: пока вы не добавите пользователей, это единственный вход.</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="117" />
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="118" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="119" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="120" />
        <source>Repeat password:</source>
        <translation>Повторите пароль:</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../src/ui/first_run.py" line="133" />
        <source>Opora — first start</source>
        <translation>Опора — первый запуск</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="144" />
        <source>Next &gt;</source>
        <translation>Далее &gt;</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="145" />
        <source>&lt; Back</source>
        <translation>&lt; Назад</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="146" />
        <source>Finish</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="147" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="166" />
        <source>The passwords do not match.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../src/ui/login.py" line="32" />
        <source>Opora — sign in</source>
        <translation>Опора — вход</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="35" />
        <source>Opora</source>
        <translation>Опора</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="55" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="56" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="59" />
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
        <location filename="../../src/ui/login.py" line="87" />
        <source>Database: {location}</source>
        <translation>База данных: {location}</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="90" />
        <source>Demo database. Login: {login}, password: {password}</source>
        <translation>Демонстрационная база. Логин: {login}, пароль: {password}</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="106" />
        <source>Enter your login and password.</source>
        <translation>Введите логин и пароль.</translation>
    </message>
    <message>
        <location filename="../../src/ui/login.py" line="108" />
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/ui/main_window.py" line="43" />
        <source>Opora</source>
        <translation>Опора</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="53" />
        <source>This section arrives in a later version of Opora.</source>
        <translation>Этот раздел появится в следующей версии «Опоры».</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="55" />
        <source>Families</source>
        <translation>Семьи</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="56" />
        <source>Visits and trips</source>
        <translation>Визиты и выезды</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="57" />
        <source>Sessions</source>
        <translation>Занятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="58" />
        <source>Events</source>
        <translation>Мероприятия</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="59" />
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="60" />
        <source>Dictionaries</source>
        <translation>Справочники</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="61" />
        <source>Administration</source>
        <translation>Администрирование</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="84" />
        <source>User: {name} ({role})</source>
        <translation>Пользователь: {name} ({role})</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="85" />
        <source>Office: {office}</source>
        <translation>Отделение: {office}</translation>
    </message>
    <message>
        <location filename="../../src/ui/main_window.py" line="86" />
        <source>Database: {location}</source>
        <translation>База данных: {location}</translation>
    </message>
</context>
<context>
    <name>OrganizationPage</name>
    <message>
        <location filename="../../src/ui/first_run.py" line="37" />
        <source>Your organisation</source>
        <translation>Ваша организация</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="38" />
        <source>The name appears in report headings; the office is where this computer works.</source>
        <translation>Название будет в заголовках отчётов; отделение — то, где работает этот компьютер.</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="41" />
        <source>e.g. Centre for social help to families and children</source>
        <translation>например, Центр социальной помощи семье и детям</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="46" />
        <source>Organisation:</source>
        <translation>Организация:</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="47" />
        <source>Office:</source>
        <translation>Отделение:</translation>
    </message>
</context>
<context>
    <name>PlacesPage</name>
    <message>
        <location filename="../../src/ui/first_run.py" line="57" />
        <source>Districts and settlements</source>
        <translation>Районы и населённые пункты</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="58" />
        <source>Optional: you can skip this and fill the dictionaries later.</source>
        <translation>Необязательно: этот шаг можно пропустить и заполнить справочники позже.</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="62" />
        <source>District</source>
        <translation>Район</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="62" />
        <source>Municipality</source>
        <translation>Поселение</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="62" />
        <source>Settlement</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="62" />
        <source>Distance, km</source>
        <translation>Расстояние, км</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="65" />
        <source>Add row</source>
        <translation>Добавить строку</translation>
    </message>
    <message>
        <location filename="../../src/ui/first_run.py" line="67" />
        <source>Remove row</source>
        <translation>Удалить строку</translation>
    </message>
</context>
</TS>