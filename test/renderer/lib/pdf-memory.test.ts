// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { invertChoice, MAX_REMEMBERED, rememberedPage, rememberPage, saveInvertChoice } from '../../../renderer/lib/pdf-memory.ts';

beforeEach(() => localStorage.clear());

describe('what the reader remembers', () => {
  it('the page of each paper, across reloads (storage)', () => {
    expect(rememberedPage('2606.00001')).toBeNull();
    rememberPage('2606.00001', 7);
    rememberPage('doi:10.1000/x', 2);
    expect(rememberedPage('2606.00001')).toBe(7);
    expect(rememberedPage('doi:10.1000/x')).toBe(2);
  });

  it('only the most recently read papers, and survives damaged storage', () => {
    for (let index = 0; index <= MAX_REMEMBERED; index++) rememberPage(`paper-${index}`, index + 1);
    expect(rememberedPage('paper-0')).toBeNull();
    expect(rememberedPage(`paper-${MAX_REMEMBERED}`)).toBe(MAX_REMEMBERED + 1);
    localStorage.setItem('papershelf.pdf.pages', '{not json');
    expect(rememberedPage('paper-1')).toBeNull();
    rememberPage('paper-1', 3);
    expect(rememberedPage('paper-1')).toBe(3);
  });

  it('the choice of inverted pages, unset until made', () => {
    expect(invertChoice()).toBeNull();
    saveInvertChoice(false);
    expect(invertChoice()).toBe(false);
    saveInvertChoice(true);
    expect(invertChoice()).toBe(true);
  });
});
