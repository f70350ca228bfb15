"""The same pages give the same Pagefind bundle, byte for byte.

Pagefind 1.5 writes each filter's values, and the list of filters in its language meta file,
in hash-map order, which changes from run to run (its own source says "TODO: Change filter
indexes to BTree to give them a stable hash"). The site promises byte-identical builds of a
commit (tests/test_site.py, tests/test_sample_site.py), so after Pagefind has written the
bundle, each filter file and the meta file are rewritten with their entries sorted, named after
their content, and pagefind-entry.json points at the renamed meta file. The files are CBOR,
gzipped behind Pagefind's signature; only what is needed of CBOR is read and written here."""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


@dataclass(frozen=True)
class _Raw:
    """A CBOR item kept as its bytes (simple values, floats, tags)."""

    data: bytes


@dataclass(frozen=True)
class _Map:
    pairs: tuple[tuple[object, object], ...]


def _argument(data: bytes, at: int, info: int) -> tuple[int, int]:
    if info < 24:
        return info, at
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return int.from_bytes(data[at : at + size], "big"), at + size


def _decode(data: bytes, at: int = 0) -> tuple[object, int]:
    start, major, info = at, data[at] >> 5, data[at] & 31
    if major == 7 or major == 6:
        end = at + 1 + {24: 1, 25: 2, 26: 4, 27: 8}.get(info, 0)
        if major == 6:  # a tag and the item it tags, kept as they are
            _, inner = _argument(data, at + 1, info)
            _, end = _decode(data, inner)
        return _Raw(data[start:end]), end
    value, at = _argument(data, at + 1, info)
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        chunk = data[at : at + value]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + value
    items: list[object] = []
    for _ in range(value * (2 if major == 5 else 1)):
        item, at = _decode(data, at)
        items.append(item)
    if major == 5:
        return _Map(tuple(zip(items[::2], items[1::2], strict=True))), at
    return items, at


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError(value)


def _encode(item: object) -> bytes:
    if isinstance(item, _Raw):
        return item.data
    if isinstance(item, bool) or item is None:
        raise TypeError(item)
    if isinstance(item, int):
        return _head(0, item) if item >= 0 else _head(1, -1 - item)
    if isinstance(item, bytes):
        return _head(2, len(item)) + item
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(item, list):
        return _head(4, len(item)) + b"".join(_encode(x) for x in item)
    if isinstance(item, _Map):
        return _head(5, len(item.pairs)) + b"".join(_encode(k) + _encode(v) for k, v in item.pairs)
    raise TypeError(item)


def _read(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    return _decode(data[len(SIGNATURE) :] if data.startswith(SIGNATURE) else data)[0]


def _write(folder: Path, prefix: str, language: str, suffix: str, item: object, length: int) -> str:
    """``item`` gzipped behind the signature into a file named after its content; its hash."""
    raw = _encode(item)
    name = f"{language}_{hashlib.sha256(raw).hexdigest()[:length]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(SIGNATURE + raw, mtime=0))
    return name


def stabilise(bundle: Path) -> None:
    """Sort the filters of every language in the Pagefind bundle at ``bundle`` (see above)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        if not isinstance(meta, list) or len(meta) < 4 or not isinstance(meta[3], list) or not meta[3]:
            continue  # no filters: nothing unstable
        filters = []
        for name, old in meta[3]:
            old_path = bundle / "filter" / f"{old}.pf_filter"
            index = _read(old_path)
            assert isinstance(index, list) and isinstance(index[1], list)
            index[1] = sorted(index[1], key=lambda v: str(v[0]))
            old_path.unlink()
            filters.append([name, _write(bundle / "filter", "", language, ".pf_filter", index, 7)])
        meta[3] = sorted(filters, key=lambda f: str(f[0]))
        meta_path.unlink()
        info["hash"] = _write(bundle, "pagefind.", language, ".pf_meta", meta, 10)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
