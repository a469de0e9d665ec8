/** Vite turns `?worker` imports into a constructor of a bundled Web Worker (see renderer/lib/pdf-engine.ts). */
declare module '*?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}
