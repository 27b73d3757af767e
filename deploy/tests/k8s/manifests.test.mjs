// Rendered overlays: schema validity and paymesh's pod, exposure, image and secret policies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { rendered, overlays, workloads, podSpec, podLabels, repoRoot } from "./lib/render.mjs";

const quarkus = { "payment-gateway": 8888, "fraud-service": 8081, "ledger-service": 8082 };
const expectedImage = { kind: { tag: "jvm", uid: 185 }, native: { tag: "native", uid: 1001 } };

async function modelFor(obj) {
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : [null, obj.apiVersion];
  const module = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  const exports = await import(module);
  const Model = exports[obj.kind];
  if (!Model) throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}`);
  return Model;
}

function cpuMillis(q) {
  const s = String(q);
  return s.endsWith("m") ? Number(s.slice(0, -1)) : Number(s) * 1000;
}
function bytes(q) {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(q));
  assert.ok(m, `unparseable quantity ${q}`);
  const f = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2]] ?? 1;
  return Number(m[1]) * f;
}

for (const overlay of overlays) {
  const objects = rendered(overlay);
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const name = (o) => `${o.kind}/${o.metadata.name}`;
  // The first container's variables with literal values: its ConfigMaps, then its own env.
  const containerEnv = (d) => {
    const c = d.spec.template.spec.containers[0];
    const env = {};
    for (const ref of c.envFrom ?? []) {
      const cm = byKind("ConfigMap").find((m) => m.metadata.name === ref.configMapRef?.name);
      assert.ok(cm, `${name(d)} references missing ConfigMap ${ref.configMapRef?.name}`);
      Object.assign(env, cm.data);
    }
    for (const e of c.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
    return env;
  };

  test(`${overlay}: every object validates against the Kubernetes OpenAPI schema (kubernetes-models)`, async () => {
    assert.ok(objects.length > 10, "suspiciously few objects rendered");
    for (const obj of objects) {
      const Model = await modelFor(obj);
      try {
        new Model(obj).validate();
      } catch (e) {
        assert.fail(`${name(obj)}: ${e.message}`);
      }
    }
  });

  test(`${overlay}: namespace, workloads and services are all there`, () => {
    const ns = byKind("Namespace");
    assert.deepEqual(ns.map((n) => n.metadata.name), ["paymesh"]);
    assert.equal(ns[0].metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
    for (const o of objects.filter((x) => x.kind !== "Namespace")) {
      assert.equal(o.metadata.namespace, "paymesh", `${name(o)} outside namespace paymesh`);
    }
    assert.deepEqual(byKind("Deployment").map((d) => d.metadata.name).sort(), Object.keys(quarkus).sort());
    const sts = byKind("StatefulSet");
    assert.deepEqual(sts.map((s) => s.metadata.name), ["postgres"]);
    assert.equal(sts[0].spec.volumeClaimTemplates.length, 1, "PostgreSQL keeps its data on a PVC");
    const data = sts[0].spec.volumeClaimTemplates[0].metadata.name;
    assert.ok(podSpec(sts[0]).containers[0].volumeMounts.some((m) => m.name === data && m.mountPath.startsWith("/var/lib/postgresql")));
    assert.deepEqual(byKind("Service").map((s) => s.metadata.name).sort(), ["fraud-service", "ledger-service", "payment-gateway", "postgres"]);
  });

  test(`${overlay}: only the gateway is exposed, on NodePort 30888`, () => {
    for (const svc of byKind("Service")) {
      const exposed = ["NodePort", "LoadBalancer"].includes(svc.spec.type) || (svc.spec.externalIPs ?? []).length > 0;
      assert.equal(exposed, svc.metadata.name === "payment-gateway", `${name(svc)} exposure`);
    }
    const gw = byKind("Service").find((s) => s.metadata.name === "payment-gateway");
    assert.equal(gw.spec.type, "NodePort");
    assert.equal(gw.spec.ports[0].nodePort, 30888);
    assert.equal(gw.spec.ports[0].port, 8888);
    assert.equal(byKind("Ingress").length, 0);
  });

  test(`${overlay}: every pod has startup, readiness and liveness probes (Quarkus: /q/health/*)`, () => {
    for (const w of workloads(objects)) {
      for (const c of podSpec(w).containers) {
        for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
          assert.ok(c[probe], `${name(w)} ${c.name} lacks ${probe}`);
        }
        if (quarkus[w.metadata.name]) {
          const paths = { startupProbe: "/q/health/started", readinessProbe: "/q/health/ready", livenessProbe: "/q/health/live" };
          for (const [probe, path] of Object.entries(paths)) {
            assert.equal(c[probe].httpGet?.path, path, `${name(w)} ${probe}`);
            const port = c[probe].httpGet.port;
            const resolved = typeof port === "string" ? c.ports.find((p) => p.name === port)?.containerPort : port;
            assert.equal(resolved, quarkus[w.metadata.name], `${name(w)} ${probe} port`);
          }
        }
      }
    }
  });

  test(`${overlay}: every container has CPU and memory requests and limits, limits >= requests`, () => {
    for (const w of workloads(objects)) {
      for (const c of [...podSpec(w).containers, ...(podSpec(w).initContainers ?? [])]) {
        const r = c.resources ?? {};
        for (const kind of ["requests", "limits"]) {
          for (const res of ["cpu", "memory"]) assert.ok(r[kind]?.[res], `${name(w)} ${c.name} lacks ${kind}.${res}`);
        }
        assert.ok(cpuMillis(r.limits.cpu) >= cpuMillis(r.requests.cpu), `${name(w)} cpu limit < request`);
        assert.ok(bytes(r.limits.memory) >= bytes(r.requests.memory), `${name(w)} memory limit < request`);
      }
    }
  });

  test(`${overlay}: pods run non-root, read-only, without capabilities or a service account token`, () => {
    for (const w of workloads(objects)) {
      const spec = podSpec(w);
      const psc = spec.securityContext ?? {};
      assert.equal(psc.runAsNonRoot, true, `${name(w)} runAsNonRoot`);
      assert.ok(psc.runAsUser > 0, `${name(w)} runAsUser must be a non-zero uid`);
      assert.equal(psc.seccompProfile?.type, "RuntimeDefault", `${name(w)} seccomp`);
      assert.equal(spec.automountServiceAccountToken, false, `${name(w)} mounts a service account token`);
      assert.ok(!spec.hostNetwork && !spec.hostPID && !spec.hostIPC, `${name(w)} uses host namespaces`);
      for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
        const sc = c.securityContext ?? {};
        assert.equal(sc.readOnlyRootFilesystem, true, `${name(w)} ${c.name} readOnlyRootFilesystem`);
        assert.equal(sc.allowPrivilegeEscalation, false, `${name(w)} ${c.name} allowPrivilegeEscalation`);
        assert.notEqual(sc.privileged, true, `${name(w)} ${c.name} privileged`);
        assert.ok(sc.capabilities?.drop?.includes("ALL"), `${name(w)} ${c.name} must drop ALL capabilities`);
        assert.equal((sc.capabilities?.add ?? []).length, 0, `${name(w)} ${c.name} adds capabilities`);
        if (sc.runAsUser !== undefined) assert.ok(sc.runAsUser > 0);
      }
    }
  });

  test(`${overlay}: Quarkus pods carry Prometheus scrape annotations and ServiceMonitor-ready labels`, () => {
    for (const d of byKind("Deployment")) {
      const a = d.spec.template.metadata.annotations ?? {};
      assert.equal(a["prometheus.io/scrape"], "true", `${name(d)} scrape`);
      assert.equal(a["prometheus.io/path"], "/q/metrics", `${name(d)} path`);
      assert.equal(Number(a["prometheus.io/port"]), quarkus[d.metadata.name], `${name(d)} port`);
      const svc = byKind("Service").find((s) => s.metadata.name === d.metadata.name);
      assert.ok(svc, `${name(d)} has no Service`);
      assert.equal(svc.metadata.labels["app.kubernetes.io/name"], d.metadata.name);
      assert.equal(svc.metadata.labels["app.kubernetes.io/part-of"], "paymesh");
      assert.ok(svc.spec.ports.some((p) => p.name === "http"), `${name(svc)} needs a named port for a ServiceMonitor`);
    }
  });

  test(`${overlay}: each workload has a PodDisruptionBudget that selects it and does not block every eviction`, () => {
    for (const w of workloads(objects)) {
      const labels = podLabels(w);
      const pdbs = byKind("PodDisruptionBudget").filter((p) =>
        Object.entries(p.spec.selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v));
      assert.equal(pdbs.length, 1, `${name(w)} needs exactly one PDB`);
      const { minAvailable, maxUnavailable } = pdbs[0].spec;
      const replicas = w.spec.replicas ?? 1;
      if (minAvailable !== undefined) assert.ok(Number(minAvailable) < replicas, `${name(w)}: minAvailable blocks all evictions`);
      if (maxUnavailable !== undefined) assert.ok(String(maxUnavailable) !== "0" && String(maxUnavailable) !== "0%", `${name(w)}: maxUnavailable 0`);
    }
  });

  test(`${overlay}: images are the overlay's (${expectedImage[overlay].tag}), loaded into kind, never :latest`, () => {
    const { tag, uid } = expectedImage[overlay];
    for (const w of workloads(objects)) {
      for (const c of podSpec(w).containers) {
        assert.match(c.image, /:[A-Za-z0-9][A-Za-z0-9._-]*$/, `${name(w)} image ${c.image} has no tag`);
        assert.doesNotMatch(c.image, /:latest$/, `${name(w)} uses :latest`);
        if (quarkus[w.metadata.name]) {
          assert.equal(c.image, `paymesh/${w.metadata.name}:${tag}`);
          assert.equal(c.imagePullPolicy, "Never", `${name(w)} must use the image loaded with kind load`);
          assert.equal(podSpec(w).securityContext.runAsUser, uid, `${name(w)} uid of the ${tag} image`);
        }
      }
    }
  });

  test(`${overlay}: services get the OTEL_* variables pointing at Tempo, and their peers' addresses`, () => {
    for (const d of byKind("Deployment")) {
      const env = containerEnv(d);
      assert.match(env.OTEL_EXPORTER_OTLP_ENDPOINT, /^http:\/\/tempo\.observability(\.svc(\.cluster\.local)?)?:(4317|4318)$/);
      assert.ok(["http/protobuf", "grpc"].includes(env.OTEL_EXPORTER_OTLP_PROTOCOL));
      assert.ok(env.OTEL_EXPORTER_OTLP_ENDPOINT.endsWith(env.OTEL_EXPORTER_OTLP_PROTOCOL === "grpc" ? ":4317" : ":4318"));
      assert.equal(env.QUARKUS_HTTP_PORT, String(quarkus[d.metadata.name]));
      assert.ok(env.PAYMESH_ENVIRONMENT);
      if (d.metadata.name === "payment-gateway") {
        assert.equal(env.FRAUD_SERVICE_URL, "http://fraud-service:8081");
        assert.equal(env.LEDGER_SERVICE_URL, "http://ledger-service:8082");
      }
      if (d.metadata.name === "ledger-service") {
        assert.equal(env.QUARKUS_DATASOURCE_REACTIVE_URL, "postgresql://postgres:5432/paymesh");
        assert.equal(env.QUARKUS_DATASOURCE_JDBC_URL, "jdbc:postgresql://postgres:5432/paymesh");
      }
    }
  });

  test(`${overlay}: on SIGTERM each service reports not ready, then drains, within its grace period`, () => {
    for (const d of byKind("Deployment").filter((o) => o.metadata.name in quarkus)) {
      const props = readFileSync(join(repoRoot, d.metadata.name, "src/main/resources/application.properties"), "utf8");
      assert.match(props, /^quarkus\.shutdown\.delay-enabled=true$/m, `${d.metadata.name}: the readiness check of the delay`);
      const timeout = /^quarkus\.shutdown\.timeout=(\d+)s$/m.exec(props);
      assert.ok(timeout, `${d.metadata.name} sets quarkus.shutdown.timeout in seconds`);
      const delay = /^(\d+)s$/.exec(containerEnv(d).QUARKUS_SHUTDOWN_DELAY ?? "");
      assert.ok(delay && Number(delay[1]) > 0, `${name(d)}: QUARKUS_SHUTDOWN_DELAY, the time to leave the endpoints`);
      // A few seconds more for the OpenTelemetry exporter's last batch and the JVM's exit.
      assert.ok(Number(delay[1]) + Number(timeout[1]) + 3 <= podSpec(d).terminationGracePeriodSeconds,
        `${name(d)}: terminationGracePeriodSeconds ${podSpec(d).terminationGracePeriodSeconds} < delay ${delay[1]} s + drain ${timeout[1]} s + 3 s`);
    }
  });

  test(`${overlay}: no literal secret: passwords come from the generated Secret only`, () => {
    for (const w of workloads(objects)) {
      for (const c of podSpec(w).containers) {
        for (const e of c.env ?? []) {
          if (/PASSWORD|SECRET|TOKEN|CREDENTIAL|_KEY$/i.test(e.name)) {
            assert.ok(e.valueFrom?.secretKeyRef, `${name(w)} ${e.name} must come from a Secret`);
            assert.equal(e.value, undefined);
          }
        }
      }
    }
    for (const cm of byKind("ConfigMap")) {
      for (const k of Object.keys(cm.data ?? {})) assert.doesNotMatch(k, /PASSWORD|SECRET|TOKEN/i, `${name(cm)} holds ${k}`);
    }
    const secrets = byKind("Secret");
    assert.equal(secrets.length, 1);
    assert.match(secrets[0].metadata.name, /^postgres-credentials-[a-z0-9]{10}$/, "the Secret comes from the secretGenerator");
    assert.equal(Object.keys(secrets[0].data).join(), "password");
    const throwaway = process.env.THROWAWAY_PASSWORD;
    assert.ok(throwaway, "THROWAWAY_PASSWORD not set by the check script");
    assert.equal(Buffer.from(secrets[0].data.password, "base64").toString(), throwaway,
      "the Secret's value must come from the generated env file, not from a committed literal");
    const refs = workloads(objects).flatMap((w) => podSpec(w).containers.flatMap((c) => c.env ?? []))
      .filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.valueFrom.secretKeyRef.name);
    assert.ok(refs.length >= 2 && refs.every((r) => r === secrets[0].metadata.name), "secretKeyRefs follow the generated name");
  });
}

test("committed files under k8s/ hold no secret value", () => {
  const offenders = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) { walk(p); continue; }
      const rel = relative(repoRoot, p);
      if (/^k8s\/base\/secrets\/.*\.env$/.test(rel)) continue; // git-ignored, generated
      const text = readFileSync(p, "utf8");
      if (/^kind:\s*Secret\b/m.test(text) || /stringData:/.test(text) || /password\s*[=:]\s*\S/i.test(text.replace(/#.*$/gm, ""))) {
        offenders.push(rel);
      }
    }
  };
  walk(join(repoRoot, "k8s"));
  assert.deepEqual(offenders, []);
  const ignore = readFileSync(join(repoRoot, "k8s/base/secrets/.gitignore"), "utf8");
  assert.match(ignore, /^\*\.env$/m, "k8s/base/secrets/*.env must be git-ignored");
});
