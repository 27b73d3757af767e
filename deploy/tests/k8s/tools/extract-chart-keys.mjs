// Writes the key fixture of one Helm chart: every key path of the chart's values.yaml, plus every
// `.Values.x.y` path its templates read (some keys, such as grafana's service.nodePort, exist only there).
// usage: node tools/extract-chart-keys.mjs <chart-dir> <chart-name> <version> <source> > fixtures/chart-keys/<name>.json
// <chart-dir> holds values.yaml and templates/ of the chart at its pinned tag (for example from
// `git archive <tag> charts/tempo` of the chart repository).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const [dir, chart, version, source] = process.argv.slice(2);
if (!dir || !chart || !version || !source) {
  console.error("usage: extract-chart-keys.mjs <chart-dir> <chart-name> <version> <source>");
  process.exit(2);
}

const keys = new Map(); // path -> kind: map | emptyMap | list | scalar | null
function walk(node, path) {
  if (node !== null && typeof node === "object" && !Array.isArray(node)) {
    const entries = Object.entries(node);
    if (path) keys.set(path, entries.length === 0 ? "emptyMap" : "map");
    for (const [k, v] of entries) walk(v, path ? `${path}.${k}` : k);
  } else if (path) {
    keys.set(path, Array.isArray(node) ? "list" : node === null ? "null" : "scalar");
  }
}
walk(parse(readFileSync(join(dir, "values.yaml"), "utf8")), "");

const templateRefs = new Set();
function scan(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) scan(p);
    else if (/\.(ya?ml|tpl|txt)$/.test(name)) {
      for (const m of readFileSync(p, "utf8").matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        templateRefs.add(m[1].slice(1));
      }
    }
  }
}
scan(join(dir, "templates"));
for (const ref of templateRefs) {
  const parts = ref.split(".");
  for (let i = 1; i <= parts.length; i++) {
    const p = parts.slice(0, i).join(".");
    if (!keys.has(p)) keys.set(p, i === parts.length ? "template" : "map");
  }
}

const sorted = Object.fromEntries([...keys.entries()].sort(([a], [b]) => a.localeCompare(b)));
process.stdout.write(JSON.stringify({ chart, version, source, keys: sorted }, null, 1) + "\n");
