/**
 * What a new user tries on the shipped sample listing and the recorded Daily Papers: phrases, OR,
 * a leading "-", pasted ids and links, an author's full name — through the library, as every door
 * (CLI, window, HTTP) runs them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.ts';
import { readFixture, REPO_ROOT } from '../../helpers/fixtures.ts';

let library: Library;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'papershelf-why-'));
  library = await Library.open(dir);
  await library.importText({ text: readFileSync(join(REPO_ROOT, 'assets/samples/hf-papers-page.txt'), 'utf8') });
  await library.importText({ text: readFixture('hf-daily-papers-2026-06-12.json') });
  await library.importText({ text: readFixture('hf-daily-papers-2026-07-15.json') });
}, 120_000);

afterAll(async () => {
  await library.close();
  rmSync(dir, { recursive: true, force: true });
});

const search = (query: string) => library.search(query, { limit: 10_000 });
const idsOf = (query: string) => new Set(search(query).results.map((paper) => paper.id));

describe('the examples people type', () => {
  it('"reward model" in quotes finds the papers with the words side by side, not every paper with both', () => {
    const both = search('reward model').results;
    const phrase = search('"reward model"').results;
    expect(phrase.length).toBeGreaterThan(5);
    expect(phrase.length).toBeLessThan(both.length);
    const adjacent = /\breward[\s-]+model/i;
    for (const paper of phrase) expect(`${paper.title}\n${paper.abstract}`, paper.title).toMatch(adjacent);
    const phraseIds = new Set(phrase.map((paper) => paper.id));
    for (const paper of both) {
      if (/\breward[\s-]+models?\b/i.test(`${paper.title}\n${paper.abstract}`)) expect(phraseIds.has(paper.id), paper.title).toBe(true);
    }
  });

  it('dexterous OR sql finds the papers with either word', () => {
    const either = new Set([...idsOf('dexterous'), ...idsOf('sql')]);
    expect(idsOf('dexterous').size).toBeGreaterThan(0);
    expect(idsOf('sql').size).toBeGreaterThan(0);
    expect(idsOf('dexterous OR sql')).toEqual(either);
  });

  it('"-survey reward" is reward without survey', () => {
    const reward = idsOf('reward');
    const survey = idsOf('survey');
    const expected = new Set([...reward].filter((id) => !survey.has(id)));
    expect(expected.size).toBeLessThan(reward.size);
    expect(idsOf('-survey reward')).toEqual(expected);
    expect(idsOf('reward NOT survey')).toEqual(expected);
  });

  it('an id or a link, pasted in any form, puts its paper first', () => {
    for (const form of ['2606.13106', '2606.13106v2', 'arXiv:2606.13106', 'https://arxiv.org/abs/2606.13106v2', 'https://arxiv.org/pdf/2606.13106', 'https://huggingface.co/papers/2606.13106']) {
      const found = search(form);
      expect(found.results[0]?.id, form).toBe('2606.13106');
      expect(found.total, form).toBe(1);
    }
    const withWords = search('https://arxiv.org/abs/2606.13106v2 reward');
    expect(withWords.results[0]?.id).toBe('2606.13106');
    expect(withWords.total).toBe(1 + idsOf('reward').size - (idsOf('reward').has('2606.13106') ? 1 : 0));
  });

  it('author:"Xunhao Lai" finds that author', () => {
    const all = library.listPapers({}).results;
    const byLai = all.filter((paper) => paper.authors.includes('Xunhao Lai')).map((paper) => paper.id);
    expect(byLai.length).toBeGreaterThan(0);
    expect([...idsOf('author:"Xunhao Lai"')].sort()).toEqual(byLai.sort());
  });

  it('title:"sparse attention" -survey combines a phrase with a field and an exclusion', () => {
    const found = search('title:"sparse attention" -survey').results;
    expect(found.length).toBeGreaterThan(0);
    for (const paper of found) {
      expect(paper.title).toMatch(/sparse[\s-]+attention/i);
      expect(`${paper.title} ${paper.abstract}`).not.toMatch(/\bsurvey/i);
    }
  });
});
