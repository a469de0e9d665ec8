import type { Ref } from 'react';
import type { FieldMatch, PaperView, ReadingStatus, SearchResult, TagCount } from '../api/types.ts';
import type { SaveNote } from '../hooks/use-note-autosave.ts';
import { paperDate } from '../lib/format.ts';
import { fieldRanges } from '../lib/highlight.ts';
import { AuthorLinks } from './AuthorLinks.tsx';
import { CopyCitation } from './CopyCitation.tsx';
import { MathText } from './MathText.tsx';
import { NotInterestedButton } from './ForYouActions.tsx';
import { NoteEditor } from './NoteEditor.tsx';
import { PaperGaps } from './PaperGaps.tsx';
import { PaperLinks } from './PaperLinks.tsx';
import { PdfActions } from './PdfActions.tsx';
import { SimilarPapers } from './SimilarPapers.tsx';
import { StarButton } from './StarButton.tsx';
import { StatusSelect } from './StatusSelect.tsx';
import { TagEditor } from './TagEditor.tsx';

export interface DetailActions {
  toggleStar(): void;
  setStatus(status: ReadingStatus | null): void;
  /** `r`: to read, reading, read, no status. */
  cycleStatus(): void;
  addTag(tag: string): Promise<boolean>;
  removeTag(tag: string): void;
  saveNote: SaveNote;
  /** Brings back an earlier version of the paper's note. */
  restoreNote(id: string, version: number): Promise<boolean>;
  /** Opens the paper's page; a paper with no link is looked up by title, with a notice saying so. */
  openPaper(): void;
  /** `c`: copies the citation in the style last chosen under "Copy citation". */
  copyCitation(): void;
  select(id: string): void;
  /** Runs a query (`author:"Name"`); without it, author names are plain text. */
  search?(query: string): void;
}

interface DetailPaneProps {
  paper: PaperView | null;
  /** The search matches of the selected row, to highlight in the title and abstract. */
  matches: FieldMatch[] | undefined;
  similar: SearchResult[];
  knownTags: TagCount[];
  actions: DetailActions;
  tagInputRef?: Ref<HTMLInputElement>;
  noteRef?: Ref<HTMLTextAreaElement>;
  /** Opens the reader on the paper's kept PDF (key `p`). */
  onReadPdf?: (id: string, title: string) => void;
  /** "Not interested": the paper leaves For you (key `x`). */
  onDismiss?: () => void;
}

function metaLine(paper: PaperView): string {
  const parts = [
    paperDate(paper),
    paper.upvotes !== null ? `▲ ${paper.upvotes}` : '',
    paper.arxivId ? `arXiv:${paper.arxivId}` : '',
    paper.details.primaryCategory ?? '',
    paper.details.venue ?? '',
  ];
  return parts.filter((part) => part).join(' · ');
}

export function DetailPane({ paper, matches, similar, knownTags, actions, tagInputRef, noteRef, onDismiss, onReadPdf }: DetailPaneProps) {
  if (!paper) {
    return (
      <section className="detail detail-empty" aria-label="Paper details">
        <p className="muted">Select a paper to read its abstract. Press ? for keyboard shortcuts.</p>
      </section>
    );
  }
  return (
    <section className="detail" aria-label="Paper details">
      <article>
        <h2 className="detail-title">
          <MathText text={paper.title} ranges={fieldRanges(matches, 'title', paper.title)} />
        </h2>
        <AuthorLinks paper={paper} onSearch={actions.search} />
        <p className="detail-meta muted">{metaLine(paper)}</p>
        <PaperLinks paper={paper} />
        <PaperGaps key={`gaps:${paper.id}`} paper={paper} onMoved={actions.select} />
        <div className="detail-actions">
          <StarButton starred={paper.starred} onToggle={actions.toggleStar} />
          <StatusSelect status={paper.status} onChange={actions.setStatus} />
          {onDismiss && paper.status !== 'dismissed' && <NotInterestedButton onDismiss={onDismiss} />}
        </div>
        {onReadPdf && <PdfActions key={`pdf:${paper.id}`} id={paper.id} onRead={() => onReadPdf(paper.id, paper.title)} />}
        <CopyCitation key={`cite:${paper.id}`} papers={[paper]} />
        <TagEditor tags={paper.tags} known={knownTags} onAdd={actions.addTag} onRemove={actions.removeTag} inputRef={tagInputRef} />
        <section className="abstract" aria-labelledby="abstract-heading">
          <h3 id="abstract-heading">Abstract</h3>
          <p className="abstract-text">
            {paper.abstract ? <MathText text={paper.abstract} ranges={fieldRanges(matches, 'abstract', paper.abstract)} /> : <span className="muted">No abstract.</span>}
          </p>
        </section>
        <NoteEditor key={paper.id} paperId={paper.id} note={paper.note} save={actions.saveNote} restore={actions.restoreNote} textareaRef={noteRef} />
        <SimilarPapers papers={similar} onSelect={actions.select} />
      </article>
    </section>
  );
}
