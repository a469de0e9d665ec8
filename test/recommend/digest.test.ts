import { describe, expect, it } from 'vitest';
import { planDigest } from '../../src/recommend/digest-plan.ts';
import { firstSentences, renderHtml, renderMarkdown } from '../../src/recommend/digest-render.ts';
import { BRIDGE_CORPUS } from './bridge-corpus.ts';
import { topicLibrary } from './recommend-library.ts';

const HOSTILE = '<img src=x onerror=alert(1)> **bold** [link](javascript:alert(2))';

async function digestShelf() {
  const shelf = await topicLibrary(BRIDGE_CORPUS);
  for (const id of shelf.ofTopic(0, 6)) await shelf.call('setStar', { id, starred: true });
  for (const id of shelf.ofTopic(2, 6)) await shelf.call('addTags', { id, tags: ['agents'] });
  // Another listing's copy of a tagged paper, with markup in its title and a script link.
  const model = shelf.papers.find((paper) => paper.id === shelf.ofTopic(2, 1)[0]);
  const hostile = { ...model, id: 't:hostile', title: `${model?.title} ${HOSTILE}`, url: 'javascript:alert(3)' };
  await shelf.call('importText', { text: JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-04-02T00:00:00.000Z', papers: [hostile], annotations: {} }), format: 'json' });
  const { tags } = await shelf.call('listTags', {});
  const plan = await planDigest((input) => shelf.call('recommend', input), { limit: 20, tags, now: new Date('2026-04-02T08:00:00Z') });
  return { shelf, plan };
}

describe('digest', () => {
  it('groups the top papers by tag when the tag has enough positives, keeping the overall order', async () => {
    const { shelf, plan } = await digestShelf();
    const overall = await shelf.call('recommend', { limit: 20 });
    const papers = plan.groups.flatMap((group) => group.papers.map((paper) => paper.id));
    expect(new Set(papers)).toEqual(new Set(overall.results.map((paper) => paper.id)));
    expect(plan.groups.map((group) => group.tag).sort()).toEqual(['agents', null].sort());
    const agents = plan.groups.find((group) => group.tag === 'agents');
    const rest = plan.groups.find((group) => group.tag === null);
    // The tag's group holds its topic's papers; the stars' topic stays under "For you".
    expect(agents?.papers.filter((paper) => paper.id === 't:hostile' || shelf.topicOf.get(paper.id) === 2).length).toBe(agents?.papers.length);
    expect(rest?.papers.filter((paper) => shelf.topicOf.get(paper.id) === 0).length).toBeGreaterThanOrEqual(((rest?.papers.length ?? 0) * 3) / 4);
    const position = new Map(overall.results.map((paper, index) => [paper.id, index]));
    for (const group of plan.groups) {
      const order = group.papers.map((paper) => position.get(paper.id) ?? -1);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    // Groups come in the order of their best paper.
    const firsts = plan.groups.map((group) => position.get(group.papers[0]?.id ?? '') ?? -1);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
  });

  it('writes title, authors, link, reason and the abstract\'s first sentences; HTML is self-contained and escapes listing text', async () => {
    const { plan } = await digestShelf();
    const html = renderHtml(plan);
    const markdown = renderMarkdown(plan);
    const paper = plan.groups.flatMap((group) => group.papers).find((entry) => entry.id !== 't:hostile');
    if (!paper) throw new Error('the digest is empty');
    expect(html).toContain(`<a href="${paper.url}">`);
    expect(html).toContain(paper.authors[0]);
    expect(html).toMatch(/Because you (starred|tagged) “/);
    expect(html).toContain('More like agents');
    expect(html).toContain(firstSentences(paper.abstract).slice(0, 40));
    expect(markdown).toContain(`(<${paper.url}>)`);
    expect(markdown).toMatch(/> Because you (starred|tagged) “/);

    expect(plan.groups.flatMap((group) => group.papers).some((entry) => entry.id === 't:hostile')).toBe(true);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toMatch(/<script|src="http|href="\/\/|@import/);
    expect(html).toContain("default-src 'none'");
    // A backslash makes the bracket a literal character in Markdown.
    expect(markdown).not.toMatch(/(^|[^\\])<img/m);
    expect(markdown).toContain('\\<img');
    expect(markdown).not.toContain('](javascript');
    expect(markdown).toContain('\\*\\*bold\\*\\*');
  });

  it('cuts the abstract after its first sentences', () => {
    expect(firstSentences('We study X. We find Y! Then Z? More.')).toBe('We study X. We find Y!');
    expect(firstSentences('Version 2.5 of the model works. It is fast. Slow.')).toBe('Version 2.5 of the model works. It is fast.');
    expect(firstSentences(`${'word '.repeat(200)}end.`).length).toBeLessThanOrEqual(401);
  });
});
