// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { useKeyboardShortcuts } from '../../renderer/hooks/use-keyboard-shortcuts.ts';

afterEach(cleanup);

function Moves({ moves, pageSize }: { moves: number[]; pageSize: () => number }) {
  const none = () => undefined;
  useKeyboardShortcuts(
    { focusSearch: none, move: (delta) => moves.push(delta), toggleStar: none, focusTags: none, focusNote: none, openPaper: none, showShortcuts: none },
    true,
    pageSize,
  );
  return (
    <>
      <div role="listbox" aria-label="Papers" tabIndex={0} />
      <section aria-label="Paper details">
        <button type="button">Star</button>
      </section>
    </>
  );
}

describe('page keys', () => {
  it('move by the rows the list shows at the moment of the key press, from the list only', async () => {
    const user = userEvent.setup();
    const moves: number[] = [];
    let rows = 7;
    const { getByRole } = render(<Moves moves={moves} pageSize={() => rows} />);
    getByRole('listbox').focus();
    await user.keyboard('{PageDown}');
    rows = 3;
    await user.keyboard('{PageUp}{End}{Home}');
    rows = 0;
    await user.keyboard('{PageDown}');
    getByRole('button', { name: 'Star' }).focus();
    await user.keyboard('{PageDown}{End}');
    expect(moves).toEqual([7, -3, Infinity, -Infinity, 10]);
  });
});
