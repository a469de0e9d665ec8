import type { ReactNode } from 'react';
import type { ReadingStatus, Stats, TagCount, View } from '../api/types.ts';
import { STATUS_LABELS } from '../lib/format.ts';
import { sameView } from '../lib/views.ts';
import { SidebarItem } from './SidebarItem.tsx';
import { SidebarTag } from './SidebarTag.tsx';
import { SIDEBAR_ID } from './ResponsiveLayout.tsx';
import { SourcesSection } from './SourcesSection.tsx';

interface SidebarProps {
  stats: Stats | null;
  tags: TagCount[];
  view: View;
  onView: (view: View) => void;
  onRenameTag: (from: string, to: string) => Promise<boolean>;
  onDeleteTag: (tag: string) => Promise<boolean>;
  /** The For you entries, under the library's views. */
  forYou?: ReactNode;
}

const SOURCE_LABELS: Record<string, string> = {
  'hf-page': 'Hugging Face page',
  'hf-json': 'HF Daily Papers',
  'hf-daily': 'Fetched from Hugging Face',
  arxiv: 'Fetched from arXiv',
  'arxiv-atom': 'arXiv API',
  bibtex: 'BibTeX',
  json: 'Papershelf backup',
};

const STATUSES = Object.keys(STATUS_LABELS) as ReadingStatus[];

export function Sidebar({ stats, tags, view, onView, onRenameTag, onDeleteTag, forYou }: SidebarProps) {
  const item = (label: string, target: View, count: number | undefined) => (
    <li>
      <SidebarItem label={label} count={count} active={sameView(view, target)} onClick={() => onView(target)} />
    </li>
  );
  return (
    <nav className="sidebar" id={SIDEBAR_ID} aria-label="Library">
      <ul className="nav-list">
        {item('All papers', { kind: 'all', value: null }, stats?.papers)}
        {item('Starred', { kind: 'starred', value: null }, stats?.starred)}
      </ul>
      {forYou}
      <h2 className="nav-heading">Status</h2>
      <ul className="nav-list">
        {STATUSES.map((status) => (
          <li key={status}>
            <SidebarItem
              label={STATUS_LABELS[status]}
              count={stats?.status[status]}
              active={sameView(view, { kind: 'status', value: status })}
              onClick={() => onView({ kind: 'status', value: status })}
            />
          </li>
        ))}
      </ul>
      <h2 className="nav-heading">Tags</h2>
      {tags.length === 0 ? (
        <p className="nav-empty muted">No tags yet. Press t on a paper to add one.</p>
      ) : (
        <ul className="nav-list">
          {tags.map((tag) => (
            <SidebarTag
              key={tag.name}
              tag={tag}
              active={sameView(view, { kind: 'tag', value: tag.name })}
              onSelect={() => onView({ kind: 'tag', value: tag.name })}
              onRename={onRenameTag}
              onDelete={onDeleteTag}
            />
          ))}
        </ul>
      )}
      <SourcesSection>
        {stats && stats.sources.length > 0 && (
          <ul className="nav-list">
            {stats.sources.map((source) => (
              <li key={source.name}>
                <SidebarItem
                  label={SOURCE_LABELS[source.name] ?? source.name}
                  count={source.count}
                  active={sameView(view, { kind: 'source', value: source.name })}
                  onClick={() => onView({ kind: 'source', value: source.name })}
                />
              </li>
            ))}
          </ul>
        )}
      </SourcesSection>
    </nav>
  );
}
