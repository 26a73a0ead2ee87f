import type { CaptionModelOptions, CaptionTrainOptions } from '../options.js';

/** What makes a captioning app: its name and defaults. The commands are shared (`captionCommands`). */
export interface CaptionPreset {
  app: string;
  description: string;
  modelDefaults?: Partial<CaptionModelOptions>;
  trainDefaults?: Partial<CaptionTrainOptions>;
  /** Default beam for eval and predict. Default 3. */
  defaultBeam?: number;
}
