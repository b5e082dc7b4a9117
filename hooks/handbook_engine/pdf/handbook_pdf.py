"""Make the handbook's PDF in every language of a built site.

    python scripts/handbook_pdf.py [SITE]        SITE: the built site (default: site/)

`mkdocs build` writes in each language's root `handbook.print.html`, the
whole handbook in that language as one document (hooks/print_edition.py).
This turns each into `handbook.pdf` beside it, with WeasyPrint, and removes
the source:

- links between pages become links within the PDF, and every link to a page,
  a file of the site or another site has its full address printed after it;
- nothing is fetched but the site's own files (its stylesheet and images):
  anything else is refused and reported;
- the PDF is tagged for accessibility (PDF/UA-1), with its language, title,
  a bookmark per heading and the scope of every table header cell;
- the same source gives the same bytes: the PDF's dates are the commit's;
- the languages' PDFs are made side by side, one process per language, up to
  the number of cores.

Prints `path: message` for each problem and exits 1 when there was one (the
PDF is still written, so that it can be looked at); exits 2 when WeasyPrint
cannot start because Debian's Pango is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import mimetypes
import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from handbook_engine.site import published_files
from handbook_engine import REPOSITORY

ROOT = REPOSITORY

PDF_VARIANT = "pdf/ua-1"
# The site's own files (its stylesheet, images) are read from the built folder under this address, which
# never resolves (.invalid is reserved): nothing else is fetched, and the PDF's bytes, which name images
# by their address, do not depend on where the site was built.
SITE_FILES = "https://site.invalid/"
# The addresses printed after a link (not mailto: and the like, whose text is the address), unless the text is the address.
PRINTED_SCHEMES = ("http", "https")


def sources(site: Path) -> list[Path]:
    """The PDF sources of every language in a built site: the site root's and each language folder's."""
    found = [site / published_files.PRINT_SOURCE, *site.glob(f"*/{published_files.PRINT_SOURCE}")]
    return sorted(path for path in found if path.is_file())


def print_links(document: ET.Element) -> None:
    """Make the links of every page's section work on paper and in the PDF.

    Each section (`<section data-url="en/richtlijnen/">`) holds one page,
    whose links are relative to that page's address. Links to pages in the
    document jump there; every other link gets its absolute address; all of
    them but links within the page get `data-print-address`, which the
    stylesheet prints. Ids are made unique per page, and images are read
    from the site's files (SITE_FILES).
    """
    body = document.find("body")
    site_root = body.get("data-site-root", "/") if body is not None else "/"
    sections = [section for section in document.iter("section") if section.get("data-url") is not None and section.get("id")]
    anchors = {urljoin(site_root, section.get("data-url")): section.get("id") for section in sections}
    for section in sections:
        prefix = section.get("id")
        address = urljoin(site_root, section.get("data-url"))
        files = urljoin(SITE_FILES, section.get("data-url"))
        for element in section.iter():
            if element is not section and element.get("id"):
                element.set("id", f"{prefix}-{element.get('id')}")
            if element.tag == "a" and element.get("href") is not None:
                _link(element, element.get("href").strip(), address, prefix, anchors)
            if element.get("src") is not None:
                element.set("src", urljoin(files, element.get("src").strip()))


def _link(element: ET.Element, href: str, page_address: str, prefix: str, anchors: dict[str, str]) -> None:
    if href.startswith("#"):
        element.set("href", f"#{prefix}-{href[1:]}" if len(href) > 1 else f"#{prefix}")
        return
    address = urljoin(page_address, href)
    target, _, fragment = address.partition("#")
    if target in anchors:
        element.set("href", f"#{anchors[target]}-{fragment}" if fragment else f"#{anchors[target]}")
    else:
        element.set("href", address)
    if urlsplit(address).scheme in PRINTED_SCHEMES and "".join(element.itertext()).strip() != address:
        element.set("data-print-address", address)


class _Problems(logging.Handler):
    """WeasyPrint's warnings and errors while one PDF is made."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


@contextlib.contextmanager
def weasyprint_problems() -> Iterator[_Problems]:
    handler = _Problems()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def make_pdf(source: Path, site: Path) -> tuple[Path, int, list[str]]:
    """Write the PDF of `source` beside it and remove the source; the PDF, its number of pages and the problems."""
    import tinyhtml5
    import weasyprint

    document = tinyhtml5.parse(source.read_text(encoding="utf-8"), namespace_html_elements=False)
    print_links(document)
    html = ET.tostring(document, encoding="unicode", method="html")
    folder = source.parent.relative_to(site).as_posix()
    target = source.with_name(published_files.PDF)
    with weasyprint_problems() as problems:
        base_url = urljoin(SITE_FILES, "" if folder == "." else folder + "/")
        rendered = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_site_fetcher(site)).render(pdf_variant=PDF_VARIANT)
        rendered.write_pdf(target, pdf_variant=PDF_VARIANT, finisher=header_scopes)
    source.unlink()
    return target, len(rendered.pages), problems.messages


def header_scopes(document, pdf) -> None:
    """Give every table header cell (TH) in the PDF's tags its /Scope, which PDF/UA asks for.

    WeasyPrint 70 writes none, but it gives each header cell an ID and lists
    in each data cell's /Headers the header cells of its column and those of
    its row that have `scope="row"`. So a header cell that a data cell of its
    own row (the same TR) names is a row header; every other one heads its
    column. WeasyPrint calls this with the PDF's objects before writing them.
    """
    import pydyf

    elements = [item for item in pdf.objects if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/StructElem"]
    headers = {element["ID"].string: element for element in elements if element.get("S") == "/TH" and "ID" in element}
    row_headers = {key for element in elements if element.get("S") == "/TD"
                   for key in (header.string for header in element.get("A", {}).get("Headers", ()))
                   if key in headers and headers[key]["P"] == element["P"]}
    for element in elements:
        if element.get("S") == "/TH":
            element["A"]["Scope"] = "/Row" if "ID" in element and element["ID"].string in row_headers else "/Column"


def _site_fetcher(site: Path):
    """WeasyPrint's URL fetcher: `data:` addresses, and SITE_FILES from the site's folder; nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    site = site.resolve()

    class SiteFiles(URLFetcher):
        def fetch(self, url, headers=None):
            if urlsplit(url).scheme == "data":
                return super().fetch(url, headers)
            if url.startswith(SITE_FILES):
                path = (site / unquote(urlsplit(url).path).lstrip("/")).resolve()
                if path.is_relative_to(site) and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mimetypes.guess_type(path.name)[0] or "application/octet-stream"})
                raise ValueError(f"{url.removeprefix(SITE_FILES)} is not in the site")
            raise ValueError(f"{url} is not a file of the site; the PDF uses the site's own files only")

    return SiteFiles()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook_pdf.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    args = parser.parse_args(argv)
    found = sources(args.site)
    if not found:
        print(f"{args.site}: no {published_files.PRINT_SOURCE} in the site or its language folders; build the site with mkdocs build first")
        return 1
    try:
        import weasyprint  # noqa: F401 - loads Pango
    except OSError as error:  # a library WeasyPrint loads at import, from Debian's Pango
        print(f"handbook_pdf.py: WeasyPrint cannot start ({error}); install Debian's Pango: "
              f"sh scripts/install-system-packages.sh, or apt-get install libpango-1.0-0 libpangoft2-1.0-0", file=sys.stderr)
        return 2
    status = 0
    # One process per language: WeasyPrint works on one core, and the languages' PDFs do not depend on each other.
    with ProcessPoolExecutor(max_workers=min(len(found), os.cpu_count() or 1)) as pool:
        made = list(pool.map(make_pdf, found, [args.site] * len(found)))
    for target, pages, problems in made:
        for problem in problems:
            print(f"{target}: {problem}")
        status = status or int(bool(problems))
        print(f"{target}: {pages} pages")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
