// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PartialNotice } from '../../renderer/components/PartialNotice.tsx';

afterEach(cleanup);

describe('partial results notice', () => {
  it('says how many parts of the library a search covered, as a status', () => {
    render(<PartialNotice partial={{ loaded: 3, total: 12 }} searching />);
    expect(screen.getByRole('status', { name: 'Partial results' }).textContent).toBe('Searching 3 of 12 parts of the library — results may be incomplete');
  });

  it('says the same of a list, and nothing once the answer covers the whole library', () => {
    const { rerender } = render(<PartialNotice partial={{ loaded: 1, total: 4 }} searching={false} />);
    expect(screen.getByRole('status').textContent).toBe('Listing 1 of 4 parts of the library — the list may be incomplete');
    rerender(<PartialNotice partial={null} searching={false} />);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
