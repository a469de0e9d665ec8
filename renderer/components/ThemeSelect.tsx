import type { UiState } from '../api/types.ts';

type Theme = UiState['theme'];

export function ThemeSelect({ theme, onChange }: { theme: Theme; onChange: (theme: Theme) => void }) {
  return (
    <select className="theme-select" aria-label="Theme" value={theme} onChange={(event) => onChange(event.target.value as Theme)}>
      <option value="system">System theme</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  );
}
