/**
 * A closed set of allowed outputs as a token trie, for `SearchOptions.allowedTokens`: search can
 * then only produce one of the given sequences (e.g. a labelling task's known names). Prefix
 * constraints of this kind are HF transformers' `prefix_allowed_tokens_fn`.
 */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** a listed sequence ends here */
  end: boolean;
  /** the tokens allowed after this prefix, built on first use */
  allowed?: number[];
}

const node = (): TrieNode => ({ next: new Map(), end: false });

export function closedSetConstraint(sequences: readonly (readonly number[])[], eosId: number): (history: readonly number[]) => readonly number[] {
  if (sequences.length === 0) throw new Error('closed set: no sequences given');
  const root = node();
  for (const seq of sequences) {
    let at = root;
    for (const tok of seq) {
      if (tok === eosId) throw new Error(`closed set: a sequence contains the <eos> id ${eosId}`);
      let child = at.next.get(tok);
      if (!child) at.next.set(tok, (child = node()));
      at = child;
    }
    at.end = true;
  }
  return (history) => {
    let at: TrieNode | undefined = root;
    for (const tok of history) {
      at = at.next.get(tok);
      // Off the trie (a caller forced a token): nothing more is allowed but <eos>.
      if (!at) return [eosId];
    }
    return (at.allowed ??= [...at.next.keys(), ...(at.end ? [eosId] : [])]);
  };
}
