"""The PDF opens and shows the sections, tables and charts: checked on its pages as images
(pdftoppm) and as text (pdftotext), both from poppler-utils."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tipdata.reports.charts import BAR
from tipdata.reports.renderers import render_pdf

PDFTOPPM, PDFTOTEXT = shutil.which("pdftoppm") or "", shutil.which("pdftotext") or ""
pytestmark = pytest.mark.skipif(
    not (PDFTOPPM and PDFTOTEXT), reason="poppler-utils (pdftoppm, pdftotext) is not installed"
)
BAR_RGB = tuple(int(BAR[i : i + 2], 16) for i in (1, 3, 5))


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory):
    from tipdata.reports.tests.builders import sample_report

    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render_pdf(sample_report()))
    return path


@pytest.fixture(scope="module")
def pages(pdf_file):
    subprocess.run(  # noqa: S603
        [PDFTOPPM, "-r", "40", "-png", str(pdf_file), str(pdf_file.with_suffix(""))],
        check=True,
    )
    return [Image.open(p).convert("RGB") for p in sorted(pdf_file.parent.glob("report-*.png"))]


def colours(page: Image.Image) -> list[tuple[int, tuple[int, int, int]]]:
    return page.getcolors(maxcolors=1 << 24) or []


def ink(page: Image.Image) -> int:
    """How many pixels are not white: a blank page has none."""
    return sum(count for count, pixel in colours(page) if min(pixel) < 200)


def chart_pixels(page: Image.Image) -> int:
    """Pixels of the bars' colour (the page's own blue differs, so borders do not count)."""
    return sum(
        count
        for count, pixel in colours(page)
        if all(abs(a - b) <= 12 for a, b in zip(pixel, BAR_RGB, strict=True))
    )


def test_pdf_is_a_pdf_with_a_page_per_part(pdf_file, pages):
    assert pdf_file.read_bytes().startswith(b"%PDF-")
    # cover, four sections (each starts a page) and the data gaps
    assert len(pages) == 6
    assert all(ink(page) > 500 for page in pages), "a page is blank"


def test_charts_are_drawn_on_the_pages_of_sections_with_series(pages):
    with_chart = [i for i, page in enumerate(pages) if chart_pixels(page) > 200]
    assert with_chart == [1, 2]  # prosecution and protection have series; others do not


def pdf_text(pdf_file: Path) -> str:
    result = subprocess.run(  # noqa: S603
        [PDFTOTEXT, str(pdf_file), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(result.stdout.split())


def test_pdf_text_has_sections_sentences_tables_and_gaps(pdf_file):
    text = pdf_text(pdf_file)
    for title in ("Prosecution", "Protection", "Prevention", "Data gaps"):
        assert title in text
    assert "Police newly investigated 64 trafficking cases in 2020, compared with 38" in text
    assert "Convictions by form of exploitation" in text and "Forced labour 4" in text
    assert "Шымкент 33" in text  # Cyrillic survives: the fonts carry it
    assert "58,200,000 KZT (US$135,349)" in text
    assert "Victims identified by NGOs" in text and "PROT_LEGAL_AID" in text
    assert "records behind this figure" not in text  # links make no sense on paper
