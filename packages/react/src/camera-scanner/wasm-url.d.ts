// A file's URL as a bundler emits it (Vite natively; the library build's tsup plugin copies the file
// next to the chunk and writes `new URL('./file', import.meta.url)`, which host bundlers follow).
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
