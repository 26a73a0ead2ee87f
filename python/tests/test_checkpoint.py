"""python/seq2seq_torch's safetensors reader/writer and load_export refuse bad input by name.

  PYTHONPATH=python /usr/bin/python3 -m unittest discover -s python/tests
(run by test/pytorch-twin.test.ts; also checked against the reference `safetensors` package when
it is importable)."""
import json
import os
import struct
import tempfile
import unittest

import torch

from seq2seq_torch.checkpoint import load_export, save_export
from seq2seq_torch.model import Seq2Seq
from seq2seq_torch.safetensors_io import SafetensorsError, parse, serialize

CONFIG = {
    "format": "seq2seq-checkpoint",
    "formatVersion": 1,
    "encoder": {"kind": "text-rnn", "config": {"vocabSize": 9, "embeddingDim": 4, "units": 3}},
    "decoder": {"kind": "lstm", "config": {"vocabSize": 7, "inputDim": 6, "embeddingDim": 4, "units": 5, "attention": "additive", "copy": True}},
    "model": {"projectWidth": False, "labelSmoothing": 0.1},
    "task": {"app": "translate"},
    "training": None,
    "optimizer": None,
}


def raw(header: dict, data: bytes, length: int | None = None) -> bytes:
    h = json.dumps(header).encode()
    return struct.pack("<Q", len(h) if length is None else length) + h + data


class SafetensorsTest(unittest.TestCase):
    def test_round_trip(self):
        t = {"a/k": torch.randn(2, 3), "b": torch.tensor([1, -2], dtype=torch.int32), "h": torch.randn(4).half()}
        data = serialize(t, {"x": "y"})
        self.assertEqual(struct.unpack("<Q", data[:8])[0] % 8, 0)
        back, meta = parse(data)
        self.assertEqual(meta, {"x": "y"})
        for k in t:
            self.assertTrue(torch.equal(back[k], t[k]), k)

    def test_reference_library_agrees(self):
        try:
            from safetensors.torch import load as ref_load, save as ref_save  # type: ignore
        except ImportError:
            self.skipTest("the reference safetensors package is not installed")
        t = {"w": torch.randn(3, 2), "v": torch.arange(5, dtype=torch.int32)}
        for k, v in ref_load(serialize(t)).items():
            self.assertTrue(torch.equal(v, t[k]))
        for k, v in parse(ref_save(t))[0].items():
            self.assertTrue(torch.equal(v, t[k]))

    def test_lying_headers(self):
        ok = {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}}
        data = bytes(24)
        self.assertEqual(len(parse(raw(ok, data))[0]), 2)
        cases = [
            (raw(ok, data, 10_000), r"header length 10000 goes beyond the file", None),
            (raw({**ok, "b": {"dtype": "Q4", "shape": [4], "data_offsets": [8, 24]}}, data), r"tensor 'b': unknown dtype", "b"),
            (raw({**ok, "b": {"dtype": "F32", "shape": [5], "data_offsets": [8, 24]}}, data), r"tensor 'b': .* needs 20", "b"),
            (raw({**ok, "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 40]}}, data), r"tensor 'b': .* beyond the data section", "b"),
            (raw({**ok, "b": {"dtype": "F32", "shape": [4], "data_offsets": [4, 20]}}, data), r"tensor 'b': .* overlap", "b"),
            (raw({"a": ok["a"], "b": {"dtype": "F32", "shape": [3], "data_offsets": [12, 24]}}, data), r"tensor 'b': .* hole of 4 bytes", "b"),
            (raw({"a": ok["a"]}, data), r"cover 8 bytes but the data section has 24", None),
        ]
        for blob, message, tensor in cases:
            with self.assertRaisesRegex(SafetensorsError, message) as cm:
                parse(blob)
            self.assertEqual(cm.exception.tensor, tensor)


class LoadExportTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        torch.manual_seed(0)
        save_export(Seq2Seq(CONFIG), CONFIG, self.dir)

    def edit(self, fn):
        path = os.path.join(self.dir, "model.safetensors")
        with open(path, "rb") as f:
            tensors, meta = parse(f.read())
        fn(tensors)
        with open(path, "wb") as f:
            f.write(serialize(tensors, meta))

    def test_loads(self):
        model, config = load_export(self.dir)
        self.assertEqual(config["task"], {"app": "translate"})
        self.assertIn("decoder.copy_gate.kernel", model.state_dict())

    def test_refusals_name_the_tensor(self):
        cases = [
            (lambda t: t.__setitem__("bert/embeddings", torch.zeros(2)), r"unexpected tensor 'bert/embeddings'"),
            (lambda t: t.pop("decoder/attention/v"), r"missing tensor 'decoder/attention/v'"),
            (lambda t: t.__setitem__("decoder/output/kernel", torch.zeros(7, 5)), r"tensor 'decoder/output/kernel' has shape \[7, 5\] but the model needs \[5, 7\]"),
            (lambda t: t.__setitem__("decoder/copy_gate/bias", torch.zeros(1, dtype=torch.int32)), r"tensor 'decoder/copy_gate/bias' has dtype torch.int32"),
        ]
        for fn, message in cases:
            self.setUp()
            self.edit(fn)
            with self.assertRaisesRegex(SafetensorsError, message):
                load_export(self.dir)


if __name__ == "__main__":
    unittest.main()
