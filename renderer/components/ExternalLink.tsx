import type { MouseEvent, ReactNode } from 'react';
import { useBridge } from '../api/bridge-context.ts';
import { externalUrl } from '../../src/api/external-url.ts';

/**
 * A link that leaves Papershelf: opened in the system browser through the bridge, never inside the
 * window. Anything but an absolute http(s) URL is rendered as inert text.
 */
export function ExternalLink({ href, children, className }: { href: string | null | undefined; children: ReactNode; className?: string }) {
  const bridge = useBridge();
  const url = externalUrl(href);
  if (url === null) return <span className={`inert-link ${className ?? ''}`.trim()}>{children}</span>;
  const open = (event: MouseEvent) => {
    event.preventDefault();
    void bridge.openExternal(url);
  };
  return (
    <a href={url} className={className} onClick={open} rel="noopener noreferrer" target="_blank">
      {children}
    </a>
  );
}
