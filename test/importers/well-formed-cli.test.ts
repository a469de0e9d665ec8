import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFixture, tempDir } from '../helpers/fixtures.ts';
import { cli } from '../cli/run-cli.ts';

type Page = { total: number; results: Array<{ id: string; title: string }> };

describe('a lone surrogate in an imported title', () => {
  it('imports as U+FFFD and the library still lists, searches and stars', async () => {
    const dir = tempDir();
    const items = JSON.parse(readFixture('hf-daily-papers-2026-06-12.json')) as Array<{ paper: { id: string; title: string } }>;
    items[0]!.paper.title = 'Zyxwv x\ud800y paper';
    items[1]!.paper.title = 'Zyxwv x\udbffy paper';
    const file = join(dir, 'papers.json');
    writeFileSync(file, JSON.stringify(items));
    const imported = await cli(dir, ['import', file, '--json']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const list = await cli(dir, ['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const titles = list.json<Page>().results.map((p) => p.title);
    expect(titles).toContain('Zyxwv x\ufffdy paper');
    expect(titles.filter((t) => t === 'Zyxwv x\ufffdy paper')).toHaveLength(2);
    const found = await cli(dir, ['search', 'zyxwv', '--json']);
    expect(found.code, found.stderr).toBe(0);
    expect(found.json<Page>().total).toBe(2);
    const id = items[0]!.paper.id;
    const star = await cli(dir, ['star', id]);
    expect(star.code, star.stderr).toBe(0);
    const starred = await cli(dir, ['list', '--starred', '--json']);
    expect(starred.code, starred.stderr).toBe(0);
    expect(starred.json<Page>().results.map((p) => p.id)).toEqual([id]);
  });
});
