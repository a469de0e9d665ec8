import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.ts';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

const NODE_BUILTIN = /^(node:|fs$|path$|os$|child_process$|http$|https$|net$|crypto$|worker_threads$)/;

describe('dependency direction (DESIGN.md)', () => {
  it('src/ imports neither electron, main/ nor renderer/', () => {
    const offenders = sourceFiles(join(REPO_ROOT, 'src')).flatMap((file) =>
      imports(file)
        .filter((spec) => spec === 'electron' || /(^|\/)(main|renderer)\//.test(spec) && spec.startsWith('.'))
        .map((spec) => `${relative(REPO_ROOT, file)} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('renderer/ never imports Node or Electron, and takes only types and pure modules from src/', () => {
    let files: string[] = [];
    try {
      files = sourceFiles(join(REPO_ROOT, 'renderer'));
    } catch {
      files = [];
    }
    const offenders = files.flatMap((file) =>
      imports(file)
        .filter((spec) => spec === 'electron' || NODE_BUILTIN.test(spec) || /\/src\/(store|library|server|cli|sources|search)\//.test(spec))
        .map((spec) => `${relative(REPO_ROOT, file)} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
