/** A small library for component tests: four papers, one starred, two tagged, one to read, one note. */
import { FakeBridge } from './fake-bridge.ts';
import type { SeedPaper } from './fake-library.ts';

export const SAMPLE_PAPERS: SeedPaper[] = [
  {
    id: '2508.07662',
    arxivId: '2508.07662',
    title: 'Diffusion models for protein design',
    abstract: 'We train a diffusion model on coordinates in $\\mathbb{R}^3$ and sample new proteins. The energy $E = mc^2$ is not involved.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    published: '2026-06-12',
    upvotes: 42,
    githubRepo: 'https://github.com/example/protein-diffusion',
  },
  {
    id: 'p-graphs',
    title: 'Graph neural networks at scale',
    abstract: 'Message passing over billions of edges with a graph sampler.',
    authors: ['Grace Hopper'],
    published: '2026-06-11',
    upvotes: 10,
    url: 'https://example.org/graphs',
  },
  {
    id: 'p-survey',
    title: 'A survey of diffusion in language models',
    abstract: 'Discrete diffusion for text generation, reviewed.',
    authors: ['Barbara Liskov', 'Edsger Dijkstra', 'Donald Knuth', 'Frances Allen'],
    published: '2026-06-10',
    upvotes: 7,
  },
  {
    id: 'p-vision',
    title: 'Robust vision transformers',
    abstract: 'Adversarial robustness of patch-based image models.',
    authors: [],
    authorCount: 12,
    organization: 'Some Lab',
    published: '2026-06-09',
    upvotes: null,
  },
];

export function sampleBridge(ui: ConstructorParameters<typeof FakeBridge>[1] = {}): FakeBridge {
  const bridge = new FakeBridge(SAMPLE_PAPERS, ui);
  bridge.library.annotate('p-graphs', (a) => ({ ...a, starred: true, tags: ['graphs'] }));
  bridge.library.annotate('p-survey', (a) => ({ ...a, tags: ['llm'] }));
  bridge.library.annotate('p-vision', (a) => ({ ...a, status: 'to-read' }));
  bridge.library.setNote('p-survey', 'Read section 3 again.');
  return bridge;
}
