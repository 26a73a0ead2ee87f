// `node --import tsx apps/codegen/scripts/retrieval.ts [PAGES_DIR]`
// Retrieval alone, no model: each description of the valid and test pages is looked up among the
// docs (every page's `# name` + `> summary`, as `--docs` reads them), with and without the train
// split's descriptions added (`--docs-examples`). Prints the cmdAcc of the top doc's name and the
// share of descriptions whose command is among the top 5 names (what open-book decoding can reach).
import { loadTldr } from '../src/data.js';
import { CommandDocs, loadCommandDocs, withExamples } from '../src/docs.js';
import { commandMetrics } from '../src/metrics.js';

const pages = process.argv[2] ?? '../shared/data/tldr/pages';
const quiet = () => {};
const headers = loadCommandDocs(pages);
const enriched = new CommandDocs(withExamples(headers.docs, loadTldr(pages, 'train', quiet)));
const named = (name: string, command: string) => commandMetrics([name], [command]).cmdAcc === 100;
for (const split of ['valid', 'test'] as const) {
  const examples = loadTldr(pages, split, quiet);
  for (const [docs, index] of [['headers', headers], ['headers+train', enriched]] as const) {
    let top1 = 0;
    let top5 = 0;
    for (const e of examples) {
      const hits = index.retrieve(e.source, 5);
      if (hits[0] && named(hits[0].name, e.target)) top1++;
      if (hits.some((h) => named(h.name, e.target))) top5++;
    }
    const pct = (k: number) => Math.round((10000 * k) / examples.length) / 100;
    console.log(JSON.stringify({ split, docs, top1CmdAcc: pct(top1), top5: pct(top5), n: examples.length }));
  }
}
