import { collapseWhitespace } from './whitespace.js';

/** Options of sacreBLEU's TercomTokenizer; all default to false (so TER lower-cases by default). */
export interface TercomOptions {
  /** Tercom normalisation: join lines, unescape XML entities, split punctuation. */
  normalized?: boolean;
  /** Remove the punctuation characters . , ? : ; ! " ( ). */
  noPunct?: boolean;
  /** With `normalized`, split CJK to characters; with `noPunct`, also remove CJK/full-width punctuation. */
  asianSupport?: boolean;
  /** Keep case (otherwise the text is lower-cased). */
  caseSensitive?: boolean;
}

const ASIAN_PUNCT = /([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])/gu;
const FULL_WIDTH_PUNCT = /([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])/gu;

function normalizeGeneralAndWestern(text: string): string {
  let s = text.replace(/\n-/g, '').replace(/\n/g, ' ');
  s = s.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  s = ` ${s} `;
  s = s.replace(/([{-~[-` -&(-+:-@/])/gu, ' $1 ');
  // possessives
  s = s.replace(/'s /g, " 's ").replace(/'s$/g, " 's");
  s = s.replace(/([^0-9])([.,])/gu, '$1 $2 ');
  s = s.replace(/([.,])([^0-9])/gu, ' $1 $2');
  return s.replace(/([0-9])(-)/gu, '$1 $2 ');
}

function normalizeAsian(text: string): string {
  let s = text.replace(/([\u4e00-\u9fff\u3400-\u4dbf])/gu, ' $1 ');
  s = s.replace(/([\u31c0-\u31ef\u2e80-\u2eff])/gu, ' $1 ');
  s = s.replace(/([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])/gu, ' $1 ');
  s = s.replace(/([\u3200-\u3f22])/gu, ' $1 ');
  // Kana rules ported as written in sacreBLEU (their anchors make them match only a whole-kana line).
  s = s.replace(/(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])/gu, '$1 $2 ');
  s = s.replace(/(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])/gu, '$1 $2 ');
  s = s.replace(/(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])/gu, '$1 $2 ');
  return s.replace(ASIAN_PUNCT, ' $1 ').replace(FULL_WIDTH_PUNCT, ' $1 ');
}

/** sacreBLEU's TercomTokenizer (signature `tercom`): returns space-joined tokens. */
export function tokenizeTercom(text: string, options: TercomOptions = {}): string {
  if (!text) return '';
  let s = options.caseSensitive ? text : text.toLowerCase();
  if (options.normalized) {
    s = normalizeGeneralAndWestern(s);
    if (options.asianSupport) s = normalizeAsian(s);
  }
  if (options.noPunct) {
    s = s.replace(/[.,?:;!"()]/g, '');
    if (options.asianSupport) s = s.replace(ASIAN_PUNCT, '').replace(FULL_WIDTH_PUNCT, '');
  }
  return collapseWhitespace(s);
}
