"""Runs an exported model on a batch given as JSON and writes what it computes, so the TS tests
(and anyone porting a model) can compare the twin with the JS toolkit.

  python3 -m seq2seq_torch.parity --model EXPORT --batch batch.json --out result.json [--resave DIR]
  python3 -m seq2seq_torch.parity --jobs jobs.json --out results.json


batch.json: {"inputs": {"ids": [[..]], "mask": [[..]], "copyIds": [[..]]}        (text)
                       {"features": [[[..]]], "mask": [[..]]}                    (audio, image)
             "targetIn": [[..]], "maxLength": N}
result.json: {"logits": [...flat...], "shape": [B, T, V], "greedy": [[ids]], "margins": [..]}
  (margins: per sentence, the smallest gap between the best and second-best log-probability of its
  greedy steps; greedy outputs can only differ between implementations where it is ~1e-6)
--resave DIR writes the loaded model back out with save_export (the JS -> PyTorch -> JS round trip).
jobs.json: [{"model": EXPORT, "batch": {...}, "resave": DIR?}, ...] -> a list of results (one
  process for many models: importing torch is the slow part).
"""
from __future__ import annotations

import argparse
import json

import torch

from .checkpoint import load_export, save_export


def model_inputs(kind: str, inputs: dict):
    if kind == "text-rnn":
        ids = torch.tensor(inputs["ids"], dtype=torch.long)
        copy = torch.tensor(inputs["copyIds"], dtype=torch.long) if "copyIds" in inputs else None
        return (ids, torch.tensor(inputs["mask"], dtype=torch.float32), copy)
    features = torch.tensor(inputs["features"], dtype=torch.float32)
    mask = torch.tensor(inputs["mask"], dtype=torch.float32) if "mask" in inputs else None
    return (features, mask)


def run(model_dir: str, batch: dict, resave: str | None = None) -> dict:
    model, config = load_export(model_dir)
    inputs = model_inputs(config["encoder"]["kind"], batch["inputs"])
    with torch.no_grad():
        logits = model.logits(inputs, torch.tensor(batch["targetIn"], dtype=torch.long))
    greedy, margins = model.greedy_with_margins(inputs, int(batch.get("maxLength", 50)))
    if resave:
        save_export(model, config, resave)
    return {"logits": logits.reshape(-1).tolist(), "shape": list(logits.shape), "greedy": greedy, "margins": margins}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model")
    ap.add_argument("--batch")
    ap.add_argument("--jobs")
    ap.add_argument("--out", required=True)
    ap.add_argument("--resave")
    a = ap.parse_args()
    torch.set_num_threads(1)
    if a.jobs:
        with open(a.jobs, encoding="utf-8") as f:
            result = [run(j["model"], j["batch"], j.get("resave")) for j in json.load(f)]
    else:
        if not (a.model and a.batch):
            ap.error("give --model and --batch, or --jobs")
        with open(a.batch, encoding="utf-8") as f:
            result = run(a.model, json.load(f), a.resave)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
