import Markdown, { type Components, type Options } from 'react-markdown';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { KATEX_OPTIONS } from '../lib/math-segments.ts';
import { rehypeCapMath } from '../lib/rehype-cap-math.ts';
import { remarkDisplayMath } from '../lib/remark-display-math.ts';
import { ExternalLink } from './ExternalLink.tsx';
import '../styles/math.css';

/*
 * User Markdown is untrusted as far as rendering goes: without rehype-raw, HTML in a note stays
 * visible text, react-markdown's URL filter empties `javascript:` and friends, and links only open
 * through the bridge. Images are not fetched (the app works offline and a remote image would tell a
 * server when a note is read); they show as a link to open in the browser instead.
 */
// `$$x$$` within a line and `\[x\]` are display math, `\(x\)` inline, as in abstracts.
const remarkPlugins: Options['remarkPlugins'] = [remarkGfm, remarkMath, remarkDisplayMath];
// Formulas past the cap stay as code showing their TeX (see MAX_RENDERED_FORMULAS).
const rehypePlugins: Options['rehypePlugins'] = [rehypeCapMath, [rehypeKatex, KATEX_OPTIONS]];

const components: Components = {
  a: ({ href, children }) => <ExternalLink href={href}>{children}</ExternalLink>,
  img: ({ src, alt }) => (
    <ExternalLink href={typeof src === 'string' ? src : null} className="image-link">
      {`[image${alt ? `: ${alt}` : ''}]`}
    </ExternalLink>
  ),
};

export function MarkdownPreview({ text }: { text: string }) {
  return (
    <Markdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {text}
    </Markdown>
  );
}
