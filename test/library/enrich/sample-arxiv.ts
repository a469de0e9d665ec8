/**
 * The shipped sample listing page as library papers, and what a stand-in arXiv knows about it: twelve
 * of its papers (titles as arXiv writes them: hard-wrapped, TeX markup, ASCII quotes), plus traps —
 * a look-alike decoy, a same-title paper whose authors and date disagree, a same-title paper from
 * another year, and two different papers sharing one title.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseImport } from '../../../src/importers/index.ts';
import { titleKey } from '../../../src/library/identity.ts';
import { newStoredPaper } from '../../../src/library/merge.ts';
import type { StoredPaper } from '../../../src/model/paper.ts';
import type { FakeArxivPaper } from './arxiv-title-server.ts';

export const SAMPLE_PAGE = readFileSync(fileURLToPath(new URL('../../../assets/samples/hf-papers-page.txt', import.meta.url)), 'utf8');

export function samplePapers(): StoredPaper[] {
  const parsed = parseImport(SAMPLE_PAGE, { format: 'hf-page' });
  return parsed.papers.map((fields) => newStoredPaper(titleKey(fields.title), fields, 'hf-page', '2026-07-15T12:00:00.000Z'));
}

const names = (count: number, family: string) => Array.from({ length: count }, (_, i) => `Author${i + 1} ${family}`);

function paper(id: string, title: string, authors: number, published: string, family = 'Known'): FakeArxivPaper {
  return { id, title, authors: names(authors, family), published, summary: `arXiv abstract of ${id}.`, categories: ['cs.LG', 'cs.AI'] };
}

/** Listing title -> the arXiv id it must resolve to. */
export const KNOWN: Record<string, string> = {
  'GeoRef: Referring Expressions in Geometry via Task Formulation, Synthetic Supervision, and Reinforced MLLM-based Solutions': '2509.21050',
  'DexTrack: Towards Generalizable Neural Tracking Control for Dexterous Manipulation from Human References': '2502.09614',
  'RL for Consistency Models: Faster Reward Guided Text-to-Image Generation': '2404.03673',
  'Reasoning with Language Model is Planning with World Model': '2305.14992',
  'Eureka: Human-Level Reward Design via Coding Large Language Models': '2310.12931',
  'Language Models can Solve Computer Tasks': '2303.17491',
  "Sample, Don't Search: Rethinking Test-Time Alignment for Language Models": '2504.03790',
  'Unified Reward Model for Multimodal Understanding and Generation': '2503.05236',
  'ToolRL: Reward is All Tool Learning Needs': '2504.13958',
  'Open-Ended Learning Leads to Generally Capable Agents': '2107.12808',
  'Secrets of RLHF in Large Language Models Part II: Reward Modeling': '2401.06080',
  'Reasoning-SQL: Reinforcement Learning with SQL Tailored Partial Rewards for Reasoning-Enhanced Text-to-SQL': '2503.23157',
};

export const DECOY_ID = '2410.99001';

export const ARXIV_PAPERS: FakeArxivPaper[] = [
  paper('2509.21050', 'GeoRef: Referring Expressions in Geometry via Task Formulation, Synthetic Supervision, and Reinforced MLLM-based Solutions', 9, '2025-09-25'),
  paper('2502.09614', 'DexTrack: Towards Generalizable Neural Tracking Control for Dexterous Manipulation from Human References', 5, '2025-02-13'),
  paper('2404.03673', 'RL for Consistency Models: Faster Reward Guided Text-to-Image Generation', 5, '2024-04-04'),
  { ...paper('2305.14992', 'Reasoning with Language Model is Planning with World Model', 7, '2023-05-24'), version: 2, updated: '2023-10-23' },
  paper('2310.12931', 'Eureka: Human-Level Reward Design via Coding Large Language Models', 9, '2023-10-19'),
  paper('2303.17491', 'Language Models can Solve Computer Tasks', 3, '2023-03-30'),
  // The decoy: contains the real title's words, so the phrase search returns it too.
  paper(DECOY_ID, 'Large Language Models can Solve Computer Tasks with Fewer Steps', 3, '2024-10-20', 'Decoy'),
  paper('2504.03790', "Sample, Don't Search: Rethinking Test-Time Alignment for Language Models", 2, '2025-04-03'),
  paper('2503.05236', 'Unified Reward Model for Multimodal Understanding and Generation', 5, '2025-03-07'),
  // Same title, but three authors and six years earlier: another paper.
  paper('1903.00001', 'Unified Reward Model for Multimodal Understanding and Generation', 3, '2019-03-01', 'Other'),
  paper('2504.13958', '$\\texttt{ToolRL}$: Reward is All Tool Learning Needs', 8, '2025-04-16'),
  // Hugging Face shows 18 authors; arXiv lists 19 (one hidden on the page).
  paper('2107.12808', 'Open-Ended Learning Leads to Generally Capable Agents', 19, '2021-07-27'),
  paper('2401.06080', 'Secrets of RLHF in Large Language Models Part II: Reward Modeling', 27, '2024-01-11'),
  paper('2503.23157', 'Reasoning-SQL: Reinforcement Learning with SQL Tailored Partial Rewards for Reasoning-Enhanced Text-to-SQL', 8, '2025-03-29'),
  // Only a look-alike of the listing's "Tool-Augmented Reward Modeling".
  paper('2310.99002', 'Tool-Augmented Reward Modeling for Web Agents', 7, '2023-10-02', 'Decoy'),
  // The listing's "RewardBench 2" dated 2025-06-02; this one is from 2023.
  paper('2301.99003', 'RewardBench 2: Advancing Reward Model Evaluation', 7, '2023-01-10', 'Other'),
  // Two surveys with one title; the listing gives neither a count nor a date to tell them apart.
  paper('2503.06072', 'A Survey on Post-training of Large Language Models', 12, '2025-03-08'),
  paper('2502.21321', 'A Survey on Post-training of Large Language Models', 6, '2025-02-28', 'Other'),
];
