import { readFixture } from '../helpers/fixtures.ts';

type Item = { paper: { id: string; title: string; summary: string } };

/**
 * A Daily Papers API response of `count` distinct papers, built from the recorded ones: real field
 * shapes and abstract lengths, with ids and titles made unique.
 */
export function manyPapersJson(count: number): string {
  const recorded = JSON.parse(readFixture('hf-daily-papers-2026-06-12.json')) as Item[];
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    const item = structuredClone(recorded[i % recorded.length]!);
    item.paper.id = `2699.${String(i).padStart(5, '0')}`;
    item.paper.title = `${item.paper.title} (variant ${i})`;
    items.push(item);
  }
  // Through bytes, as a file is read: JSON.stringify's result is a rope that V8 flattens (copies)
  // on first slice, which a decoded file never needs.
  return new TextDecoder().decode(new TextEncoder().encode(JSON.stringify(items)));
}
