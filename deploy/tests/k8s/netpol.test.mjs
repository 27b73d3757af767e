// Who can reach whom, computed from the rendered NetworkPolicies (not grepped).
import { test } from "node:test";
import assert from "node:assert/strict";
import { allowed, selectorMatches, cidrContains } from "./lib/netpol.mjs";
import { rendered, overlays, workloads, podSpec, podLabels } from "./lib/render.mjs";

test("evaluator: selectors, ipBlocks, default allow and deny", () => {
  assert.ok(selectorMatches({ matchExpressions: [{ key: "a", operator: "In", values: ["x"] }] }, { a: "x" }));
  assert.ok(!selectorMatches({ matchExpressions: [{ key: "a", operator: "NotIn", values: ["x"] }] }, { a: "x" }));
  assert.ok(selectorMatches({ matchExpressions: [{ key: "a", operator: "DoesNotExist" }] }, {}));
  assert.ok(cidrContains("10.0.0.0/8", "10.1.2.3") && !cidrContains("10.0.0.0/8", "11.0.0.1"));
  const a = { name: "a", namespace: "n", labels: { app: "a" } };
  const b = { name: "b", namespace: "n", labels: { app: "b" }, ports: { http: 80 } };
  assert.ok(allowed([], a, b, 80), "no policy: everything allowed");
  const deny = { metadata: { namespace: "n" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } };
  assert.ok(!allowed([deny], a, b, 80));
  const allowA = { metadata: { namespace: "n" }, spec: { podSelector: { matchLabels: { app: "b" } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: "a" } } }], ports: [{ port: "http" }] }] } };
  assert.ok(allowed([deny, allowA], a, b, 80));
  assert.ok(!allowed([deny, allowA], a, b, 81));
  assert.ok(!allowed([deny, allowA], { ...a, namespace: "other" }, b, 80), "podSelector alone stays in the namespace");
  const outside = { name: "x", ip: "198.51.100.1" };
  const byIp = { metadata: { namespace: "n" }, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "198.51.100.0/24", except: ["198.51.100.1/32"] } }] }] } };
  assert.ok(!allowed([byIp], outside, b, 80));
  assert.ok(allowed([byIp], { ...outside, ip: "198.51.100.2" }, b, 80));
});

// Peers outside namespace paymesh, as the Helm charts and the cluster label them.
const internetClient = { name: "internet client", ip: "203.0.113.7" };
const internetServer = { name: "internet server", ip: "198.51.100.80" };
const prometheus = { name: "prometheus", namespace: "observability",
  labels: { "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/component": "server", "app.kubernetes.io/instance": "prometheus" } };
const grafana = { name: "grafana", namespace: "observability", labels: { "app.kubernetes.io/name": "grafana" } };
const tempo = { name: "tempo", namespace: "observability",
  labels: { "app.kubernetes.io/name": "tempo", "app.kubernetes.io/instance": "tempo" } };
const kubeDns = { name: "coredns", namespace: "kube-system", labels: { "k8s-app": "kube-dns" } };
const strangerPod = { name: "pod in default", namespace: "default", labels: { "app.kubernetes.io/name": "payment-gateway" } };

for (const overlay of overlays) {
  const objects = rendered(overlay);
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  const pods = Object.fromEntries(workloads(objects).map((w) => [w.metadata.name, {
    name: w.metadata.name,
    namespace: w.metadata.namespace,
    labels: podLabels(w),
    ports: Object.fromEntries(podSpec(w).containers.flatMap((c) => c.ports ?? []).map((p) => [p.name, p.containerPort])),
  }]));
  const portOf = (pod) => Object.values(pod.ports)[0];
  const can = (src, dst, port, protocol) => allowed(policies, src, dst, port ?? portOf(dst), protocol);

  test(`${overlay}: a default-deny policy covers every paymesh pod, both directions`, () => {
    const deny = policies.filter((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 &&
      p.spec.policyTypes?.includes("Ingress") && p.spec.policyTypes?.includes("Egress") && !p.spec.ingress && !p.spec.egress);
    assert.equal(deny.length, 1);
  });

  test(`${overlay}: inside paymesh exactly gateway->fraud, gateway->ledger, ledger->postgres`, () => {
    assert.deepEqual(Object.keys(pods).sort(), ["fraud-service", "ledger-service", "payment-gateway", "postgres"]);
    const reachable = [];
    for (const src of Object.values(pods)) {
      for (const dst of Object.values(pods)) {
        if (src === dst) continue;
        for (const port of Object.values(dst.ports)) if (can(src, dst, port)) reachable.push(`${src.name}->${dst.name}:${port}`);
      }
    }
    assert.deepEqual(reachable.sort(), [
      "ledger-service->postgres:5432",
      "payment-gateway->fraud-service:8081",
      "payment-gateway->ledger-service:8082",
    ]);
  });

  test(`${overlay}: only the gateway takes outside traffic`, () => {
    for (const outsider of [internetClient, strangerPod, grafana]) {
      assert.ok(can(outsider, pods["payment-gateway"], 8888), `${outsider.name} -> gateway`);
      assert.ok(!can(outsider, pods["payment-gateway"], 9000), `${outsider.name} -> gateway:9000`);
      for (const inner of ["fraud-service", "ledger-service", "postgres"]) {
        assert.ok(!can(outsider, pods[inner]), `${outsider.name} must not reach ${inner}`);
      }
    }
  });

  test(`${overlay}: Prometheus (namespace observability) scrapes 8888, 8081 and 8082, not PostgreSQL`, () => {
    assert.ok(can(prometheus, pods["payment-gateway"], 8888));
    assert.ok(can(prometheus, pods["fraud-service"], 8081));
    assert.ok(can(prometheus, pods["ledger-service"], 8082));
    assert.ok(!can(prometheus, pods.postgres, 5432));
    assert.ok(!can({ ...prometheus, namespace: "default" }, pods["fraud-service"], 8081), "a prometheus-labelled pod elsewhere");
  });

  test(`${overlay}: the services export to Tempo's OTLP ports only; PostgreSQL does not`, () => {
    for (const s of ["payment-gateway", "fraud-service", "ledger-service"]) {
      assert.ok(can(pods[s], tempo, 4317), `${s} -> tempo:4317`);
      assert.ok(can(pods[s], tempo, 4318), `${s} -> tempo:4318`);
      assert.ok(!can(pods[s], tempo, 3200), `${s} -> tempo:3200`);
      assert.ok(!can(pods[s], { ...tempo, namespace: "default" }, 4318), `${s} -> a tempo-labelled pod elsewhere`);
      assert.ok(!can(pods[s], grafana, 3000));
    }
    assert.ok(!can(pods.postgres, tempo, 4318));
  });

  test(`${overlay}: every pod resolves names through cluster DNS and reaches nothing else outside`, () => {
    for (const pod of Object.values(pods)) {
      assert.ok(can(pod, kubeDns, 53, "UDP"), `${pod.name} DNS/UDP`);
      assert.ok(can(pod, kubeDns, 53, "TCP"), `${pod.name} DNS/TCP`);
      assert.ok(!can(pod, kubeDns, 9153), `${pod.name} -> coredns metrics`);
      assert.ok(!can(pod, { ...kubeDns, namespace: "default" }, 53, "UDP"), `${pod.name} -> other DNS`);
      assert.ok(!can(pod, internetServer, 443), `${pod.name} -> internet`);
    }
  });
}
