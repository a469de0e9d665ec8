// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { useKeyboardShortcuts } from '../../renderer/hooks/use-keyboard-shortcuts.ts';

afterEach(cleanup);

/** The keys of selection and undo, recorded by name, with a list and a note field to type in. */
function Keys({ log, multi }: { log: string[]; multi: () => boolean }) {
  const none = () => undefined;
  useKeyboardShortcuts(
    {
      focusSearch: none,
      move: (delta) => log.push(`move ${delta}`),
      toggleStar: () => log.push('star'),
      focusTags: none,
      focusNote: none,
      openPaper: none,
      showShortcuts: none,
      extend: (delta) => log.push(`extend ${delta}`),
      selectAll: () => log.push('all'),
      clearSelection: () => {
        log.push('clear');
        return multi();
      },
      undo: () => log.push('undo'),
      redo: () => log.push('redo'),
    },
    true,
  );
  return (
    <>
      <div role="listbox" aria-label="Papers" tabIndex={0} />
      <textarea aria-label="Note" />
    </>
  );
}

describe('selection and undo keys', () => {
  it('Shift+j/k and Shift+arrows extend; Ctrl/Cmd+A selects all; Ctrl+Z undoes, Shift+Ctrl+Z and Ctrl+Y redo; Esc clears', async () => {
    const user = userEvent.setup();
    const log: string[] = [];
    const { getByRole } = render(<Keys log={log} multi={() => true} />);
    getByRole('listbox').focus();
    await user.keyboard('{Shift>}J{/Shift}{Shift>}K{/Shift}{Shift>}{ArrowDown}{/Shift}{Shift>}{ArrowUp}{/Shift}j');
    await user.keyboard('{Control>}a{/Control}{Meta>}a{/Meta}{Control>}z{/Control}{Meta>}z{/Meta}{Control>}{Shift>}z{/Shift}{/Control}{Control>}y{/Control}');
    await user.keyboard('{Escape}s');
    expect(log).toEqual(['extend 1', 'extend -1', 'extend 1', 'extend -1', 'move 1', 'all', 'all', 'undo', 'undo', 'redo', 'redo', 'clear', 'star']);
  });

  it('in a text field, Ctrl+Z and Ctrl+A stay the field’s own', async () => {
    const user = userEvent.setup();
    const log: string[] = [];
    const { getByRole } = render(<Keys log={log} multi={() => false} />);
    getByRole('textbox', { name: 'Note' }).focus();
    await user.keyboard('abc{Control>}z{/Control}{Control>}a{/Control}{Shift>}J{/Shift}');
    expect(log).toEqual([]);
    // Ctrl+A selected the field's text, which the typed J replaced.
    expect((getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('J');
  });
});
