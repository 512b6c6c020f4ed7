"""Messages between the app and its worker processes: a JSON line, then raw numeric arrays.

No pickle: a message's header is one line of JSON (``{"kind": ..., ..., "arrays": [[dtype, shape], ...]}``)
and each array follows as its C-ordered bytes. Only plain numeric dtypes are accepted, so a reader
never builds anything but numbers and strings from what it reads.
"""

from __future__ import annotations

import json
from typing import BinaryIO

import numpy as np

DTYPES = frozenset({"float32", "float64", "int32", "int64", "uint8", "bool"})
MAX_HEADER = 1 << 20  # bytes; a header is a few hundred


class WireError(ValueError):
    """A message that is not one of ours: cut short, malformed, or of a dtype we do not send."""


def send(stream: BinaryIO, header: dict, arrays: tuple[np.ndarray, ...] = ()) -> None:
    """Write one message: ``header`` (JSON-able, without the key "arrays") and the arrays after it."""
    arrays = tuple(np.ascontiguousarray(a) for a in arrays)
    for a in arrays:
        if a.dtype.name not in DTYPES:
            raise WireError(f"cannot send an array of dtype {a.dtype.name}")
    line = json.dumps({**header, "arrays": [[a.dtype.name, list(a.shape)] for a in arrays]}, allow_nan=True)
    stream.write(line.encode() + b"\n")
    for a in arrays:
        stream.write(a.tobytes())
    stream.flush()


def receive(stream: BinaryIO) -> tuple[dict, list[np.ndarray]]:
    """Read one message; ``EOFError`` when the stream ended between messages, ``WireError`` inside one."""
    line = stream.readline(MAX_HEADER)
    if not line:
        raise EOFError
    if not line.endswith(b"\n"):
        raise WireError("a message header was cut short or is too long")
    try:
        header = json.loads(line)
        specs = [(str(d), [int(n) for n in shape]) for d, shape in header.pop("arrays")]
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise WireError(f"a malformed message header ({e})") from None
    arrays = []
    for dtype, shape in specs:
        if dtype not in DTYPES or any(n < 0 for n in shape):
            raise WireError(f"an array of dtype {dtype} and shape {shape} is not one we send")
        size = int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize
        data = stream.read(size)
        if len(data) != size:
            raise WireError("a message was cut short")
        arrays.append(np.frombuffer(data, dtype=dtype).reshape(shape).copy())
    return header, arrays
