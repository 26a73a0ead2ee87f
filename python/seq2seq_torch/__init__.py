"""PyTorch twin of the seq2seq TypeScript toolkit's models (see README.md)."""
from .checkpoint import load_export, save_export
from .model import EOS, PAD, SOS, AudioRnnEncoder, ImageFeatureEncoder, LstmDecoder, Seq2Seq, TextRnnEncoder

__all__ = ["load_export", "save_export", "Seq2Seq", "TextRnnEncoder", "AudioRnnEncoder", "ImageFeatureEncoder", "LstmDecoder", "PAD", "SOS", "EOS"]
