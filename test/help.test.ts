// Every command's --help shows 2-4 examples that name real flags, and booleans that default to on
// say how to turn them off.
import { existsSync } from 'node:fs';
import { type AppSpec, commandHelp, parseOptions } from '@seq2seq/cli';
import { captionApp } from '@seq2seq/app-caption';
import { chatApp } from '@seq2seq/app-chat';
import { codegenApp } from '@seq2seq/app-codegen';
import { g2pApp } from '@seq2seq/app-g2p';
import { seq2seqApp } from '@seq2seq/app-seq2seq';
import { summarizeApp } from '@seq2seq/app-summarize';
import { transcribeApp } from '@seq2seq/app-transcribe';
import { translateApp } from '@seq2seq/app-translate';
import { describe, expect, it } from 'vitest';

const apps: AppSpec[] = [translateApp, summarizeApp, chatApp, captionApp, transcribeApp, codegenApp, g2pApp, seq2seqApp];

/** Shell words of a command line, without a trailing comment, a leading `echo ... |` or a `< file`. */
export function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of line.replace(/\s+#.*$/, '').matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]!);
  const pipe = out.lastIndexOf('|');
  const rest = pipe >= 0 ? out.slice(pipe + 1) : out;
  const redirect = rest.indexOf('<');
  return redirect >= 0 ? rest.slice(0, redirect) : rest;
}

describe('help pages', () => {
  for (const app of apps) {
    for (const cmd of app.commands) {
      it(`${app.name} ${cmd.name}: 2-4 examples that parse`, () => {
        const help = commandHelp(app, cmd);
        const examples = app.examples?.[cmd.name] ?? [];
        expect(examples.length, help).toBeGreaterThanOrEqual(2);
        expect(examples.length).toBeLessThanOrEqual(4);
        expect(help).toContain('examples:');
        for (const e of examples) {
          const w = words(e);
          if (w[0] === 'curl') continue; // how to call `seq2seq serve`, not a command of ours
          if (w[0] === 'bash') {
            expect(existsSync(w[1]!), `${e}: recipe file`).toBe(true);
            continue;
          }
          expect(w.slice(0, 2), e).toEqual(['npx', app.name]);
          if (w[2] !== cmd.name) {
            // An example may show the step before (e.g. make-manifest before eval): it must parse too.
            const other = app.commands.find((c) => c.name === w[2]);
            expect(other, e).toBeDefined();
            expect(() => parseOptions(other!.options, w.slice(3)), e).not.toThrow();
            continue;
          }
          expect(() => parseOptions(cmd.options, w.slice(3)), e).not.toThrow();
        }
      });
    }
  }

  it('booleans that default to on show --no-X', () => {
    const help = commandHelp(translateApp, translateApp.commands.find((c) => c.name === 'train')!);
    expect(help).toMatch(/--bidirectional \/ --no-bidirectional/);
    expect(words(`echo "a b" | npx g2p predict --nbest 3 < f.txt # note`)).toEqual(['npx', 'g2p', 'predict', '--nbest', '3']);
  });
});
