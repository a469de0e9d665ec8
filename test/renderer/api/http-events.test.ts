import { describe, expect, it } from 'vitest';
import { createChangeStream, parseChangeEvent } from '../../../renderer/api/http-events.ts';

class FakeEventSource extends EventTarget {
  static opened: FakeEventSource[] = [];
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close() {
    this.closed = true;
  }
  send(data: string, type = 'message') {
    this.dispatchEvent(new MessageEvent(type, { data }));
  }
}

describe('change events over SSE', () => {
  it('parses change events and ignores anything else', () => {
    expect(parseChangeEvent('{"kind":"annotations","ids":["a"],"at":"2026-01-01T00:00:00Z"}')).toEqual({ kind: 'annotations', ids: ['a'], at: '2026-01-01T00:00:00Z' });
    expect(parseChangeEvent('{"kind":"fetch","ids":[],"at":"t","job":{"id":"j1"}}')).toEqual({ kind: 'fetch', ids: [], at: 't', job: { id: 'j1' } });
    expect(parseChangeEvent('{"kind":"evil","ids":[]}')).toBeNull();
    expect(parseChangeEvent('{"kind":"papers","ids":[1]}')).toBeNull();
    expect(parseChangeEvent('not json')).toBeNull();
  });

  it('shares one EventSource, reports reconnections as a change, and closes with the last listener', () => {
    FakeEventSource.opened = [];
    const subscribe = createChangeStream('/api/events?token=t', (url) => new FakeEventSource(url) as unknown as EventSource);
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = subscribe((event) => first.push(`${event.kind}:${event.ids.join(',')}`));
    const stopSecond = subscribe((event) => second.push(event.kind));
    expect(FakeEventSource.opened.map((source) => source.url)).toEqual(['/api/events?token=t']);
    const source = FakeEventSource.opened[0]!;
    source.send('{"kind":"tags","ids":["x","y"],"at":"now"}');
    source.send('garbage');
    source.dispatchEvent(new Event('error'));
    source.dispatchEvent(new Event('open'));
    expect(first).toEqual(['tags:x,y', 'papers:']);
    stopFirst();
    expect(source.closed).toBe(false);
    stopSecond();
    expect(source.closed).toBe(true);
    expect(second).toEqual(['tags', 'papers']);
  });
});
