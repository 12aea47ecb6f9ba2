import { runExample } from './example.js';

// Everything below runs in the browser: no server, no network.
const result = runExample();
const root = document.querySelector('#app');
if (root !== null) {
  root.innerHTML = `
    <h1>党员积分 · 网格分派（离线）</h1>
    <p id="summary">${result.summary.zh}</p>
    <ul>${result.lines.map((l) => `<li>${l}</li>`).join('')}</ul>
    <p id="routed">(14.5, 3) → ${result.routed}</p>
    <p id="outside">(25, 5) → ${result.outside}</p>`;
  root.setAttribute('data-total', String(result.total));
}
