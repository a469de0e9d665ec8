/** Vite's `?raw` imports: a file's text, read at build time (tests use it for shipped sample data). */
declare module '*?raw' {
  const text: string;
  export default text;
}
