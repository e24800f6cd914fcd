"""The office tests name the LibreOffice module that is missing (Draw opens the PDFs; Writer alone is not enough)."""

import office
import pytest


def fake_libreoffice(tmp_path, libraries):
    program = tmp_path / "libreoffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice").write_text("#!/bin/sh\n")
    (program / "soffice").chmod(0o755)
    for library in libraries:
        (program / library).write_bytes(b"")
    return program / "soffice"


def test_writer_and_calc_without_draw_are_reported_as_draw_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "SOFFICE", str(fake_libreoffice(tmp_path, ["libswlo.so", "libsclo.so"])))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"Draw \(libsdlo.so\)") as skipped:
        office.find_office(tmp_path / "profiles")
    assert "libreoffice-draw-nogui" in str(skipped.value) and "Writer" not in str(skipped.value)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Draw"):  # under CI, a failure
        office.find_office(tmp_path / "profiles")


def test_writer_calc_and_draw_make_an_office(tmp_path, monkeypatch):
    soffice = fake_libreoffice(tmp_path, office.MODULES.values())
    monkeypatch.setattr(office, "SOFFICE", str(soffice))
    assert office.find_office(tmp_path / "profiles").soffice == str(soffice)
