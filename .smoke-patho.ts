import { mkdtempSync, readFileSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
import { Corpus } from './src/search/corpus.ts';
import { dailyPapers } from './test/search/paper-factory.ts';
const fx = dailyPapers(readFileSync('/work/shared/fixtures/hf-daily-papers-2026-06-12.json','utf8'));
const c = await Corpus.open(mkdtempSync(join(tmpdir(), 'ps-')));
await c.commit({ upsert: fx, remove: [] });
const qs = ['-'.repeat(1000), '*'.repeat(1000), 'a~2 '.repeat(250), 'title:'.repeat(166), '"'.repeat(1000), 'a'.repeat(1000), 'a'.repeat(997)+'~2', 'mod'+'*a'.repeat(498), '*e*'.repeat(3), 'e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*', '*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*', 'model '.repeat(166), 'ab~2 cd~2 ef~2 gh~2 ij~2 kl~2 mn~2 op~2 qr~2 st~2', '\\'.repeat(1000), 'x^99 '.repeat(100)];
for (const q of qs) { const t = performance.now(); let out: string; try { out = 'total ' + c.search(q).total; } catch (e) { out = `${(e as Error).name}: ${(e as Error).message.slice(0, 100)}`; } console.log(JSON.stringify(q.slice(0, 30)), q.length, (performance.now() - t).toFixed(0), 'ms', out); }
