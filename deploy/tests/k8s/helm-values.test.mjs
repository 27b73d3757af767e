// Helm values: only keys of the pinned chart versions, and the settings paymesh needs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { readYaml, readText, repoRoot } from "./lib/render.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const chartsEnv = Object.fromEntries(readText("deploy/helm/charts.env").split("\n")
  .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split(/=(.*)/s).slice(0, 2)));

// Maps the chart copies verbatim (toYaml/tpl) into the application's own config, or documents as open-ended:
// any key below them is the application's business, not the chart's.
const freeForm = {
  tempo: {
    "tempo.storage": "templated with toYaml into Tempo's storage: section",
    "tempo.receivers": "templated with toYaml into distributor.receivers",
    "tempo.metricsGenerator.storage.remote_write": "a Prometheus remote_write list",
  },
  grafana: { "grafana.ini": "converted to grafana.ini sections" },
  loki: { "loki.limits_config": "templated with tpl/toYaml into limits_config" },
  prometheus: {
    scrapeConfigs: "a map of scrape jobs; the chart documents new keys as new jobs",
    "serverFiles.prometheus.yml": "Prometheus' configuration file",
  },
  alloy: {},
};
const charts = {
  tempo: { values: "deploy/helm/tempo-values.yaml", version: "TEMPO_CHART_VERSION" },
  grafana: { values: "deploy/helm/grafana-values.yaml", version: "GRAFANA_CHART_VERSION" },
  loki: { values: "deploy/helm/loki-values.yaml", version: "LOKI_CHART_VERSION" },
  prometheus: { values: "deploy/helm/prometheus-values.yaml", version: "PROMETHEUS_CHART_VERSION" },
  alloy: { values: "deploy/helm/alloy-values.yaml", version: "ALLOY_CHART_VERSION" },
};

function unknownKeys(values, fixture, free) {
  const unknown = [];
  const visit = (node, path) => {
    for (const [k, v] of Object.entries(node)) {
      const p = path ? `${path}.${k}` : k;
      if (Object.keys(free).some((f) => p === f || p.startsWith(`${f}.`))) continue;
      const kind = fixture.keys[p];
      if (kind === undefined) { unknown.push(p); continue; }
      if (kind === "map" && v !== null && typeof v === "object" && !Array.isArray(v)) visit(v, p);
    }
  };
  visit(values, "");
  return unknown;
}

for (const [chart, { values, version }] of Object.entries(charts)) {
  test(`${chart}: values use only keys of chart version ${chartsEnv[version]}`, () => {
    const fixture = JSON.parse(readFileSync(join(here, "fixtures", "chart-keys", `${chart}.json`), "utf8"));
    assert.equal(fixture.version, chartsEnv[version], `fixture is for ${fixture.version}, charts.env pins ${chartsEnv[version]}`);
    assert.deepEqual(unknownKeys(readYaml(values), fixture, freeForm[chart]), []);
  });
}

test("key check catches a typo", () => {
  const fixture = JSON.parse(readFileSync(join(here, "fixtures", "chart-keys", "grafana.json"), "utf8"));
  assert.deepEqual(unknownKeys({ admin: { existingSecrett: "x" }, service: { nodePort: 1 } }, fixture, {}), ["admin.existingSecrett"]);
});

test("no Helm values file carries a password or token", () => {
  for (const { values } of Object.values(charts)) {
    const visit = (node, path) => {
      for (const [k, v] of Object.entries(node ?? {})) {
        const p = `${path}.${k}`;
        if (v !== null && typeof v === "object") { visit(v, p); continue; }
        if (/password|secret|token|apikey/i.test(k) && !/(existingSecret|Key|secretName)$/.test(k)) {
          assert.fail(`${values}: ${p} holds a literal (${k})`);
        }
      }
    };
    visit(readYaml(values), "");
  }
});

test("tempo: the lab's Part 2 settings and the metrics generator", () => {
  const t = readYaml("deploy/helm/tempo-values.yaml").tempo;
  assert.equal(t.server.http_listen_port, 3200);
  assert.equal(t.receivers.otlp.protocols.grpc.endpoint, "0.0.0.0:4317");
  assert.equal(t.receivers.otlp.protocols.http.endpoint, "0.0.0.0:4318");
  assert.equal(t.receivers.jaeger, undefined, "keep the chart's jaeger receivers: its Service template reads them");
  assert.deepEqual(t.ingester, { trace_idle_period: "10s", max_block_bytes: 1000000, max_block_duration: "5m" });
  assert.equal(t.retention, "1h");
  assert.deepEqual(t.storage.trace, {
    backend: "local", local: { path: "/var/tempo/traces" }, wal: { path: "/var/tempo/wal" },
    pool: { max_workers: 100, queue_depth: 10000 },
  });
  assert.equal(t.metricsGenerator.enabled, true);
  assert.deepEqual(t.overrides.defaults.metrics_generator.processors.sort(), ["service-graphs", "span-metrics"]);
  for (const rw of t.metricsGenerator.storage.remote_write) assert.equal(rw.url, "http://prometheus:9090/api/v1/write");
  assert.ok(t.metricsGenerator.storage.path.startsWith("/var/tempo/"), "generator WAL on the persistent volume");
  assert.equal(readYaml("deploy/helm/tempo-values.yaml").persistence.enabled, true);
});

test("prometheus: OpenMetrics scrape of paymesh, remote-write receiver, exemplars, paymesh rules", () => {
  const v = readYaml("deploy/helm/prometheus-values.yaml");
  assert.equal(v.server.fullnameOverride, "prometheus");
  assert.equal(v.server.service.servicePort, 9090);
  assert.ok(v.server.extraFlags.includes("web.enable-remote-write-receiver"));
  assert.ok(v.server.extraFlags.includes("enable-feature=exemplar-storage"));
  const job = v.scrapeConfigs.paymesh;
  assert.deepEqual(job.scrape_protocols, ["OpenMetricsText1.0.0"]);
  assert.deepEqual(job.kubernetes_sd_configs[0].namespaces.names, ["paymesh"]);
  assert.ok(!job.relabel_configs.some((r) => r.target_label === "service"), "the metrics' own service label must survive");
  for (const [name, cfg] of Object.entries(v.scrapeConfigs)) {
    if (!["paymesh", "prometheus"].includes(name)) assert.equal(cfg.enabled, false, `${name} should be off`);
  }
  assert.ok(v.serverFiles["prometheus.yml"].rule_files.includes("/etc/config/paymesh-rules.yml"));
  const up = readText("deploy/kind/up.sh");
  assert.match(up, /--set-file 'ruleFiles\.paymesh-rules\\\.yml'="\$root\/deploy\/prometheus\/rules\/paymesh-rules\.yml"/);
});

test("grafana: admin from an existing Secret, provisioning mounted from the Compose stack's files", () => {
  const v = readYaml("deploy/helm/grafana-values.yaml");
  assert.equal(v.admin.existingSecret, "grafana-admin");
  assert.equal(v.adminPassword, undefined);
  assert.equal(v.service.port, 3000);
  assert.equal(v.service.nodePort, 30300);
  const up = readText("deploy/kind/up.sh");
  const created = Object.fromEntries([...up.matchAll(/^configmap_from (\S+) (\S+) (\S+)$/gm)].map((m) => [m[1], { file: m[2], key: m[3] }]));
  assert.deepEqual(Object.values(created).map((c) => c.file).sort(), [
    "deploy/grafana/dashboards/paymesh-apm.json",
    "deploy/grafana/provisioning/dashboards/paymesh.yaml",
    "deploy/grafana/provisioning/datasources/paymesh.yaml",
  ]);
  const mounts = Object.fromEntries(v.extraConfigmapMounts.map((m) => [created[m.configMap]?.file, m]));
  assert.equal(mounts["deploy/grafana/provisioning/datasources/paymesh.yaml"].mountPath, "/etc/grafana/provisioning/datasources/paymesh.yaml");
  assert.equal(mounts["deploy/grafana/provisioning/dashboards/paymesh.yaml"].mountPath, "/etc/grafana/provisioning/dashboards/paymesh.yaml");
  const dashboards = mounts["deploy/grafana/dashboards/paymesh-apm.json"];
  assert.ok(dashboards && !dashboards.subPath, "dashboards mounted as a folder");
  const provider = join(repoRoot, "deploy/grafana/provisioning/dashboards/paymesh.yaml");
  const paths = (parse(readFileSync(provider, "utf8")).providers ?? []).map((p) => p.options?.path);
  assert.ok(paths.includes(dashboards.mountPath), `provider paths ${paths} vs mount ${dashboards.mountPath}`);
});

test("loki and alloy: logs reach http://loki:3100 with the JSON line (and its trace_id) intact", () => {
  const loki = readYaml("deploy/helm/loki-values.yaml");
  assert.equal(loki.deploymentMode, "Monolithic");
  assert.equal(loki.loki.auth_enabled, false);
  assert.equal(loki.gateway.enabled, false, "no gateway: the Loki service itself answers on 3100");
  assert.equal(loki.singleBinary.replicas, 1);
  assert.equal(loki.loki.limits_config.allow_structured_metadata, true);
  const alloy = readYaml("deploy/helm/alloy-values.yaml").alloy.configMap.content;
  assert.match(alloy, /url\s*=\s*"http:\/\/loki:3100\/loki\/api\/v1\/push"/);
  assert.match(alloy, /stage\.json\s*\{[^}]*trace_id\s*=\s*"trace_id"/s);
  assert.match(alloy, /stage\.structured_metadata\s*\{[^}]*trace_id/s);
  assert.doesNotMatch(alloy, /stage\.(output|replace|template|pack)\b/, "the log line must stay the JSON the service wrote");
  assert.match(alloy, /target_label\s*=\s*"container"/);
  assert.match(alloy, /target_label\s*=\s*"namespace"/);
});

test("up.sh installs each chart at its pinned version from the right repository", () => {
  const up = readText("deploy/kind/up.sh");
  for (const [release, chart, version] of [
    ["prometheus", "prometheus-community/prometheus", "PROMETHEUS_CHART_VERSION"],
    ["loki", "grafana-community/loki", "LOKI_CHART_VERSION"],
    ["tempo", "grafana-community/tempo", "TEMPO_CHART_VERSION"],
    ["alloy", "grafana/alloy", "ALLOY_CHART_VERSION"],
    ["grafana", "grafana-community/grafana", "GRAFANA_CHART_VERSION"],
  ]) {
    assert.match(up, new RegExp(`^install ${release} ${chart} "\\$${version}" ${release}-values\\.yaml`, "m"));
  }
  assert.equal(chartsEnv.GRAFANA_COMMUNITY_REPO_URL, "https://grafana-community.github.io/helm-charts");
});
