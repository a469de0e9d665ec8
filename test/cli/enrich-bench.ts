/**
 * `node --import tsx test/cli/enrich-bench.ts` (after `node build.mjs cli`)
 * The sample listing page's 59 papers resolved through the bundled `papershelf` against the stand-in
 * arXiv on 127.0.0.1, with arXiv's real three-second spacing: `import` resolving on its own, then
 * `enrich --json` on a library whose automatic resolving is off. Prints requests and wall time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTitleServer } from '../library/enrich/arxiv-title-server.ts';
import { ARXIV_PAPERS } from '../library/enrich/sample-arxiv.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'build/cli/papershelf.mjs');
const SAMPLE = join(ROOT, 'assets/samples/hf-papers-page.txt');

const server = await startTitleServer(ARXIV_PAPERS);

function run(dir: string, args: string[]): Promise<{ code: number | null; stdout: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, '--data-dir', dir, ...args], { env: { ...process.env, PAPERSHELF_ARXIV_URL: server.url } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, seconds: (performance.now() - started) / 1000 }));
  });
}

try {
  const auto = mkdtempSync(join(tmpdir(), 'papershelf-enrich-bench-'));
  const imported = await run(auto, ['import', SAMPLE, '--json']);
  const outcome = (JSON.parse(imported.stdout) as { enrichment?: { asked: number; resolved: number; requests: number } }).enrichment;
  console.log(`import (resolving on its own): ${outcome?.resolved} of ${outcome?.asked} resolved, ${outcome?.requests} requests, ${imported.seconds.toFixed(1)} s`);

  const manual = mkdtempSync(join(tmpdir(), 'papershelf-enrich-bench-'));
  await run(manual, ['enrich', '--auto', 'off']);
  const plain = await run(manual, ['import', SAMPLE]);
  console.log(`import (resolving off):        ${plain.seconds.toFixed(1)} s`);
  const before = server.requests.length;
  const enriched = await run(manual, ['enrich', '--json']);
  const report = JSON.parse(enriched.stdout) as { resolved: unknown[]; unresolved: unknown[]; ambiguous: unknown[]; requests: number };
  console.log(
    `enrich --json:                 ${report.resolved.length} resolved, ${report.ambiguous.length} ambiguous, ${report.unresolved.length} unresolved; ` +
      `${report.requests} requests (server saw ${server.requests.length - before}), ${enriched.seconds.toFixed(1)} s (arXiv's spacing alone: ${(report.requests - 1) * 3} s)`,
  );
} finally {
  await server.close();
}
