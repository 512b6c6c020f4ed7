"""The worker-process message format (aecore/serving/wire.py): round trips, and what a reader refuses."""

import io

import numpy as np
import pytest

from aecore.serving import wire


def test_a_message_round_trips_with_its_arrays_and_scalars():
    buf = io.BytesIO()
    coords = np.arange(12, dtype=np.float32).reshape(6, 2)
    rows = np.array([3, 1, 4, 1, 5, 9], dtype=np.int64)
    wire.send(buf, {"kind": "done", "seconds": 0.25, "n_codes": 6, "params": {"n_neighbors": 15}}, (coords, rows))
    wire.send(buf, {"kind": "progress", "phase": "layout", "fraction": 0.5})
    buf.seek(0)
    head, arrays = wire.receive(buf)
    assert head == {"kind": "done", "seconds": 0.25, "n_codes": 6, "params": {"n_neighbors": 15}}
    np.testing.assert_array_equal(arrays[0], coords)
    assert arrays[0].dtype == np.float32 and arrays[1].dtype == np.int64
    np.testing.assert_array_equal(arrays[1], rows)
    assert arrays[0].flags.writeable  # a copy, not a view of the read buffer
    assert wire.receive(buf) == ({"kind": "progress", "phase": "layout", "fraction": 0.5}, [])
    with pytest.raises(EOFError):
        wire.receive(buf)


def test_non_contiguous_and_empty_arrays_keep_their_values():
    buf = io.BytesIO()
    a = np.arange(20, dtype=np.float64).reshape(4, 5)[:, ::2]
    wire.send(buf, {"kind": "x"}, (a, np.zeros((0, 2), np.float32)))
    buf.seek(0)
    _, (got, empty) = wire.receive(buf)
    np.testing.assert_array_equal(got, a)
    assert empty.shape == (0, 2)


def test_object_arrays_are_not_sent():
    with pytest.raises(wire.WireError, match="dtype object"):
        wire.send(io.BytesIO(), {"kind": "x"}, (np.array([{"a": 1}], dtype=object),))


@pytest.mark.parametrize("raw, why", [
    (b'{"kind": "done", "arrays": [["float32", [4]]]}\n' + b"\x00" * 8, "cut short"),
    (b'{"kind": "done", "arrays": [["object", [1]]]}\n', "not one we send"),
    (b'{"kind": "done", "arrays": [["float32", [-1]]]}\n', "not one we send"),
    (b'{"kind": "done"}\n', "malformed"),
    (b"\x80\x04\x95 not json\n", "malformed"),
    (b'{"kind": "done", "arrays": []}', "cut short"),
])
def test_a_reader_refuses_what_we_never_send(raw, why):
    with pytest.raises(wire.WireError, match=why):
        wire.receive(io.BytesIO(raw))
