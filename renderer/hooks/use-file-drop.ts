/**
 * Files dropped anywhere on the window are imported; returns whether a file is being dragged over it.
 * With `onPdfs`, dropped PDFs go there (all of them) and the first other file is imported.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isPdfFile } from './use-pdf-drop.ts';

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function useFileDrop(onFile: (file: File) => void, enabled: boolean, onPdfs?: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onFile);
  const latestPdfs = useRef(onPdfs);
  useLayoutEffect(() => {
    latest.current = onFile;
    latestPdfs.current = onPdfs;
  });

  useEffect(() => {
    if (!enabled) return;
    // dragenter/dragleave fire for every child crossed; count them to know when the pointer left.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      const pdfs = latestPdfs.current ? files.filter(isPdfFile) : [];
      if (pdfs.length > 0) latestPdfs.current?.(pdfs);
      const file = files.find((candidate) => !pdfs.includes(candidate));
      if (file) latest.current(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [enabled]);

  return dragging;
}
