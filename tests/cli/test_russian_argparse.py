"""A mistyped command is answered in Russian: argparse's own messages (usage, required arguments, a wrong
choice, an unknown option) no longer come out English around the Russian help."""

from __future__ import annotations

import pytest

from cli.main import run


@pytest.mark.parametrize(("argv", "expected"), [
    (["report"], "не указаны обязательные аргументы: kind, --user"),
    (["nosuch"], "аргумент КОМАНДА: недопустимое значение 'nosuch' (возможные: 'init'"),
    (["report", "quarterly", "--user", "coord", "--reps", "3"], "неизвестные аргументы: --reps 3"),
    (["deadlines", "--user", "coord", "--kind"], "аргумент --kind: ожидается одно значение"),
])
def test_mistakes_are_named_in_russian(capsys, argv, expected):
    with pytest.raises(SystemExit) as stop:
        run(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and "ошибка:" in err and "использование:" in err
    assert "error:" not in err and "usage:" not in err and "required" not in err


def test_help_headings_are_russian(capsys):
    with pytest.raises(SystemExit):
        run(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("использование: opora")
    assert "показать эту справку и выйти" in out and "positional arguments" not in out and "options:" not in out


def test_no_screen_is_said_in_russian_instead_of_qts_abort(monkeypatch, capsys):
    from cli import main as cli_main

    monkeypatch.setattr(cli_main.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert cli_main.main([]) == 2
    assert "нет графического экрана" in capsys.readouterr().err
    monkeypatch.setenv("DISPLAY", ":0")
    assert cli_main.has_screen()
