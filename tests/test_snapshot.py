"""Briefing snapshots: each format checked for content, colours, fonts and text; bad requests named."""

from __future__ import annotations

import io
import warnings
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from PIL import Image
from published import RAIL_LATEST

from sdplan.boundaries import load_layer
from sdplan.mapview import build_map_model
from sdplan.snapshot import SnapshotRequestError, snapshot, view_from_query
from sdplan.snapshot.cli import snapshot_pack
from sdplan.snapshot.naming import slug, snapshot_filename
from sdplan.snapshot.render import DPI, figure_bytes, lonlat_to_pixel, render_figure

AS_OF = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
JIAODONG_RAIL = "?indicator=urban_rail_km&circle=jiaodong"


def no_glyph_warnings(record) -> None:
    missing = [str(w.message) for w in record if "Glyph" in str(w.message) and "missing" in str(w.message)]
    assert not missing, missing


def rendered(data, query: str, fmt: str, **kwargs) -> tuple[bytes, list]:
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        shot = snapshot(data, view_from_query(data, query), fmt, AS_OF, **kwargs)
    no_glyph_warnings(record)
    return shot.content, record


@pytest.fixture(scope="module")
def png_figure(data):
    model = build_map_model(data, view_from_query(data, JIAODONG_RAIL))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        fig = render_figure(model, AS_OF)
        content = figure_bytes(fig, "png")
    no_glyph_warnings(record)
    return model, fig, content


def test_png_is_print_size_not_blank_and_qingdao_has_its_class_colour(png_figure):
    model, fig, content = png_figure
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(content)).convert("RGB")
    assert image.size == (round(11.69 * DPI), round(8.27 * DPI))  # A4 landscape at 200 dpi
    assert len(set(image.resize((200, 140)).get_flattened_data())) > 50  # a drawing, not a blank page
    point = load_layer("prefecture").set_index("adcode").loc["370200"].geometry.representative_point()
    x, y = lonlat_to_pixel(fig, point.x, point.y)
    colour = model.values.set_index("adcode").loc["370200", "color"]
    assert colour in [c for c, _ in model.legend()]
    expected = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    # 40 px (0.2 inch) above the label point: the label's text sits on the point itself
    assert image.getpixel((round(x), round(y) - 40)) == expected


def test_pdf_text_title_sources_and_embedded_fonts(data):
    from pypdf import PdfReader

    content, _ = rendered(data, JIAODONG_RAIL, "pdf", orientation="portrait")
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert height > width and abs(width - 595) < 2  # A4 portrait in points
    text = page.extract_text()
    model = build_map_model(data, view_from_query(data, JIAODONG_RAIL))
    assert model.title() in text
    assert "数据来源" in text and model.sources[0][:12] in text
    assert "2026-11-29 17:00 北京时间" in text  # 09:00 UTC, in Beijing time
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font  # embedded, as TrueType outlines (what CIDFontType2 requires)
        assert "NotoSansSC-TT" in str(font["/BaseFont"])


def test_svg_parses_and_english_sample_mark(data):
    content, _ = rendered(data, "?indicator=sewer_retrofit_km&level=county&prefecture=370200&lang=en", "svg")
    root = ET.fromstring(content)
    assert root.tag.endswith("svg")
    assert root.get("width", "").startswith("841")  # A4 landscape, in points
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 100


def test_sample_mark_and_english_pdf_text(data):
    from pypdf import PdfReader

    content, _ = rendered(data, "?indicator=sewer_retrofit_km&lang=en", "pdf", chart=False)
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "SAMPLE DATA" in text and "not official" in text
    assert "Combined-sewer" in text or "sewer" in text.lower()


def test_same_view_and_time_give_identical_bytes(data):
    for fmt in ("pdf", "svg", "png"):
        first, _ = rendered(data, "?indicator=urbanization_rate", fmt, chart=False)
        second, _ = rendered(data, "?indicator=urbanization_rate", fmt, chart=False)
        assert first == second, fmt


@pytest.mark.parametrize("query, named", [("?indicator=no_such_thing", "no_such_thing"), ("?circle=atlantis", "atlantis")])
def test_bad_request_names_the_bad_value(data, query, named):
    with pytest.raises(SnapshotRequestError, match=named):
        view_from_query(data, query)


def test_bad_format_is_named(data):
    with pytest.raises(SnapshotRequestError, match="tiff"):
        snapshot(data, view_from_query(data, ""), "tiff", AS_OF)


def test_file_names_are_ascii_and_descriptive(data):
    model = build_map_model(data, view_from_query(data, JIAODONG_RAIL))
    assert snapshot_filename(model, "pdf", AS_OF) == f"shandong-plan_urban_rail_km_jiaodong_{RAIL_LATEST}_20261129.pdf"
    drilled = build_map_model(data, view_from_query(data, "?indicator=sewer_retrofit_km&prefecture=370900"))
    assert "taian" in snapshot_filename(drilled, "png", AS_OF)
    assert slug("Tai'an City / 泰安") == "taian-city"


def test_pack_command_renders_each_view_reproducibly(tmp_path):
    runner = CliRunner()
    args = ["--out", str(tmp_path), "--indicators", "urban_rail_km", "--circles", "province,lunan", "--format", "svg",
            "--as-of", "2026-11-29T09:00", "--no-chart"]
    result = runner.invoke(snapshot_pack, args)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [f"shandong-plan_urban_rail_km_lunan_{RAIL_LATEST}_20261129.svg",
                     f"shandong-plan_urban_rail_km_shandong_{RAIL_LATEST}_20261129.svg"]
    bad = runner.invoke(snapshot_pack, ["--out", str(tmp_path), "--circles", "atlantis"])
    assert bad.exit_code != 0 and "atlantis" in bad.output


def test_the_snapshot_export_reports_errors_instead_of_crashing():
    from sdplan.exports import Refused
    from sdplan.exports.files import snapshot_file

    with pytest.raises(Refused, match="tiff"):
        snapshot_file("?indicator=urban_rail_km", "tiff", "landscape")
    made = snapshot_file(JIAODONG_RAIL, "png", "landscape")
    assert made.filename.endswith(".png") and made.media_type == "image/png" and made.content[:4] == b"\x89PNG"


def test_snapshot_command_writes_the_format_of_the_file_name(tmp_path):
    from sdplan.snapshot.cli import snapshot_command

    out = tmp_path / "rail.svg"
    result = CliRunner().invoke(snapshot_command, ["--query", JIAODONG_RAIL, "--out", str(out), "--no-chart",
                                                   "--as-of", "2026-11-29"])
    assert result.exit_code == 0, result.output
    assert ET.fromstring(out.read_bytes()).tag.endswith("svg")
    bad = CliRunner().invoke(snapshot_command, ["--query", "?indicator=nope", "--out", str(tmp_path)])
    assert bad.exit_code != 0 and "indicator 'nope'" in bad.output
