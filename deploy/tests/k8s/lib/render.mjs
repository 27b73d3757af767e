// Loads the manifests that deploy/tests/k8s-check.sh rendered with `kubectl kustomize` (RENDER_DIR/<overlay>.yaml).
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, parse } from "yaml";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
// Every overlay k8s-check.sh renders, so a new one is checked without being listed here.
export const overlays = readdirSync(join(repoRoot, "k8s", "overlays"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export function rendered(overlay) {
  const dir = process.env.RENDER_DIR;
  if (!dir) throw new Error("RENDER_DIR is not set: run deploy/tests/k8s-check.sh");
  const file = join(dir, `${overlay}.yaml`);
  if (!existsSync(file)) throw new Error(`${file} missing: the render step failed`);
  return parseAllDocuments(readFileSync(file, "utf8"))
    .map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
      return d.toJS();
    })
    .filter((o) => o !== null);
}

export function readYaml(relativePath) {
  return parse(readFileSync(join(repoRoot, relativePath), "utf8"));
}

export function readText(relativePath) {
  return readFileSync(join(repoRoot, relativePath), "utf8");
}

export const workloadKinds = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]);

export function workloads(objects) {
  return objects.filter((o) => workloadKinds.has(o.kind));
}

export function podSpec(workload) {
  return workload.kind === "CronJob" ? workload.spec.jobTemplate.spec.template.spec : workload.spec.template.spec;
}

export function podLabels(workload) {
  return workload.kind === "CronJob"
    ? workload.spec.jobTemplate.spec.template.metadata?.labels ?? {}
    : workload.spec.template.metadata?.labels ?? {};
}
