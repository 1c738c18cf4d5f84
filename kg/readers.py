"""Bytes → text: .txt/.md in any common Chinese encoding, .docx, .pdf; folders recursively."""

from __future__ import annotations

import hashlib
import io
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MAX_BYTES, MAX_DOCX_XML, MAX_TEXT_CHARS, E, InputError, TooLargeError, too_large
from .records import Source

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}
_PACKAGING = {"__init__.py", "__pycache__"}  # Python package files next to bundled samples: never reports
# half of a surrogate pair (a PDF may map a glyph to one) and Unicode non-characters (U+FFFE, U+FDD0 …):
# no RDF tool accepts them, so they become U+FFFD, one for one (offsets stay the same)
_SURROGATE = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")


@dataclass
class Found:
    """What a list of paths expands to: report files with their corpus paths, and what was left out."""

    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, path within the corpus)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, sentence): given but unusable
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, sentence): in a folder, not a report


def find_files(paths: list[Path]) -> Found:
    """Expand files and folders (recursively, hidden entries skipped) into report files, sorted.

    A folder's corpus path is its name plus the path inside it; a file given directly is known by its name.
    Files of other types in a folder are skipped with a notice; links that lead out of the folder given are
    refused, as are devices, pipes and sockets.
    """
    found = Found()
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            _walk(path, found, seen)
        elif path.exists() or path.is_symlink():
            problem = _irregular(path)
            if problem:
                found.failed.append((str(path), problem))
            elif str(path) not in seen:
                seen.add(str(path))
                found.files.append((path, path.name))
        else:
            found.failed.append((str(path), InputError(E.PATH_MISSING, path=path).args[0]))
    found.files.sort(key=lambda f: (f[1], str(f[0])))
    return found


def _walk(root: Path, found: Found, seen: set[str]) -> None:
    base = root.resolve()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") or part in _PACKAGING for part in rel.parts) or path.is_dir():
            continue
        corpus_path = f"{root.resolve().name or root.name}/{rel.as_posix()}"
        if path.suffix.lower() not in SUFFIXES:
            found.skipped.append((str(path), InputError(E.UNSUPPORTED, path=path,
                                                        suffix=path.suffix.lower()[1:] or "(none)").args[0]))
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(base):
                found.failed.append((str(path), InputError(E.OUTSIDE_LINK, path=path, target=target).args[0]))
                continue
        problem = _irregular(path)
        if problem:
            found.failed.append((str(path), problem))
        elif str(path) not in seen:
            seen.add(str(path))
            found.files.append((path, corpus_path))


def _irregular(path: Path) -> str | None:
    """A sentence when path is not a regular file that can be read (a device, pipe, socket, dangling link)."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return InputError(E.UNREADABLE, path=path, reason=err.strerror or err).args[0]
    if not stat.S_ISREG(mode):
        return InputError(E.NOT_REGULAR, path=path).args[0]
    return None


def read(path: Path, rel: str = "") -> Source:
    """Read one report file; raise InputError with one clear sentence when it cannot be used.

    Only regular files are read, at most MAX_BYTES of them; a .docx or .pdf may expand to at most
    MAX_TEXT_CHARS characters, checked while it is read.
    """
    if path.is_dir():
        raise InputError(E.NOT_A_FILE, path=path)
    if not path.exists() and not path.is_symlink():
        raise InputError(E.PATH_MISSING, path=path)
    problem = _irregular(path)
    if problem:
        raise InputError(problem)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise too_large(str(path), size)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise InputError(E.UNREADABLE, path=path, reason=err.strerror or err) from None
    if len(data) > MAX_BYTES:
        raise too_large(str(path), len(data))
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text, encoding, fmt = _docx(path, data), "docx", "docx"
    elif suffix == ".pdf":
        text, encoding, fmt = _pdf(path, data), "pdf", "pdf"
    else:
        text, encoding = decode(data, str(path))
        fmt = "md" if suffix in {".md", ".markdown"} else "txt"
    text = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(E.EMPTY, path=path)
    return Source(path=str(path), text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(), fmt=fmt,
                  rel=rel)


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode report bytes, detecting UTF-8 (± BOM), UTF-16 and GB18030/GBK; return (text, encoding)."""
    if not data.strip():
        raise InputError(E.EMPTY, path=name)
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name), "utf-16"
    guess = _utf16_without_bom(data)
    if guess:
        return _strict(data, guess, name), guess
    if b"\x00" in data[:4096]:
        raise InputError(E.BINARY, path=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _plausible_chinese(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    for encoding in ("big5hkscs", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_chinese(text):
            return text, encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and _plausible_chinese(str(best)):
        return str(best), best.encoding
    raise InputError(E.UNDECODABLE, path=name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(E.BAD_ENCODING, path=name, encoding=encoding) from None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    # Chinese UTF-16 has few NULs; ASCII-heavy UTF-16 has NULs on one side only.
    if odd.count(0) > 0.3 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    try:
        text = data.decode("utf-16-le")
    except UnicodeDecodeError:
        return None
    han = sum(1 for ch in text[:1000] if "\u4e00" <= ch <= "\u9fff")
    if b"\x00" in data and han > 0.5 * min(len(text), 1000):
        return "utf-16-le"
    return None


def _plausible_chinese(text: str) -> bool:
    sample = text[:5000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t")
              or "\ue000" <= ch <= "\uf8ff" or "\u3040" <= ch <= "\u30ff")
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return bad < 0.01 * len(sample) and han > 0.1 * len(sample)


def _docx_expansion(path: Path, data: bytes) -> None:
    """Refuse a .docx whose parts expand beyond MAX_DOCX_XML bytes, from the zip directory, before parsing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            expanded = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(E.BAD_DOCX, path=path) from None
    if expanded > MAX_DOCX_XML:
        raise TooLargeError(E.TEXT_TOO_LARGE, path=path, limit=f"{MAX_TEXT_CHARS / 1e6:g}")


def _too_long(path: Path) -> TooLargeError:
    return TooLargeError(E.TEXT_TOO_LARGE, path=path, limit=f"{MAX_TEXT_CHARS / 1e6:g}")


def _docx(path: Path, data: bytes) -> str:
    _docx_expansion(path, data)
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception:
        raise InputError(E.BAD_DOCX, path=path) from None
    lines: list[str] = []
    chars = 0
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))
                lines.append("\t".join(cells))
        else:
            continue
        chars += len(lines[-1]) + 1
        if chars > MAX_TEXT_CHARS:
            raise _too_long(path)
    return "\n".join(lines)


def _pdf(path: Path, data: bytes) -> str:
    import logging
    import warnings

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        from pypdf import PdfReader

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            pages: list[str] = []
            chars = 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                chars += len(pages[-1]) + 1
                if chars > MAX_TEXT_CHARS:
                    raise _too_long(path)
    except TooLargeError:
        raise
    except Exception:
        raise InputError(E.BAD_PDF, path=path) from None
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(E.NO_TEXT_LAYER, path=path)
    return text
