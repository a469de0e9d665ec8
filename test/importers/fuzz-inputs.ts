/** Seed inputs and mutations for the importer fuzzer: every format, recorded and generated. */
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../src/importers/backup-schema.ts';
import { emptyPaperFields } from '../../src/model/paper.ts';
import { readFixture } from '../helpers/fixtures.ts';

export type Random = () => number;

const FIXTURES = [
  'arxiv-2508.07662.bib',
  'arxiv-query-testing.xml',
  'arxiv-query-transformer-cs.LG.xml',
  'hf-daily-papers-2026-06-12.json',
  'hf-daily-papers-2026-07-15.json',
  'hf-papers-page.txt',
];

function generatedBibtex(): string {
  return [
    '@string{jml = "Journal of Machine Learning"}',
    '@string{full = "The " # jml}',
    '@preamble{"\\newcommand{\\noop}[1]{}"}',
    '% a comment',
    '@article{a1, title = {Über {LLMs} and $x^2$ \\emph{math}}, author = {Doe, Jane and {Org Team} and others},',
    '  journal = full, year = 2024, month = mar, eprint = {2401.00001}, archivePrefix = {arXiv}, abstract = {One.\\par Two <b>.}}',
    '@inproceedings(b2, title = "Quoted {Title}", booktitle = "Proc. " # jml, doi = {10.1/xyz})',
    '@misc{c3, title = {Third}, url = {https://arxiv.org/abs/2402.00002v3}, keywords = {a, b}}',
  ].join('\n');
}

function generatedBackup(): string {
  const paper = (id: string, title: string) => ({
    ...emptyPaperFields(title),
    id,
    sources: ['json'],
    addedAt: '2026-06-01T10:00:00.000Z',
    modifiedAt: '2026-06-01T10:00:00.000Z',
  });
  return JSON.stringify(
    {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: '2026-06-11T08:00:00.000Z',
      papers: [paper('2401.00001', 'First'), paper('t-second', 'Second'), paper('__proto__', 'Third')],
      annotations: {
        '2401.00001': { starred: true, tags: ['a', 'b'], status: 'read', updatedAt: '2026-06-10T12:00:00.000Z', note: '# N\n\n$x$' },
        __proto__: { starred: false, tags: [], status: null, updatedAt: '2026-06-10T12:00:00.000Z', note: null },
      },
    },
    null,
    1,
  );
}

/** The recorded fixtures (listing pages cut to their first papers, to keep cases fast) and generated files. */
export function seedInputs(): string[] {
  const page = readFixture('hf-papers-page.txt').split('\n').slice(0, 60).join('\n');
  const seeds = FIXTURES.map((name) => (name === 'hf-papers-page.txt' ? page : readFixture(name)));
  const daily = JSON.parse(readFixture('hf-daily-papers-2026-06-12.json')) as unknown[];
  seeds.push(JSON.stringify(daily.slice(0, 3)), generatedBibtex(), generatedBackup());
  return seeds;
}

// Characters each format gives meaning to, and text that is hard to get right.
const TOKENS = ['{', '}', '"', '\\', '@', '#', '$', '%', ',', '=', '<', '>', '&', ';', '[', ']', ':', '\n', '\r\n', '·', '•', ' ', '\t', '\0', '\ud800', '\udc00', '😀', 'é', '\u202e', '&amp;', '&#xD800;', '<![CDATA[', ']]>', '<!--', '-->', '@string{s = s # s}', '\\newcommand{\\x}{\\x\\x}', 'http://', '$$', '\\(', 'null', 'true', '1e999', '-0', '"__proto__"', 'constructor', '• 3 authors', 'Dec 11', 'Feb 30 2'];

const pick = <T>(items: readonly T[], next: Random): T => items[Math.floor(next() * items.length)]!;
const spot = (text: string, next: Random) => Math.floor(next() * (text.length + 1));

/** One to four random edits: replace, insert, delete, repeat or move a span, cut the end, or splice two inputs. */
export function mutate(text: string, seeds: readonly string[], next: Random): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = spot(out, next);
    const span = Math.min(out.length - at, Math.floor(next() * 64));
    switch (Math.floor(next() * 7)) {
      case 0:
        out = out.slice(0, at) + pick(TOKENS, next) + out.slice(at + 1);
        break;
      case 1:
        out = out.slice(0, at) + pick(TOKENS, next).repeat(1 + Math.floor(next() * 8)) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at + span);
        break;
      case 3:
        out = out.slice(0, at) + out.slice(at, at + span).repeat(2 + Math.floor(next() * 200)) + out.slice(at + span);
        break;
      case 4:
        out = out.slice(0, at);
        break;
      case 5: {
        const other = pick(seeds, next);
        const from = spot(other, next);
        out = out.slice(0, at) + other.slice(from, from + Math.floor(next() * 400)) + out.slice(at);
        break;
      }
      default:
        out = String.fromCharCode(Math.floor(next() * 0x10000)).repeat(1 + Math.floor(next() * 3)) + out.slice(0, at) + out.slice(at + span);
    }
  }
  return out;
}
