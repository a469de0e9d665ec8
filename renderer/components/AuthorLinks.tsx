import type { PaperView } from '../api/types.ts';
import { authorQuery, countLabel } from '../lib/format.ts';

function NameLink({ name, kind, onSearch }: { name: string; kind: string; onSearch: ((query: string) => void) | undefined }) {
  if (!onSearch) return <span>{name}</span>;
  return (
    <button type="button" className="link-button author-link" title={`List the papers of ${kind} ${name}`} onClick={() => onSearch(authorQuery(name))}>
      {name}
    </button>
  );
}

/**
 * The authors and organisation of a paper, each a button that lists their papers. Listing pages
 * sometimes give only a count of authors; the pane says so rather than showing nothing.
 */
export function AuthorLinks({ paper, onSearch }: { paper: PaperView; onSearch?: (query: string) => void }) {
  const count = paper.authorCount ?? 0;
  const hidden = count - paper.authors.length;
  const organization = paper.organization?.trim() || null;
  if (paper.authors.length === 0 && count === 0 && !organization) return null;
  return (
    <p className="detail-authors">
      {paper.authors.map((name, index) => (
        <span key={`${index}:${name}`}>
          {index > 0 ? ', ' : ''}
          <NameLink name={name} kind="the author" onSearch={onSearch} />
        </span>
      ))}
      {paper.authors.length > 0 && hidden > 0 && ` and ${hidden} more`}
      {paper.authors.length === 0 && count > 0 && <span className="muted">{`${countLabel(count, 'author')} — names not in the listing`}</span>}
      {organization && (
        <span className="detail-organization">
          {paper.authors.length > 0 || count > 0 ? ' · ' : ''}
          <NameLink name={organization} kind="the organisation" onSearch={onSearch} />
        </span>
      )}
    </p>
  );
}
