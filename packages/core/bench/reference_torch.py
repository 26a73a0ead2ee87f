"""The bench's reference model in PyTorch, driven over stdin by bench.ts (side by side, alternating).

Same model as reference-model.ts: embedding 128, one-layer LSTM 256 encoder and decoder (decoder
starts from the encoder's final state, no input feeding), Luong general attention, vocab 1000,
batch 64, lengths 20, Adam 1e-3, teacher forcing, masked cross-entropy.

Protocol: one command per line, one JSON line back.
  info            -> {"torch": version, "threads": n, "blas": path of the BLAS library loaded}
  train N         -> {"seconds": s, "tokens": t}   (N training steps, after the first warm-up)
  greedy B T      -> {"seconds": s, "tokens": B*T}
  quit
Env: BENCH_THREADS (torch threads, default 2).
"""
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

V, E, H, B, S, T = 1000, 128, 256, 64, 20, 20


class Reference(nn.Module):
    def __init__(self):
        super().__init__()
        self.src_emb = nn.Embedding(V, E)
        self.tgt_emb = nn.Embedding(V, E)
        self.enc = nn.LSTM(E, H, batch_first=True)
        self.dec = nn.LSTM(E, H, batch_first=True)
        self.wa = nn.Linear(H, H, bias=False)
        self.wc = nn.Linear(2 * H, H, bias=False)
        self.out = nn.Linear(H, V)

    def encode(self, src, src_mask):
        states, (h, c) = self.enc(self.src_emb(src))
        keys = self.wa(states)
        bias = (1 - src_mask) * -1e9
        return states, keys, bias, (h, c)

    def attend(self, d, states, keys, bias):
        scores = torch.bmm(d, keys.transpose(1, 2)) + bias.unsqueeze(1)
        ctx = torch.bmm(torch.softmax(scores, -1), states)
        return torch.tanh(self.wc(torch.cat([ctx, d], -1)))

    def loss(self, src, src_mask, tgt_in, tgt_out, tgt_mask):
        states, keys, bias, hc = self.encode(src, src_mask)
        d, _ = self.dec(self.tgt_emb(tgt_in), hc)
        logits = self.out(self.attend(d, states, keys, bias))
        ce = F.cross_entropy(logits.reshape(-1, V), tgt_out.reshape(-1), reduction="none")
        m = tgt_mask.reshape(-1)
        return (ce * m).sum() / m.sum()

    @torch.no_grad()
    def greedy(self, src, src_mask, steps):
        states, keys, bias, hc = self.encode(src, src_mask)
        prev = torch.ones(src.shape[0], 1, dtype=torch.long)
        toks = []
        for _ in range(steps):
            d, hc = self.dec(self.tgt_emb(prev), hc)
            prev = self.out(self.attend(d, states, keys, bias)).argmax(-1)
            toks.append(prev)
        return torch.cat(toks, 1)


def blas_library():
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and ".so" in line}
        return sorted(libs)
    except OSError:
        return []


def main():
    torch.manual_seed(7)
    torch.set_num_threads(int(os.environ.get("BENCH_THREADS", "2")))
    model = Reference()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(7)
    ids = lambda n: torch.randint(3, V, (B, n), generator=g)
    src, tgt_in, tgt_out = ids(S), ids(T), ids(T)
    src_mask, tgt_mask = torch.ones(B, S), torch.ones(B, T)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = model.loss(src, src_mask, tgt_in, tgt_out, tgt_mask)
        loss.backward()
        opt.step()

    step()
    for line in sys.stdin:
        cmd = line.split()
        if not cmd:
            continue
        if cmd[0] == "quit":
            break
        if cmd[0] == "info":
            res = {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()}
        elif cmd[0] == "train":
            n = int(cmd[1])
            t0 = time.perf_counter()
            for _ in range(n):
                step()
            res = {"seconds": time.perf_counter() - t0, "tokens": n * B * T}
        elif cmd[0] == "greedy":
            b, t = int(cmd[1]), int(cmd[2])
            model.greedy(src[:b], src_mask[:b], t)
            t0 = time.perf_counter()
            model.greedy(src[:b], src_mask[:b], t)
            res = {"seconds": time.perf_counter() - t0, "tokens": b * t}
        else:
            res = {"error": f"unknown command {cmd[0]}"}
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
