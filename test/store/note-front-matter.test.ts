import { describe, expect, it } from 'vitest';
import { formatNote, parseNote } from '../../src/store/note-front-matter.ts';

describe('note front matter', () => {
  it('round-trips id, title, tags and the body exactly', () => {
    const body = '# My note\n\nWith $x^2$ and a trailing newline\n';
    const text = formatNote('hep-th/9901001', { title: 'A "quoted": title\nwith a newline', tags: ['RL', 'a, b'] }, body);
    expect(text.startsWith('---\nid: "hep-th/9901001"\n')).toBe(true);
    expect(parseNote(text)).toEqual({
      meta: { id: 'hep-th/9901001', title: 'A "quoted": title\nwith a newline', tags: ['RL', 'a, b'], synced: null, device: null },
      body,
    });
  });

  it('keeps a body that itself starts with front matter or a rule', () => {
    for (const body of ['---\nid: "other"\ntitle: "x"\n---\nfake front matter', '---\n\nAfter a rule', '---', '---\r\n', '']) {
      expect(parseNote(formatNote('2508.07662', { title: 'T', tags: [] }, body)).body).toBe(body);
    }
  });

  it('treats a file without front matter as all body', () => {
    expect(parseNote('Just text\n---\nmore')).toEqual({ meta: { id: null, title: null, tags: [], synced: null, device: null }, body: 'Just text\n---\nmore' });
    expect(parseNote('---\nNot a field line\n---\nbody').body).toBe('---\nNot a field line\n---\nbody');
    expect(parseNote('---\nid: "x"\nno closing line').meta.id).toBeNull();
  });

  it('reads front matter an editor rewrote: CRLF, plain YAML scalars and lists, unquoted numeric ids', () => {
    const text = "---\r\nid: 2508.07660\r\ntitle: Plain title\r\ntags: [RL, 'deep learning']\r\n---\r\nBody\r\n";
    expect(parseNote(text)).toEqual({ meta: { id: '2508.07660', title: 'Plain title', tags: ['RL', 'deep learning'], synced: null, device: null }, body: 'Body\r\n' });
  });
  it('carries a synced note\'s text hash and device, and a file without them reads as null', () => {
    const text = formatNote('2508.07660', { title: 'T', tags: [], synced: 'abc123', device: 'laptop' }, 'Body');
    expect(parseNote(text)).toEqual({ meta: { id: '2508.07660', title: 'T', tags: [], synced: 'abc123', device: 'laptop' }, body: 'Body' });
    expect(parseNote(formatNote('x', { title: 'T', tags: [] }, 'Body')).meta).toMatchObject({ synced: null, device: null });
  });
});
