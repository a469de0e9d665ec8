import { Fragment, useMemo, type ReactNode } from 'react';
import { overlaps, sliceByRanges, type Range } from '../lib/highlight.ts';
import { splitMathCapped } from '../lib/math-segments.ts';
import { KatexMath } from './KatexMath.tsx';

const NO_RANGES: readonly Range[] = [];

/** Plain text (a title, an abstract) with its LaTeX rendered (up to a cap) and the search matches marked. */
export function MathText({ text, ranges = NO_RANGES }: { text: string; ranges?: readonly Range[] }) {
  const segments = useMemo(() => splitMathCapped(text), [text]);
  const parts = segments.flatMap((segment): ReactNode[] => {
    if (segment.kind === 'math') {
      const math = <KatexMath tex={segment.tex} display={segment.display} />;
      return [overlaps(ranges, segment.start, segment.end) ? <mark key={segment.start}>{math}</mark> : <Fragment key={segment.start}>{math}</Fragment>];
    }
    return sliceByRanges(segment.start, segment.end, ranges).map((slice) => {
      const value = text.slice(slice.start, slice.end);
      return slice.marked ? <mark key={slice.start}>{value}</mark> : <Fragment key={slice.start}>{value}</Fragment>;
    });
  });
  return <>{parts}</>;
}
