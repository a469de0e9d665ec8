import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/api/dispatch.ts';
import { MAX_ERROR_CHARS } from '../../src/api/error-text.ts';
import { Library } from '../../src/library/library.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { cli } from '../cli/run-cli.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function doors(dir: string) {
  const library = await Library.open(dir);
  const dispatch = createDispatch(library);
  const server = await startServer({ library: { dispatch, subscribe: (l) => library.subscribe(l) }, port: 0 });
  servers.push(server);
  const http = async (name: string, input: unknown) => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': server.token },
      body: JSON.stringify(input),
    });
    return (await response.json()) as { ok: boolean; error?: { code: string; message: string } };
  };
  return { dispatch, http };
}

describe('every door answers bad input the same way, in words for people', () => {
  it('an empty tag: "tag: a tag cannot be empty" from dispatch (IPC), HTTP and the CLI', async () => {
    const dir = tempDir();
    expect((await cli(dir, ['import', '-'], readFixture('arxiv-query-testing.xml'))).code).toBe(0);
    const id = (await cli(dir, ['list', '--json'])).json<{ results: Array<{ id: string }> }>().results[0]!.id;
    const { dispatch, http } = await doors(dir);
    const expected = { ok: false, error: { code: 'bad-input', message: 'tag: a tag cannot be empty' } };
    expect(await dispatch('addTags', { id, tags: ['  '] })).toEqual(expected);
    expect(await http('addTags', { id, tags: ['  '] })).toEqual(expected);
    const viaCli = await cli(dir, ['tag', id, '  ']);
    expect(viaCli.code).toBe(2);
    expect(viaCli.stderr).toBe('papershelf: tag: a tag cannot be empty\n');
  });

  it('refuses unknown fields (strict inputs) and names a bad value by its field', async () => {
    const { dispatch, http } = await doors(tempDir());
    const unknown = { ok: false, error: { code: 'bad-input', message: 'unknown field "colour"' } };
    expect(await dispatch('stats', { colour: 'red' })).toEqual(unknown);
    expect(await http('stats', { colour: 'red' })).toEqual(unknown);
    expect(await dispatch('listPapers', { starred: true, colour: 'red' })).toEqual(unknown);
    expect(await dispatch('setStar', { id: 'x', starred: 'yes' })).toEqual({ ok: false, error: { code: 'bad-input', message: 'starred: expected true or false' } });
    expect(await dispatch('getPaper', {})).toEqual({ ok: false, error: { code: 'bad-input', message: 'id: is required' } });
  });

  it('keeps every error to one line of at most 300 characters, whatever was typed', async () => {
    const dir = tempDir();
    const { dispatch } = await doors(dir);
    const huge = `x${'y'.repeat(200_000)}\nsecond line`;
    const answer = await dispatch('unfollow', { id: huge.slice(0, 900) });
    expect(answer.ok).toBe(false);
    for (const args of [['show', huge], ['import', huge], ['export', '--format', 'bibtex', '-o', `${huge}/f.bib`]]) {
      const run = await cli(dir, args);
      expect(run.code, args[0]).toBe(2);
      expect(run.stderr.endsWith('\n')).toBe(true);
      expect(run.stderr.slice(0, -1)).not.toContain('\n');
      expect(run.stderr.length - 1).toBeLessThanOrEqual(MAX_ERROR_CHARS);
    }
  });
});
