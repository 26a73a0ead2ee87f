import type { JsonObject } from '../json.js';

type Fs = typeof import('node:fs/promises');

/**
 * An append-only JSON-lines log (train.jsonl): one record per line, readable while training.
 * Node's fs is imported lazily so that importing core stays possible in a browser.
 */
export class JsonlLog {
  private constructor(
    readonly file: string,
    private readonly fs: Fs,
  ) {}

  static async open(file: string): Promise<JsonlLog> {
    return new JsonlLog(file, await import('node:fs/promises'));
  }

  async append(record: JsonObject): Promise<void> {
    await this.fs.appendFile(this.file, `${JSON.stringify(record)}\n`);
  }

  /**
   * Drops records with step > `step` (written by a run that was killed after its last checkpoint),
   * so a resumed run's log has each step once. Unparseable lines (a torn last write) go too.
   */
  async truncateAfter(step: number): Promise<void> {
    const text = await this.fs.readFile(this.file, 'utf8').catch(() => undefined);
    if (text === undefined) return;
    const kept = text.split('\n').filter((line) => {
      if (!line.trim()) return false;
      try {
        const r = JSON.parse(line) as { step?: unknown };
        return typeof r.step !== 'number' || r.step <= step;
      } catch {
        return false;
      }
    });
    await this.fs.writeFile(this.file, kept.map((l) => `${l}\n`).join(''));
  }
}
