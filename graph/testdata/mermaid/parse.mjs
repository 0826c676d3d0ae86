// Parses Mermaid files with the official parser (the one GitHub renders
// with) and prints, per file, what it understood: the flowchart's
// vertices, edges and subgraphs, or the parse error. graph's tests compare
// that with the graph samgen meant to draw.
//
//   node parse.mjs FILE...   → JSON list on stdout
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

// Mermaid sanitises labels with DOMPurify, which needs a DOM.
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const out = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    await mermaid.parse(text);
    const d = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = d.db;
    out.push({
      file,
      type: d.type,
      vertices: [...db.getVertices().values()].map(v => ({ id: v.id, text: v.text, type: v.type ?? '', classes: v.classes })),
      edges: db.getEdges().map(e => ({ start: e.start, end: e.end, text: e.text, stroke: e.stroke })),
      subgraphs: db.getSubGraphs().map(s => ({ id: s.id, title: s.title, nodes: s.nodes })),
    });
  } catch (e) {
    out.push({ file, error: String(e.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(out));
