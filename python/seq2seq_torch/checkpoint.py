"""Load and save the folders that `seq2seq export` writes and `seq2seq import` reads:
model.safetensors (our weight names, '/'-separated, float32) + config.json (our checkpoint config,
vocabularies included). A state_dict key is our name with '/' written '.'."""
from __future__ import annotations

import json
import os
from typing import Tuple

import torch

from .model import Seq2Seq
from .safetensors_io import SafetensorsError, load_file, save_file

WEIGHTS, CONFIG = "model.safetensors", "config.json"
FORMAT, VERSION = "seq2seq-safetensors", "1"


def read_config(folder: str) -> dict:
    path = os.path.join(folder, CONFIG)
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    if config.get("format") != "seq2seq-checkpoint" or config.get("formatVersion") != 1:
        raise ValueError(f"'{path}' is not a seq2seq checkpoint config (format {config.get('format')!r}, version {config.get('formatVersion')!r})")
    return config


def load_export(folder: str) -> Tuple[Seq2Seq, dict]:
    """(model in eval mode, config). Every tensor is checked against the model the config describes:
    unexpected, missing, mis-shaped or non-float tensors are refused, naming the tensor."""
    config = read_config(folder)
    path = os.path.join(folder, WEIGHTS)
    tensors, meta = load_file(path)
    projection = tensors.get("width_projection/kernel")
    model = Seq2Seq(config, encoder_width=int(projection.shape[0]) if projection is not None and projection.dim() == 2 else None)
    for side in ("encoder", "decoder"):
        said = meta.get(f"seq2seq.{side}")
        if said is not None and said != config[side]["kind"]:
            raise SafetensorsError(f"'{path}': metadata says {side} '{said}' but config.json describes '{config[side]['kind']}'")
    own = model.state_dict()
    for name in tensors:
        if name.replace("/", ".") not in own:
            raise SafetensorsError(f"'{path}': unexpected tensor '{name}' (not a weight of this model; another architecture?)", name)
    state = {}
    for key, ref in own.items():
        name = key.replace(".", "/")
        if name not in tensors:
            raise SafetensorsError(f"'{path}': missing tensor '{name}' (float32 {list(ref.shape)})", name)
        t = tensors[name]
        if list(t.shape) != list(ref.shape):
            raise SafetensorsError(f"'{path}': tensor '{name}' has shape {list(t.shape)} but the model needs {list(ref.shape)}", name)
        if t.dtype not in (torch.float32, torch.float16, torch.bfloat16):
            raise SafetensorsError(f"'{path}': tensor '{name}' has dtype {t.dtype}; expected a float dtype", name)
        state[key] = t.float()
    model.load_state_dict(state)
    model.eval()
    return model, config


def save_export(model: Seq2Seq, config: dict, folder: str) -> None:
    """Writes model.safetensors (float32, our names) and config.json (training state dropped)."""
    os.makedirs(folder, exist_ok=True)
    model = getattr(model, "module", model)  # a DistributedDataParallel wrapper
    tensors = {k.replace(".", "/"): v.detach().float().cpu() for k, v in model.state_dict().items()}
    meta = {"format": "pt", "seq2seq.format": FORMAT, "seq2seq.version": VERSION, "seq2seq.encoder": config["encoder"]["kind"], "seq2seq.decoder": config["decoder"]["kind"]}
    save_file(tensors, os.path.join(folder, WEIGHTS), meta)
    out = {**config, "training": None, "optimizer": None}
    with open(os.path.join(folder, CONFIG), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
