/** A small real library for component tests: four papers, one starred, two tagged, one to read, one note. */
import type { CoreBridge } from './core-bridge.ts';
import { coreBridge, idOf, type SeedPaper } from './core-seed.ts';

export const SAMPLE_PAPERS: SeedPaper[] = [
  {
    arxivId: '2508.07662',
    title: 'Diffusion models for protein design',
    abstract: 'We train a diffusion model on coordinates in $\\mathbb{R}^3$ and sample new proteins. The energy $E = mc^2$ is not involved.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    published: '2026-06-12',
    upvotes: 42,
    githubRepo: 'https://github.com/example/protein-diffusion',
  },
  {
    title: 'Graph neural networks at scale',
    abstract: 'Message passing over billions of edges with a graph sampler.',
    authors: ['Grace Hopper'],
    published: '2026-06-11',
    upvotes: 10,
    url: 'https://example.org/graphs',
    starred: true,
    tags: ['graphs'],
  },
  {
    title: 'A survey of diffusion in language models',
    abstract: 'Discrete diffusion for text generation, reviewed.',
    authors: ['Barbara Liskov', 'Edsger Dijkstra', 'Donald Knuth', 'Frances Allen'],
    published: '2026-06-10',
    upvotes: 7,
    tags: ['llm'],
    note: 'Read section 3 again.',
  },
  {
    title: 'Robust vision transformers',
    abstract: 'Adversarial robustness of patch-based image models.',
    authors: [],
    authorCount: 12,
    organization: 'Some Lab',
    published: '2026-06-09',
    upvotes: null,
    status: 'to-read',
  },
];

/** The ids the core gave the sample papers. */
export const SAMPLE = {
  protein: '2508.07662',
  graphs: idOf({ title: 'Graph neural networks at scale' }),
  survey: idOf({ title: 'A survey of diffusion in language models' }),
  vision: idOf({ title: 'Robust vision transformers' }),
} as const;

export function sampleBridge(ui: Parameters<typeof coreBridge>[1] = {}): Promise<CoreBridge> {
  return coreBridge(SAMPLE_PAPERS, ui);
}
