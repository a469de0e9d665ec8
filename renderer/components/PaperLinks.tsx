import type { PaperView } from '../api/types.ts';
import { paperLinks } from '../lib/paper-links.ts';
import { ExternalLink } from './ExternalLink.tsx';

export function PaperLinks({ paper }: { paper: PaperView }) {
  const links = paperLinks(paper);
  if (links.length === 0) return null;
  return (
    <ul className="paper-links" aria-label="Links">
      {links.map((link) => (
        <li key={link.url}>
          <ExternalLink href={link.url}>{link.label}</ExternalLink>
        </li>
      ))}
    </ul>
  );
}
