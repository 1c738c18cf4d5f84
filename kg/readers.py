"""Bytes → text: .txt/.md in any common Chinese encoding, .docx, .pdf; folders recursively."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from .errors import MAX_BYTES, InputError, too_large
from .records import Source

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}


def find_files(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand files and folders (recursively) into report files, sorted; also list paths that do not exist."""
    found: list[Path] = []
    missing: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES
                         and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            found.append(path)
        else:
            missing.append((str(path), f"{path}: no such file or folder."))
    unique = sorted(dict.fromkeys(found), key=lambda p: str(p))
    return unique, missing


def read(path: Path) -> Source:
    """Read one report file; raise InputError with one clear sentence when it cannot be used."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror}).") from None
    if size > MAX_BYTES:
        raise too_large(str(path), size)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror}).") from None
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text, encoding, fmt = _docx(path, data), "docx", "docx"
    elif suffix == ".pdf":
        text, encoding, fmt = _pdf(path, data), "pdf", "pdf"
    else:
        text, encoding = decode(data, str(path))
        fmt = "md" if suffix in {".md", ".markdown"} else "txt"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: the file is empty; there is no report text to read.")
    return Source(path=str(path), text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(), fmt=fmt)


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode report bytes, detecting UTF-8 (± BOM), UTF-16 and GB18030/GBK; return (text, encoding)."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty; there is no report text to read.")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name), "utf-16"
    guess = _utf16_without_bom(data)
    if guess:
        return _strict(data, guess, name), guess
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: this looks like a binary file, not a text report.")
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
    raise InputError(
        f"{name}: the text could not be decoded as UTF-8, UTF-16, GB18030/GBK or Big5; save it as UTF-8 and retry."
    )


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{name}: the file claims {encoding} but is not valid {encoding}.") from None


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


def _docx(path: Path, data: bytes) -> str:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception:
        raise InputError(f"{path}: not a readable .docx file (corrupt or not a Word document).") from None
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))
                lines.append("\t".join(cells))
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
            pages = [page.extract_text() or "" for page in reader.pages]
    except Exception:
        raise InputError(f"{path}: not a readable .pdf file (corrupt or encrypted).") from None
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(f"{path}: the PDF has no text layer (a scan?); run OCR first.")
    return text
