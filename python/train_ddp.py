"""Data-parallel training of the PyTorch twin (DistributedDataParallel), from the tokenised shards
that `seq2seq export-data` writes, to an export folder that `seq2seq import` turns into our
checkpoint format. See README.md for the GPU / multi-node command lines.

  torchrun --nproc_per_node 2 python/train_ddp.py --model EXPORT --data DATA --out OUT --steps 200

--model is an export folder (`seq2seq export`): its config.json fixes the architecture and the
vocabularies; training starts from its weights, or from a fresh initialisation with --init random.
Each process reads every world_size-th example; gradients are averaged by DDP (gloo on CPU, NCCL on
GPUs); process 0 logs one JSON line per --log-every steps and writes OUT.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402
import torch.distributed as dist  # noqa: E402
from torch.nn.parallel import DistributedDataParallel as DDP  # noqa: E402

from seq2seq_torch.checkpoint import load_export, read_config, save_export  # noqa: E402
from seq2seq_torch.model import EOS, PAD, SOS, Seq2Seq  # noqa: E402


def read_shards(folder: str, rank: int, world: int):
    with open(os.path.join(folder, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    if meta.get("format") != "seq2seq-shards" or meta.get("version") != 1:
        raise ValueError(f"'{folder}/meta.json' is not seq2seq-shards version 1")
    shards = meta["shards"]
    # Whole shards per process when there are enough of them (each reads only its own files);
    # else every process reads all and keeps every world-th example.
    if len(shards) >= world:
        mine, stride = shards[rank::world], 1
    else:
        mine, stride = shards, world
    examples = []
    for s in mine:
        with open(os.path.join(folder, s["file"]), encoding="utf-8") as f:
            examples += [json.loads(line) for line in f if line.strip()]
    if stride > 1:
        examples = examples[rank::stride]
    if not examples:
        raise ValueError(f"process {rank} of {world} got no examples from '{folder}'")
    return meta, examples


def make_batch(rows, copy_map, device):
    """batches.ts makeBatch: right-padded source ids + mask (+ copy ids), <sos> target / target <eos>."""
    b = len(rows)
    s = max(len(r["source"]) for r in rows)
    t = max(len(r["target"]) for r in rows) + 1
    ids = torch.full((b, s), PAD, dtype=torch.long)
    mask = torch.zeros(b, s)
    copy = torch.full((b, s), -1, dtype=torch.long)
    t_in = torch.full((b, t), PAD, dtype=torch.long)
    t_out = torch.full((b, t), PAD, dtype=torch.long)
    t_mask = torch.zeros(b, t)
    for i, r in enumerate(rows):
        src, tgt = r["source"], r["target"]
        ids[i, : len(src)] = torch.tensor(src)
        mask[i, : len(src)] = 1
        copy[i, : len(src)] = torch.tensor([copy_map[x] for x in src])
        t_in[i, : len(tgt) + 1] = torch.tensor([SOS] + tgt)
        t_out[i, : len(tgt) + 1] = torch.tensor(tgt + [EOS])
        t_mask[i, : len(tgt) + 1] = 1
    to = lambda x: x.to(device)  # noqa: E731
    return (to(ids), to(mask), to(copy)), to(t_in), to(t_out), to(t_mask)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="export folder (seq2seq export): config.json + model.safetensors")
    ap.add_argument("--data", required=True, help="folder written by seq2seq export-data")
    ap.add_argument("--out", required=True, help="export folder to write (seq2seq import reads it)")
    ap.add_argument("--init", choices=["model", "random"], default="model", help="start from --model's weights or a fresh initialisation")
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--batch-size", type=int, default=32, help="examples per process per step")
    ap.add_argument("--lr", type=float, default=0.002)
    ap.add_argument("--clip", type=float, default=5.0, help="gradient norm clip (0 = off)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--log-every", type=int, default=10)
    ap.add_argument("--backend", choices=["auto", "gloo", "nccl"], default="auto", help="auto: nccl with CUDA, else gloo")
    a = ap.parse_args()

    backend = a.backend if a.backend != "auto" else ("nccl" if torch.cuda.is_available() else "gloo")
    dist.init_process_group(backend)
    rank, world = dist.get_rank(), dist.get_world_size()
    local = int(os.environ.get("LOCAL_RANK", 0))
    device = torch.device("cuda", local) if backend == "nccl" else torch.device("cpu")
    if device.type == "cuda":
        torch.cuda.set_device(device)
    torch.manual_seed(a.seed)  # the same initialisation everywhere (DDP also broadcasts rank 0's)

    if a.init == "model":
        model, config = load_export(a.model)
    else:
        config = read_config(a.model)
        model = Seq2Seq(config)
    model.to(device).train()
    meta, examples = read_shards(a.data, rank, world)
    dec = config["decoder"]["config"]
    if meta["targetVocabSize"] != dec["vocabSize"] or meta["sourceVocabSize"] != config["encoder"]["config"]["vocabSize"]:
        raise ValueError("the shards were tokenised with other vocabularies than the model's (re-run seq2seq export-data --model with this model)")
    copy_map = meta["copyMap"]
    ddp = DDP(model, device_ids=[local] if device.type == "cuda" else None)
    opt = torch.optim.Adam(ddp.parameters(), lr=a.lr)
    rng = random.Random(a.seed * 1000 + rank)  # a different example order per process
    order: list = []
    start = time.time()
    for step in range(1, a.steps + 1):
        if len(order) < a.batch_size:
            more = list(range(len(examples)))
            rng.shuffle(more)
            order += more
        rows = [examples[i] for i in order[: a.batch_size]]
        del order[: a.batch_size]
        inputs, t_in, t_out, t_mask = make_batch(rows, copy_map, device)
        loss = ddp(inputs, t_in, t_out, t_mask)
        opt.zero_grad()
        loss.backward()
        if a.clip > 0:
            torch.nn.utils.clip_grad_norm_(ddp.parameters(), a.clip)
        opt.step()
        if step % a.log_every == 0 or step == 1 or step == a.steps:
            mean = loss.detach().clone()
            dist.all_reduce(mean)
            if rank == 0:
                print(json.dumps({"step": step, "loss": round(mean.item() / world, 5), "seconds": round(time.time() - start, 2), "processes": world}), flush=True)
    if rank == 0:
        model.eval()
        save_export(model, config, a.out)
        print(json.dumps({"out": a.out, "steps": a.steps}), flush=True)
    dist.barrier()
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
