"""Web pages: the main text with trafilatura, dates with htmldate, metadata from the page.

Scripts, styles and markup never reach the text: trafilatura keeps the article's prose only.
A page it finds no article in (markup nested deeper than the HTML parser follows, a page
of bare paragraphs) falls back to every visible text node, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html.parser import HTMLParser

import htmldate
import trafilatura
from trafilatura.settings import Document as Extracted

from wirescope.ingest.document import Document, DocumentError, content_id
from wirescope.settings import Settings, resolved

# Elements whose content is never prose a reader sees.
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "head", "title", "iframe", "object"}
)
# Elements that end a line of text in the fallback rendering.
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
     "blockquote", "pre", "header", "footer", "table", "ul", "ol", "dd", "dt"}
)  # fmt: skip
_AUTHOR_SPLIT = re.compile(r"\s*;\s*")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass
class Page:
    """What a web page yields: its main text and the metadata it declares."""

    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def looks_like_html(text: str) -> bool:
    """True for text that opens like an HTML document (doctype, <html>, <head> or <body>)."""
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<meta", "<?xml")) and (
        "<html" in text[:4096].lower() or "<body" in text[:4096].lower()
    )


class _VisibleText(HTMLParser):
    """Every text node outside scripts, styles and other invisible elements, by lines.

    Python's HTML parser keeps no tree, so markup of any depth costs nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._current: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)

    def _break(self) -> None:
        line = _SPACES.sub(" ", "".join(self._current)).strip()
        if line:
            self.lines.append(line)
        self._current = []

    def text(self) -> str:
        self._break()
        return "\n".join(self.lines)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.text()


def _extract(
    html: str, url: str | None, *, with_metadata: bool, settings: Settings | None = None
) -> Extracted | None:
    """trafilatura with the settings chosen on the benchmark (settings.toml, [ingest]).

    Readers' comments come back apart (`comments`), never in `text`: only the text is read."""
    config = resolved(settings).ingest
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=with_metadata,
        include_comments=config.html_include_comments,
        include_tables=config.html_include_tables,
        favor_precision=config.html_favor_precision,
        favor_recall=config.html_favor_recall,
        fast=config.html_fast,
    )
    return result if isinstance(result, Extracted) and (result.text or "").strip() else None


def main_text(html: str, url: str | None = None, *, settings: Settings | None = None) -> str:
    """The article's text alone, as the benchmark scores it ("" when none is found)."""
    result = _extract(html, url, with_metadata=False, settings=settings)
    return result.text or "" if result else ""


def _updated(html: str, published: str | None) -> str | None:
    """The latest date the page declares, when later than its publication date."""
    try:
        # The page's own "modified" markup before a date in its URL (the publication day).
        latest = htmldate.find_date(
            html, original_date=False, extensive_search=False, deferred_url_extractor=True
        )
    except (ValueError, TypeError):
        return None
    return latest if latest and published and latest > published else None


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    """True when `shorter` appears in `longer` as a run of consecutive words."""
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def is_headline(line: str, title: str, *, settings: Settings | None = None) -> bool:
    """True for a line that repeats the title: the same words, give or take the site's name
    around it ("Headline | Site", "Opinion | Headline") or a word or two edited."""
    words, title_words = _words(line), _words(title)
    config = resolved(settings).ingest
    shortest = config.headline_min_words
    if len(words) < shortest or not title_words:
        return False
    if len(title_words) < shortest:  # "Talks": too short to tell a line that repeats it
        return words == title_words
    if _contains(title_words, words) or _contains(words, title_words):
        return True
    similarity = SequenceMatcher(None, words, title_words, autojunk=False).ratio()
    return similarity >= config.headline_similarity


def parse_page(html: str, url: str | None = None, *, settings: Settings | None = None) -> Page:
    """The main text and metadata of one page; an empty text when the page has none."""
    result = _extract(html, url, with_metadata=True, settings=settings)
    if result is None:
        page = Page(text=visible_text(html), url=url)
        if page.text:
            page.warnings.append("no article found in the page: all its visible text is kept")
        return page
    published = result.date or None
    authors = [name for name in _AUTHOR_SPLIT.split(result.author or "") if name]
    return Page(
        # A headline repeated in the text stays, as page furniture (stages/furniture.py):
        # cutting it here lost on pages the settings were not tuned on.
        text=result.text or "",
        title=result.title or None,
        url=result.url or url,
        publisher=result.sitename or result.hostname or None,
        published=published,
        updated=_updated(html, published),
        authors=authors,
    )


def html_document(
    html: str,
    origin: str,
    doc_id: str | None,
    url: str | None = None,
    *,
    settings: Settings | None = None,
) -> Document:
    """A document from a web page. Raises DocumentError for a page without text."""
    limit = resolved(settings).ingest.max_html_chars
    if len(html) > limit:
        raise DocumentError(
            origin,
            f"HTML of {len(html)} characters is over the limit of {limit}",
        )
    page = parse_page(html, url, settings=settings)
    if not page.text.strip():
        raise DocumentError(origin, "no text in the HTML page")
    return Document(
        id=doc_id or page.url or content_id(page.text),
        text=page.text,
        title=page.title,
        url=page.url,
        published=page.published,
        publisher=page.publisher,
        updated=page.updated,
        authors=page.authors,
        origin=origin,
        warnings=page.warnings,
    )
