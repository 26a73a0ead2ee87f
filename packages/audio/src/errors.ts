/** A bad audio input (unreadable, malformed, unsupported or too long WAV). The message names the file. */
export class AudioInputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'AudioInputError';
  }
}
