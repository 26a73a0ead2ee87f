"""Read and write safetensors files, strictly.

The reference `safetensors` package is used when it is importable. Debian ships no package for it
and this project's machines reach no PyPI, so a small implementation of the format follows, with the
same checks as the reference library (and as packages/core/src/checkpoint/safetensors.ts): a header
length within the file, a JSON object header, known dtypes, shapes of non-negative integers, offsets
inside the data section that match dtype x shape and cover it contiguously with no hole and no
overlap. Nothing in a file is ever executed (no pickle).
"""
from __future__ import annotations

import json
import struct
from typing import Dict, Tuple

import torch

DTYPES = {
    "BOOL": (torch.bool, 1),
    "U8": (torch.uint8, 1),
    "I8": (torch.int8, 1),
    "I16": (torch.int16, 2),
    "F16": (torch.float16, 2),
    "BF16": (torch.bfloat16, 2),
    "I32": (torch.int32, 4),
    "F32": (torch.float32, 4),
    "F64": (torch.float64, 8),
    "I64": (torch.int64, 8),
}
NAMES = {dt: name for name, (dt, _) in DTYPES.items()}
# Defined by the format but without a torch 1.13 dtype: recognised, then refused by name.
UNSUPPORTED = {"U16": 2, "U32": 4, "U64": 8, "F8_E5M2": 1, "F8_E4M3": 1}
MAX_HEADER = 100_000_000


class SafetensorsError(ValueError):
    def __init__(self, message: str, tensor: str | None = None):
        super().__init__(message)
        self.tensor = tensor


def parse(data: bytes, where: str = "safetensors file") -> Tuple[Dict[str, torch.Tensor], Dict[str, str]]:
    """bytes -> ({name: tensor}, metadata). Raises SafetensorsError naming the tensor."""

    def fail(why: str, tensor: str | None = None):
        raise SafetensorsError(f"{where}: {why}", tensor)

    if len(data) < 8:
        fail(f"{len(data)} bytes is too short for the 8-byte header length")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        fail(f"header length {n} goes beyond the file ({len(data) - 8} bytes after the length field)")
    if n > MAX_HEADER:
        fail(f"header length {n} exceeds the {MAX_HEADER}-byte limit")
    try:
        text = data[8 : 8 + n].decode("utf-8")
    except UnicodeDecodeError:
        fail("header is not valid UTF-8")
    if not text.startswith("{"):
        fail("header does not start with '{'")
    try:
        header = json.loads(text)
    except json.JSONDecodeError as e:
        fail(f"header is not valid JSON ({e})")
    if not isinstance(header, dict):
        fail("header is not a JSON object")
    start = 8 + n
    size = len(data) - start
    metadata = header.pop("__metadata__", None) or {}
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        fail("__metadata__ is not an object of strings")
    spans = []
    out: Dict[str, torch.Tensor] = {}
    for name, spec in header.items():
        if not isinstance(spec, dict):
            fail(f"tensor '{name}': entry is not an object", name)
        extra = set(spec) - {"dtype", "shape", "data_offsets"}
        if extra:
            fail(f"tensor '{name}': unknown fields {', '.join(sorted(extra))}", name)
        dtype, shape, offsets = spec.get("dtype"), spec.get("shape"), spec.get("data_offsets")
        if dtype not in DTYPES and dtype not in UNSUPPORTED:
            fail(f"tensor '{name}': unknown dtype {json.dumps(dtype)}", name)
        if not isinstance(shape, list) or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape):
            fail(f"tensor '{name}': bad shape {json.dumps(shape)}", name)
        if not (isinstance(offsets, list) and len(offsets) == 2 and all(isinstance(o, int) and not isinstance(o, bool) and o >= 0 for o in offsets)):
            fail(f"tensor '{name}': data_offsets must be two non-negative integers, got {json.dumps(offsets)}", name)
        begin, end = offsets
        if end < begin:
            fail(f"tensor '{name}': data_offsets [{begin}, {end}] end before they begin", name)
        if end > size:
            fail(f"tensor '{name}': data_offsets [{begin}, {end}] go beyond the data section ({size} bytes)", name)
        width = DTYPES[dtype][1] if dtype in DTYPES else UNSUPPORTED[dtype]
        count = 1
        for d in shape:
            count *= d
        if end - begin != count * width:
            fail(f"tensor '{name}': data_offsets [{begin}, {end}] hold {end - begin} bytes but {dtype} {json.dumps(shape)} needs {count * width}", name)
        if dtype in UNSUPPORTED:
            fail(f"tensor '{name}': dtype {dtype} is not supported here", name)
        spans.append((begin, end, name))
        raw = bytearray(data[start + begin : start + end])
        t = torch.frombuffer(raw, dtype=DTYPES[dtype][0]) if raw else torch.empty(0, dtype=DTYPES[dtype][0])
        out[name] = t.reshape(shape)
    at = 0
    for begin, end, name in sorted(spans):
        if begin < at:
            fail(f"tensor '{name}': data_offsets [{begin}, {end}] overlap the previous tensor (which ends at {at})", name)
        if begin > at:
            fail(f"tensor '{name}': data_offsets [{begin}, {end}] leave a hole of {begin - at} bytes before it", name)
        at = end
    if at != size:
        fail(f"the tensors cover {at} bytes but the data section has {size} (trailing bytes)")
    return out, metadata


def serialize(tensors: Dict[str, torch.Tensor], metadata: Dict[str, str] | None = None) -> bytes:
    """Tensors in name order, header padded with spaces to a multiple of 8 bytes."""
    header: Dict[str, object] = {}
    if metadata:
        header["__metadata__"] = dict(metadata)
    parts = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().cpu().contiguous()
        if t.dtype not in NAMES:
            raise SafetensorsError(f"tensor '{name}': dtype {t.dtype} cannot be written", name)
        raw = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        parts.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(parts)


def load_file(path: str) -> Tuple[Dict[str, torch.Tensor], Dict[str, str]]:
    """(tensors, metadata) of a file; the reference library when installed, else `parse`."""
    try:
        from safetensors import safe_open  # type: ignore
    except ImportError:
        with open(path, "rb") as f:
            return parse(f.read(), f"'{path}'")
    # The reference library's own validation; then the same dtype policy as ours.
    try:
        with safe_open(path, framework="pt") as f:
            return {k: f.get_tensor(k) for k in f.keys()}, dict(f.metadata() or {})
    except Exception as e:  # its errors are not one class across versions
        raise SafetensorsError(f"'{path}': {e}") from e


def save_file(tensors: Dict[str, torch.Tensor], path: str, metadata: Dict[str, str] | None = None) -> None:
    with open(path + ".tmp", "wb") as f:
        f.write(serialize(tensors, metadata))
    import os

    os.replace(path + ".tmp", path)
