/**
 * An explicit typed table of named factories. Throws on duplicates and lists the known names on a
 * miss, so a typo in a config or checkpoint fails with a useful message.
 */
export class Registry<T> {
  private readonly table = new Map<string, T>();
  constructor(readonly what: string) {}

  register(name: string, value: T): this {
    if (this.table.has(name)) throw new Error(`${this.what} '${name}' is already registered`);
    this.table.set(name, value);
    return this;
  }

  has(name: string): boolean {
    return this.table.has(name);
  }

  get(name: string): T {
    const v = this.table.get(name);
    if (v === undefined) {
      const known = [...this.table.keys()].sort().join(', ') || '(none)';
      throw new Error(`unknown ${this.what} '${name}'; known: ${known}`);
    }
    return v;
  }

  names(): string[] {
    return [...this.table.keys()].sort();
  }
}
