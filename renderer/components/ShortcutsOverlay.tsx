import { SHORTCUTS } from '../hooks/use-keyboard-shortcuts.ts';
import { Dialog } from './Dialog.tsx';

export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcuts">
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Shortcuts wait while you type in a field; Esc leaves it.</p>
    </Dialog>
  );
}
