import type { CaptionPreset } from '@seq2seq/image2text';

/** Image captioning: MobileNet (or a small CNN) + attentional LSTM decoder; BLEU-4, CIDEr-D, exact match. */
export const captionPreset: CaptionPreset = {
  app: 'caption',
  description: 'image captioning: image encoder (MobileNet features or a small CNN) + attentional LSTM decoder',
  defaultBeam: 3,
};
