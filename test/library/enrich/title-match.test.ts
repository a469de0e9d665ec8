import { describe, expect, it } from 'vitest';
import { disagreement, EntryIndex, matchTitle, NO_EVIDENCE, type ListingEvidence } from '../../../src/library/enrich/title-match.ts';
import { emptyPaperFields, type PaperFields } from '../../../src/model/paper.ts';

function entry(arxivId: string, title: string, authors: number, published: string, version = 1): PaperFields {
  return { ...emptyPaperFields(title), arxivId, version, authors: Array.from({ length: authors }, (_, i) => `A${i}`), published };
}

const TITLE = 'ToolRL: Reward is All Tool Learning Needs';
const PAGE: ListingEvidence = { authorCount: 8, authorSlack: 1, date: '2025-04-16', dateSlackDays: 60 };

describe('matchTitle', () => {
  it('resolves the one entry whose title is the listing title, written differently', () => {
    const index = new EntryIndex([entry('2504.13958', '$\\texttt{ToolRL}$: Reward is All Tool\n  Learning Needs', 8, '2025-04-16')]);
    const match = matchTitle(TITLE, PAGE, index);
    expect(match).toMatchObject({ kind: 'resolved', entry: { arxivId: '2504.13958' } });
  });

  it('never takes a look-alike: a word more, a word less, a v2, a subtitle', () => {
    const decoys = [
      entry('2601.00001', 'ToolRL: Reward is All Tool Learning Needs Now', 8, '2025-04-16'),
      entry('2601.00002', 'ToolRL: Reward is All Tool Learning', 8, '2025-04-16'),
      entry('2601.00003', 'ToolRL v2: Reward is All Tool Learning Needs', 8, '2025-04-16'),
      entry('2601.00004', 'ToolRL', 8, '2025-04-16'),
      entry('2601.00005', 'ToolRL: Reward is All Tool Learning Needs: A Study', 8, '2025-04-16'),
      entry('2601.00006', 'ToolRL2: Reward is All Tool Learning Needs', 8, '2025-04-16'),
    ];
    expect(matchTitle(TITLE, PAGE, new EntryIndex(decoys))).toEqual({ kind: 'unresolved', refused: [] });
    const withReal = new EntryIndex([...decoys, entry('2504.13958', TITLE, 8, '2025-04-16')]);
    expect(matchTitle(TITLE, PAGE, withReal)).toMatchObject({ kind: 'resolved', entry: { arxivId: '2504.13958' } });
  });

  it('refuses a same-title entry whose author count or date disagrees, and says why', () => {
    const index = new EntryIndex([entry('1903.00001', TITLE, 3, '2019-03-01')]);
    const match = matchTitle(TITLE, PAGE, index);
    expect(match).toEqual({ kind: 'unresolved', refused: [{ arxivId: '1903.00001', title: TITLE, reason: 'it has 3 authors, the listing 8' }] });
    const late = matchTitle(TITLE, PAGE, new EntryIndex([entry('2508.00001', TITLE, 8, '2025-08-01')]));
    expect(late).toMatchObject({ kind: 'unresolved', refused: [{ reason: 'it was first submitted on 2025-08-01, the listing says 2025-04-16' }] });
  });

  it('lets the author count differ by the slack only, and the date by the allowed days', () => {
    expect(disagreement(entry('x', TITLE, 9, '2025-04-16'), PAGE)).toBeNull();
    expect(disagreement(entry('x', TITLE, 7, '2025-04-16'), PAGE)).toBeNull();
    expect(disagreement(entry('x', TITLE, 10, '2025-04-16'), PAGE)).toMatch(/10 authors/);
    expect(disagreement(entry('x', TITLE, 9, '2025-04-16'), { ...PAGE, authorSlack: 0 })).toMatch(/9 authors/);
    expect(disagreement(entry('x', TITLE, 8, '2025-02-15'), PAGE)).toBeNull();
    expect(disagreement(entry('x', TITLE, 8, '2025-02-14'), PAGE)).toMatch(/2025-02-14/);
    expect(disagreement(entry('x', TITLE, 8, '2025-06-15'), PAGE)).toBeNull();
    expect(disagreement(entry('x', TITLE, 1, '1990-01-01'), NO_EVIDENCE)).toBeNull();
  });

  it('uses the evidence to pick the right one of two same-title papers', () => {
    const index = new EntryIndex([entry('1903.00001', TITLE, 3, '2019-03-01'), entry('2504.13958', TITLE, 8, '2025-04-16')]);
    expect(matchTitle(TITLE, PAGE, index)).toMatchObject({ kind: 'resolved', entry: { arxivId: '2504.13958' } });
  });

  it('calls two agreeing papers with one title ambiguous and takes neither', () => {
    const index = new EntryIndex([entry('2503.06072', TITLE, 12, '2025-03-08'), entry('2502.21321', TITLE, 6, '2025-02-28')]);
    const match = matchTitle(TITLE, NO_EVIDENCE, index);
    expect(match.kind).toBe('ambiguous');
    expect(match.kind === 'ambiguous' && match.entries.map((e) => e.arxivId)).toEqual(['2502.21321', '2503.06072']);
  });

  it('counts one arXiv paper once, at its newest version, however often it was answered', () => {
    const index = new EntryIndex([entry('2504.13958', TITLE, 8, '2025-04-16', 1), entry('2504.13958', TITLE, 8, '2025-04-16', 3), entry('2504.13958', TITLE, 8, '2025-04-16', 2)]);
    expect(matchTitle(TITLE, PAGE, index)).toMatchObject({ kind: 'resolved', entry: { version: 3 } });
  });

  it('ignores entries without an arXiv id', () => {
    const index = new EntryIndex([{ ...entry('x', TITLE, 8, '2025-04-16'), arxivId: null }]);
    expect(matchTitle(TITLE, PAGE, index)).toEqual({ kind: 'unresolved', refused: [] });
  });
});
