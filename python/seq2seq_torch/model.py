"""The PyTorch twin of the seq2seq TypeScript models.

Same parameters, same names, same shapes as our checkpoints: a weight called
`decoder/attention/key/kernel` in config.json's model is the parameter
`decoder.attention.key.kernel` here, and kernels are [in, out] (y = x @ kernel + bias) as in
TensorFlow.js, so a state_dict is our checkpoint with '/' written '.'. The math follows the TS
sources line by line (packages/core/src/nn, packages/text, packages/audio, packages/decoder-lstm);
comments name the TS function each piece mirrors.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

PAD, SOS, EOS, UNK = 0, 1, 2, 3


# ----------------------------------------------------------------------------- building blocks


def glorot(shape: List[int]) -> Tensor:
    """params.ts 'glorot': fanIn = prod(shape[:-1]), fanOut = shape[-1]."""
    fan_in = math.prod(shape[:-1]) if len(shape) > 1 else shape[0]
    limit = math.sqrt(6 / (fan_in + shape[-1]))
    return torch.empty(shape).uniform_(-limit, limit)


class Dense(nn.Module):
    """dense.ts: kernel [in, out], optional bias [out]."""

    def __init__(self, d_in: int, d_out: int, bias: bool = True):
        super().__init__()
        self.kernel = nn.Parameter(glorot([d_in, d_out]))
        self.bias = nn.Parameter(torch.zeros(d_out)) if bias else None

    def forward(self, x: Tensor) -> Tensor:
        y = x @ self.kernel
        return y + self.bias if self.bias is not None else y


class Lstm(nn.Module):
    """lstm.ts: kernel [in, 4H], recurrent [H, 4H], bias [4H]; gates i, f, g, o; forget bias 1."""

    def __init__(self, d_in: int, units: int):
        super().__init__()
        self.units = units
        self.kernel = nn.Parameter(glorot([d_in, 4 * units]))
        self.recurrent = nn.Parameter(glorot([units, 4 * units]))
        bias = torch.zeros(4 * units)
        bias[units : 2 * units] = 1.0
        self.bias = nn.Parameter(bias)

    def project(self, x: Tensor) -> Tensor:
        """lstmInputProjection: x @ kernel + bias for all steps at once."""
        return x @ self.kernel + self.bias

    def step(self, x_proj: Tensor, h: Tensor, c: Tensor) -> Tuple[Tensor, Tensor]:
        """lstmStep."""
        z = x_proj + h @ self.recurrent
        i, f, g, o = z.chunk(4, dim=-1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        return h, c


class Gru(nn.Module):
    """gru.ts: gates z, r, n with the reset applied after the recurrent matMul (cuDNN form)."""

    def __init__(self, d_in: int, units: int):
        super().__init__()
        self.units = units
        self.kernel = nn.Parameter(glorot([d_in, 3 * units]))
        self.recurrent = nn.Parameter(glorot([units, 3 * units]))
        self.bias = nn.Parameter(torch.zeros(3 * units))
        self.recurrent_bias = nn.Parameter(torch.zeros(3 * units))

    def project(self, x: Tensor) -> Tensor:
        return x @ self.kernel + self.bias

    def step(self, x_proj: Tensor, h: Tensor, c: Tensor) -> Tuple[Tensor, Tensor]:
        xz, xr, xn = x_proj.chunk(3, dim=-1)
        hz, hr, hn = (h @ self.recurrent + self.recurrent_bias).chunk(3, dim=-1)
        z = torch.sigmoid(xz + hz)
        r = torch.sigmoid(xr + hr)
        n = torch.tanh(xn + r * hn)
        return n + z * (h - n), c


def make_rnn(cell: str, d_in: int, units: int) -> nn.Module:
    if cell == "lstm":
        return Lstm(d_in, units)
    if cell == "gru":
        return Gru(d_in, units)
    raise ValueError(f"unknown cell '{cell}'")


def run_rnn(x: Tensor, mask: Tensor, rnn: nn.Module, reverse: bool = False) -> Tuple[Tensor, Tensor]:
    """rnn.ts runRnn / lstm-layer.ts: padded steps keep the state; outputs are zero at padding.
    x [B, T, In], mask [B, T] -> outputs [B, T, H], final h [B, H]."""
    b, t, _ = x.shape
    proj = rnn.project(x)
    h = x.new_zeros(b, rnn.units)
    c = x.new_zeros(b, rnn.units)
    outs: List[Optional[Tensor]] = [None] * t
    for i in reversed(range(t)) if reverse else range(t):
        nh, nc = rnn.step(proj[:, i], h, c)
        m = mask[:, i : i + 1]
        h = h + m * (nh - h)
        c = c + m * (nc - c)
        outs[i] = h
    return torch.stack(outs, 1) * mask.unsqueeze(2), h  # type: ignore[arg-type]


def dropout(x: Tensor, rate: float, training: bool) -> Tensor:
    return F.dropout(x, rate, training) if rate > 0 else x


@dataclass
class EncoderOutput:
    states: Tensor  # [B, S, D]
    mask: Tensor  # [B, S] float, 1 = real
    summary: Tensor  # [B, D]
    source_tokens: Optional[Tensor] = None  # [B, S] long, target-vocabulary ids or -1 (copy)


# ----------------------------------------------------------------------------- encoders


class TextRnnEncoder(nn.Module):
    """text-rnn-encoder.ts: embedding -> (bi)LSTM/GRU layers; summary = [fw final h; bw final h]."""

    def __init__(self, c: dict):
        super().__init__()
        self.c = c
        self.embedding = nn.Parameter(torch.empty(c["vocabSize"], c["embeddingDim"]).uniform_(-0.1, 0.1))
        width = 2 * c["units"] if c["bidirectional"] else c["units"]
        self.output_dim = width
        for l in range(c["layers"]):
            d_in = c["embeddingDim"] if l == 0 else width
            self.add_module(f"layer{l}_fw", make_rnn(c["cell"], d_in, c["units"]))
            if c["bidirectional"]:
                self.add_module(f"layer{l}_bw", make_rnn(c["cell"], d_in, c["units"]))

    def forward(self, ids: Tensor, mask: Tensor, copy_ids: Optional[Tensor] = None) -> EncoderOutput:
        mask = mask.float()
        x = self.embedding[ids]
        summary = None
        for l in range(self.c["layers"]):
            inp = dropout(x, self.c["dropout"], self.training)
            out, summary = run_rnn(inp, mask, getattr(self, f"layer{l}_fw"))
            if self.c["bidirectional"]:
                bw, hb = run_rnn(inp, mask, getattr(self, f"layer{l}_bw"), reverse=True)
                out = torch.cat([out, bw], 2)
                summary = torch.cat([summary, hb], 1)
            x = out + x if self.c["residual"] and l > 0 else out
        return EncoderOutput(x, mask, summary, copy_ids)


def halve_mask(mask: Tensor) -> Tensor:
    """subsample.ts halveMask: frame i is real if source frame 2i or 2i+1 is."""
    if mask.shape[1] % 2:
        mask = F.pad(mask, (0, 1))
    return mask.reshape(mask.shape[0], -1, 2).amax(2)


def pair_frames(x: Tensor) -> Tensor:
    """subsample.ts pairFrames: [B, F, D] -> [B, ceil(F/2), 2D]."""
    if x.shape[1] % 2:
        x = F.pad(x, (0, 0, 0, 1))
    return x.reshape(x.shape[0], x.shape[1] // 2, 2 * x.shape[2])


class Conv(nn.Module):
    """subsample.ts convHalve: kernel [3, in, out] (TF layout), stride 2, one zero frame each side, ReLU."""

    def __init__(self, d_in: int, d_out: int):
        super().__init__()
        self.kernel = nn.Parameter(glorot([3, d_in, d_out]))
        self.bias = nn.Parameter(torch.zeros(d_out))

    def forward(self, x: Tensor, mask: Tensor) -> Tuple[Tensor, Tensor]:
        x = F.pad(x * mask.unsqueeze(2), (0, 0, 1, 1))
        y = F.conv1d(x.transpose(1, 2), self.kernel.permute(2, 1, 0), stride=2).transpose(1, 2)
        y = torch.relu(y + self.bias)
        m = halve_mask(mask)
        return y * m.unsqueeze(2), m


class AudioRnnEncoder(nn.Module):
    """audio encoder.ts: conv or pyramid subsampling, then BiLSTM/GRU layers."""

    def __init__(self, c: dict):
        super().__init__()
        self.c = c = {"units": 128, "layers": 2, "cell": "lstm", "subsampling": "conv", "factor": 4, "convChannels": 64, "dropout": 0, **c}
        self.output_dim = 2 * c["units"]
        levels = int(math.log2(c["factor"]))
        self.n_conv = levels if c["subsampling"] == "conv" else 0
        self.n_pyramid = levels if c["subsampling"] == "pyramid" else 0
        d = c["inputDim"]
        for i in range(self.n_conv):
            self.add_module(f"conv{i}", Conv(d, c["convChannels"]))
            d = c["convChannels"]
        for i in range(self.n_pyramid):
            self.add_module(f"pyramid{i}", self._bi(2 * d))
            d = 2 * c["units"]
        for i in range(c["layers"]):
            self.add_module(f"rnn{i}", self._bi(d))
            d = 2 * c["units"]

    def _bi(self, d_in: int) -> nn.Module:
        m = nn.Module()
        m.add_module("fw", make_rnn(self.c["cell"], d_in, self.c["units"]))
        m.add_module("bw", make_rnn(self.c["cell"], d_in, self.c["units"]))
        return m

    def forward(self, features: Tensor, mask: Tensor) -> EncoderOutput:
        m = mask.float()
        x = features
        for i in range(self.n_conv):
            x, m = getattr(self, f"conv{i}")(x, m)
        layers = [(getattr(self, f"pyramid{i}"), True) for i in range(self.n_pyramid)] + [(getattr(self, f"rnn{i}"), False) for i in range(self.c["layers"])]
        summary = None
        for i, (p, pair) in enumerate(layers):
            if pair:
                x, m = pair_frames(x), halve_mask(m)
            if i > 0:
                x = dropout(x, self.c["dropout"], self.training)
            f, hf = run_rnn(x, m, p.fw)
            b, hb = run_rnn(x, m, p.bw, reverse=True)
            x, summary = torch.cat([f, b], 2), torch.cat([hf, hb], 1)
        return EncoderOutput(x, m, summary)


class ImageFeatureEncoder(nn.Module):
    """mobilenet-encoder.ts with fineTuneBlocks 0 on cached features: the frozen MobileNet grid
    [B, S, D] (as the feature cache stores it, palette channels included) is the states, the summary
    its mean. No parameters: the frozen network stays in JS."""

    def __init__(self, c: dict):
        super().__init__()
        if int(c.get("fineTuneBlocks", 0)) != 0:
            raise ValueError("the PyTorch twin runs the cached-feature image path only (fineTuneBlocks 0)")
        self.c = c
        # MobileNet v1's grid has 1024 * alpha channels; a palette adds channels (known from the weights).
        self.output_dim = None if c.get("palette") else int(1024 * float(c.get("alpha", 0.25)))

    def forward(self, features: Tensor, mask: Optional[Tensor] = None) -> EncoderOutput:
        m = torch.ones(features.shape[:2]) if mask is None else mask.float()
        summary = (features * m.unsqueeze(2)).sum(1) / m.sum(1, keepdim=True).clamp(min=1)
        return EncoderOutput(features, m, summary)


# ----------------------------------------------------------------------------- decoder


DECODER_DEFAULTS = dict(embeddingDim=256, units=256, layers=1, attention="general", inputFeeding=True, bridge="dense", feedSummary=False, dropout=0.2, tieEmbeddings=False, copy=False)


class Attention(nn.Module):
    """attention.ts: dot (h . s), general (h . W_a s, no bias), additive (v . tanh(U s + b + W h))."""

    def __init__(self, kind: str, d: int, h: int):
        super().__init__()
        self.kind = kind
        if kind == "general":
            self.key = Dense(d, h, bias=False)
        elif kind == "additive":
            self.key = Dense(d, h)
            self.query = Dense(h, h, bias=False)
            self.v = nn.Parameter(glorot([h, 1]))

    def keys(self, states: Tensor) -> Optional[Tensor]:
        return self.key(states) if self.kind in ("general", "additive") else None

    def forward(self, query: Tensor, states: Tensor, mask: Tensor, keys: Optional[Tensor]) -> Tuple[Tensor, Tensor]:
        """query [B, T, H] -> weights [B, T, S], context [B, T, D]."""
        if self.kind == "dot":
            scores = query @ states.transpose(1, 2)
        elif self.kind == "general":
            scores = query @ keys.transpose(1, 2)
        else:
            hidden = torch.tanh(self.query(query).unsqueeze(2) + keys.unsqueeze(1))  # [B, T, S, A]
            scores = (hidden @ self.v).squeeze(3)
        # maskedSoftmax: a -1e9 offset at padding, then exactly zero there.
        m = mask.unsqueeze(1)
        weights = torch.softmax(scores + (m - 1) * 1e9, dim=-1) * m
        return weights, weights @ states


@dataclass
class Memory:
    states: Tensor
    mask: Tensor
    summary: Tensor
    keys: Optional[Tensor]
    summary_input: Optional[Tensor]
    copy_ids: Optional[Tensor]


class LstmDecoder(nn.Module):
    """decoder.ts / layers.ts / state.ts / copy.ts: embedding -> stacked LSTM -> attention ->
    attentional vector tanh(W_c [c; h]) -> output layer (optionally tied), optionally mixed with a
    copy distribution (pointer-generator). With copy on, `forward` returns normalised
    log-probabilities, as the TS decoder does."""

    def __init__(self, config: dict):
        super().__init__()
        c = self.c = {**DECODER_DEFAULTS, **config}
        v, d, e, h = c["vocabSize"], c["inputDim"], c["embeddingDim"], c["units"]
        self.embedding = nn.Parameter(torch.empty(v, e).uniform_(-0.1, 0.1))
        for l in range(c["layers"]):
            self.add_module(f"lstm{l}", Lstm(e if l == 0 else h, h))
        self.attention = Attention(c["attention"], d, h)
        self.feeds = c["inputFeeding"] and c["attention"] != "none"
        if self.feeds:
            self.lstm0.feed_kernel = nn.Parameter(glorot([h, 4 * h]))
        if c["feedSummary"]:
            self.lstm0.summary_kernel = nn.Parameter(glorot([d, 4 * h]))
        if c["bridge"] == "dense":
            self.bridge = Dense(d, 2 * c["layers"] * h)
        if c["attention"] != "none":
            self.combine = Dense(d + h, h, bias=False)
        if c["copy"]:
            self.copy_gate = Dense(d + h + e, 1)
        if c["tieEmbeddings"]:
            if h != e:
                self.output_projection = Dense(h, e, bias=False)
            self.output = nn.Module()
            self.output.bias = nn.Parameter(torch.zeros(v))
        else:
            self.output = Dense(h, v)

    # state.ts prepareMemory / initialState
    def prepare(self, enc: EncoderOutput) -> Memory:
        keys = self.attention.keys(enc.states)
        summary_input = enc.summary @ self.lstm0.summary_kernel if self.c["feedSummary"] else None
        copy_ids = None
        if self.c["copy"]:
            if enc.source_tokens is None:
                raise ValueError("copy is on but the encoder output has no source tokens")
            v = self.c["vocabSize"]
            ids = enc.source_tokens.long()
            copy_ids = torch.where((ids >= 0) & (ids < v), ids, torch.full_like(ids, v))
        return Memory(enc.states, enc.mask.float(), enc.summary, keys, summary_input, copy_ids)

    def init_state(self, mem: Memory) -> Dict[str, object]:
        b, h, n = mem.summary.shape[0], self.c["units"], self.c["layers"]
        if self.c["bridge"] == "dense":
            parts = torch.tanh(self.bridge(mem.summary)).split(h, dim=1)
            hs, cs = list(parts[0::2]), list(parts[1::2])
        else:
            hs = [mem.summary.new_zeros(b, h) for _ in range(n)]
            cs = [mem.summary.new_zeros(b, h) for _ in range(n)]
        return {"h": hs, "c": cs, "feed": mem.summary.new_zeros(b, h) if self.feeds else None}

    def _step(self, e: Tensor, state: Dict[str, object], mem: Memory) -> Tuple[Tensor, Dict[str, object], Optional[Tensor], Optional[Tensor], Tensor]:
        """layers.ts cellStep from the embedded input e [B, E] (after dropout)."""
        x = self.lstm0.project(e)
        if mem.summary_input is not None:
            x = x + mem.summary_input
        if self.feeds:
            x = x + state["feed"] @ self.lstm0.feed_kernel
        hs, cs = [], []
        for l in range(self.c["layers"]):
            layer = getattr(self, f"lstm{l}")
            if l > 0:
                x = layer.project(dropout(hs[-1], self.c["dropout"], self.training))
            h, c = layer.step(x, state["h"][l], state["c"][l])
            hs.append(h)
            cs.append(c)
        top = hs[-1]
        weights = context = None
        a = top
        if self.c["attention"] != "none":
            w, ctx = self.attention(top.unsqueeze(1), mem.states, mem.mask, mem.keys)
            weights, context = w.squeeze(1), ctx.squeeze(1)
            a = torch.tanh(self.combine(torch.cat([context, top], 1)))
        return a, {"h": hs, "c": cs, "feed": a if self.feeds else None}, weights, context, top

    def _logits(self, a: Tensor) -> Tensor:
        """layers.ts outputLogits."""
        x = dropout(a, self.c["dropout"], self.training)
        if not self.c["tieEmbeddings"]:
            return self.output(x)
        if hasattr(self, "output_projection"):
            x = self.output_projection(x)
        return x @ self.embedding.t() + self.output.bias

    def _copy(self, logits: Tensor, weights: Tensor, context: Tensor, top: Tensor, e: Tensor, copy_ids: Tensor) -> Tensor:
        """copy.ts copyLogProbs: log(P + 1e-9) renormalised, P = p_gen softmax + (1 - p_gen) copy."""
        v = logits.shape[-1]
        p_gen = torch.sigmoid(self.copy_gate(torch.cat([context, top, e], -1)))
        scattered = logits.new_zeros(logits.shape[0], v + 1).scatter_add(1, copy_ids, weights)[:, :v]
        p = p_gen * torch.softmax(logits, -1) + (1 - p_gen) * scattered + 1e-9
        return torch.log(p) - torch.log(p.sum(-1, keepdim=True))

    def step(self, prev: Tensor, state: Dict[str, object], mem: Memory) -> Tuple[Tensor, Dict[str, object]]:
        """One step: prev [B] -> log-probabilities [B, V], next state."""
        e = dropout(self.embedding[prev], self.c["dropout"], self.training)
        a, state, w, ctx, top = self._step(e, state, mem)
        logits = self._logits(a)
        if self.c["copy"]:
            return self._copy(logits, w, ctx, top, e, mem.copy_ids), state
        return torch.log_softmax(logits, -1), state

    def forward(self, target_in: Tensor, mem: Memory) -> Tensor:
        """Teacher-forced scores [B, T, V]: logits, or log-probabilities with copy (as decoder.ts)."""
        state = self.init_state(mem)
        outs = []
        for t in range(target_in.shape[1]):
            e = dropout(self.embedding[target_in[:, t]], self.c["dropout"], self.training)
            a, state, w, ctx, top = self._step(e, state, mem)
            logits = self._logits(a)
            outs.append(self._copy(logits, w, ctx, top, e, mem.copy_ids) if self.c["copy"] else logits)
        return torch.stack(outs, 1)


# ----------------------------------------------------------------------------- the whole model


ENCODERS = {"text-rnn": TextRnnEncoder, "audio-rnn": AudioRnnEncoder, "mobilenet": ImageFeatureEncoder}
TEXT_DEFAULTS = dict(embeddingDim=256, units=256, layers=1, cell="lstm", bidirectional=True, dropout=0.2, residual=False)


class Seq2Seq(nn.Module):
    """seq2seq.ts: encoder, optional width projection (model.projectWidth), decoder."""

    def __init__(self, config: dict, encoder_width: Optional[int] = None):
        """encoder_width: the encoder's output width where the config alone does not fix it (image
        features with a palette); load_export reads it off width_projection/kernel."""
        super().__init__()
        enc, dec = config["encoder"], config["decoder"]
        if enc["kind"] not in ENCODERS:
            raise ValueError(f"encoder kind '{enc['kind']}' has no PyTorch twin (have: {', '.join(ENCODERS)})")
        if dec["kind"] != "lstm":
            raise ValueError(f"decoder kind '{dec['kind']}' has no PyTorch twin (have: lstm)")
        ec = {**TEXT_DEFAULTS, **enc["config"]} if enc["kind"] == "text-rnn" else dict(enc["config"])
        self.encoder = ENCODERS[enc["kind"]](ec)
        self.decoder = LstmDecoder(dec["config"])
        width = self.encoder.output_dim or encoder_width
        d = self.decoder.c["inputDim"]
        model = config.get("model") or {}
        if width is None and model.get("projectWidth"):
            raise ValueError("the encoder width is unknown (image features with a palette): pass encoder_width")
        if width is not None and width != d:
            if not model.get("projectWidth"):
                raise ValueError(f"encoder width {width} != decoder inputDim {d} and model.projectWidth is false")
            self.width_projection = Dense(width, d)
        self.label_smoothing = float(model.get("labelSmoothing", 0.1))

    def encode(self, *inputs: Tensor) -> EncoderOutput:
        enc = self.encoder(*inputs)
        if hasattr(self, "width_projection"):
            enc = EncoderOutput(self.width_projection(enc.states), enc.mask, self.width_projection(enc.summary), enc.source_tokens)
        return enc

    def logits(self, inputs: Tuple[Tensor, ...], target_in: Tensor) -> Tensor:
        return self.decoder(target_in, self.decoder.prepare(self.encode(*inputs)))

    def loss(self, inputs: Tuple[Tensor, ...], target_in: Tensor, target_out: Tensor, target_mask: Tensor) -> Tensor:
        """loss.ts maskedCrossEntropy: mean over real target tokens, label smoothing when training."""
        logp = torch.log_softmax(self.logits(inputs, target_in), -1)
        nll = -logp.gather(2, target_out.unsqueeze(2)).squeeze(2)
        eps = self.label_smoothing if self.training else 0.0
        if eps > 0:
            nll = (1 - eps) * nll - eps * logp.mean(-1)
        return (nll * target_mask).sum() / target_mask.sum().clamp(min=1)

    def forward(self, inputs: Tuple[Tensor, ...], target_in: Tensor, target_out: Tensor, target_mask: Tensor) -> Tensor:
        """The training loss (what DistributedDataParallel wraps)."""
        return self.loss(inputs, target_in, target_out, target_mask)

    @torch.no_grad()
    def greedy(self, inputs: Tuple[Tensor, ...], max_length: int) -> List[List[int]]:
        """Argmax decoding; at most max_length tokens, <eos> not included (search/greedy.ts)."""
        return self.greedy_with_margins(inputs, max_length)[0]

    @torch.no_grad()
    def greedy_with_margins(self, inputs: Tuple[Tensor, ...], max_length: int) -> Tuple[List[List[int]], List[float]]:
        """Greedy outputs and, per sentence, the smallest gap between the best and the second-best
        log-probability over its steps: where that is ~1e-6, float rounding may pick either."""
        mem = self.decoder.prepare(self.encode(*inputs))
        b = mem.states.shape[0]
        state = self.decoder.init_state(mem)
        prev = torch.full((b,), SOS, dtype=torch.long)
        out: List[List[int]] = [[] for _ in range(b)]
        margins = [float("inf")] * b
        done = [False] * b
        for step in range(max_length + 1):
            logp, state = self.decoder.step(prev, state, mem)
            if step == max_length:  # <eos> is forced after max_length tokens
                logp = torch.full_like(logp, -float("inf")).index_fill(1, torch.tensor([EOS]), 0.0)
            top2 = logp.topk(2, dim=-1).values
            prev = logp.argmax(-1)
            for i, tok in enumerate(prev.tolist()):
                if not done[i]:
                    if step < max_length:
                        margins[i] = min(margins[i], float(top2[i, 0] - top2[i, 1]))
                    if tok == EOS:
                        done[i] = True
                    else:
                        out[i].append(tok)
            if all(done):
                break
        return out, margins
