import { relative } from 'node:path';
import { type Command, command } from '@seq2seq/cli';
import { formatMetric, listShippedApps, modelsRoot, shippedModel } from '@seq2seq/models';

/** `seq2seq models`: the shipped models, their size and their card metrics. */
export const modelsCommand: Command = command({
  name: 'models',
  summary: 'list the shipped pretrained models (models/) with their card metrics',
  options: {
    json: { type: 'boolean', description: 'one JSON object per model (its card.json plus dir)' },
  },
  async run(o, _p, ctx) {
    const root = modelsRoot();
    const apps = listShippedApps(root);
    if (apps.length === 0) throw new Error(`no shipped models in ${root}; restore them with \`git checkout -- models\``);
    for (const app of apps) {
      let m;
      try {
        m = shippedModel(app, root);
      } catch (e) {
        ctx.out(o.json ? JSON.stringify({ app, error: (e as Error).message }) : `${app}: DAMAGED: ${(e as Error).message}`);
        continue;
      }
      const dir = relative(process.cwd(), m.dir) || m.dir;
      if (o.json) {
        ctx.out(JSON.stringify({ ...m.card, dir }));
        continue;
      }
      const mb = Object.values(m.card.files).reduce((a, b) => a + b, 0) / 1e6;
      ctx.out(`${app}  ${dir}  ${m.card.summary}`);
      ctx.out(`  ${(m.card.parameters / 1e6).toFixed(1)}M parameters, ${m.card.weightsDtype}, ${mb.toFixed(1)} MB; data licence ${m.card.dataLicence}`);
      for (const metric of m.card.metrics) ctx.out(`  ${formatMetric(metric)}`);
    }
  },
});
