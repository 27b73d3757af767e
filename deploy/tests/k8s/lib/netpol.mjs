// A small evaluator of Kubernetes NetworkPolicy semantics (networking.k8s.io/v1), used to compute who can
// reach whom from the rendered policies. A connection src -> dst:port/protocol is allowed when
//  - the egress side allows it: no policy of src's namespace selects src for Egress, or one of them has an
//    egress rule matching (dst, port), and
//  - the ingress side allows it: no policy of dst's namespace selects dst for Ingress, or one of them has an
//    ingress rule matching (src, port).
// Peers: { name, namespace?, labels?, ip?, ports?: { portName: number } }; a peer without namespace is outside
// the cluster (only ipBlock rules can match it).

export function selectorMatches(selector, labels = {}) {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const expr of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, expr.key);
    const value = labels[expr.key];
    switch (expr.operator) {
      case "In": if (!has || !expr.values.includes(value)) return false; break;
      case "NotIn": if (has && expr.values.includes(value)) return false; break;
      case "Exists": if (!has) return false; break;
      case "DoesNotExist": if (has) return false; break;
      default: throw new Error(`unknown selector operator ${expr.operator}`);
    }
  }
  return true;
}

function ipToInt(ip) {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: ${ip}`);
  }
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function cidrContains(cidr, ip) {
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipToInt(base) & mask) === (ipToInt(ip) & mask);
}

function namespaceLabels(peer) {
  return { "kubernetes.io/metadata.name": peer.namespace, ...(peer.namespaceLabels ?? {}) };
}

// Does one entry of a rule's from/to list match the peer, seen from a policy in policyNamespace?
function peerMatches(entry, peer, policyNamespace) {
  if (entry.ipBlock) {
    if (!peer.ip || !cidrContains(entry.ipBlock.cidr, peer.ip)) return false;
    return !(entry.ipBlock.except ?? []).some((c) => cidrContains(c, peer.ip));
  }
  if (!peer.namespace) return false; // pod/namespace selectors only select pods
  if (entry.namespaceSelector) {
    if (!selectorMatches(entry.namespaceSelector, namespaceLabels(peer))) return false;
  } else if (peer.namespace !== policyNamespace) {
    return false;
  }
  return entry.podSelector ? selectorMatches(entry.podSelector, peer.labels) : true;
}

function portMatches(rulePorts, port, protocol, target) {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((p) => {
    if ((p.protocol ?? "TCP") !== protocol) return false;
    if (p.port === undefined) return true;
    const number = typeof p.port === "string" ? target.ports?.[p.port] : p.port;
    if (number === undefined) return false;
    return p.endPort ? port >= number && port <= p.endPort : port === number;
  });
}

function policyTypes(policy) {
  if (policy.spec.policyTypes) return policy.spec.policyTypes;
  return policy.spec.egress ? ["Ingress", "Egress"] : ["Ingress"];
}

function selecting(policies, pod, type) {
  if (!pod.namespace) return [];
  return policies.filter((p) =>
    (p.metadata.namespace ?? "default") === pod.namespace &&
    policyTypes(p).includes(type) &&
    selectorMatches(p.spec.podSelector, pod.labels));
}

export function allowed(policies, src, dst, port, protocol = "TCP") {
  const egress = selecting(policies, src, "Egress");
  const egressOk = egress.length === 0 || egress.some((p) => (p.spec.egress ?? []).some((rule) =>
    (!rule.to || rule.to.length === 0 || rule.to.some((e) => peerMatches(e, dst, p.metadata.namespace))) &&
    portMatches(rule.ports, port, protocol, dst)));
  if (!egressOk) return false;
  const ingress = selecting(policies, dst, "Ingress");
  return ingress.length === 0 || ingress.some((p) => (p.spec.ingress ?? []).some((rule) =>
    (!rule.from || rule.from.length === 0 || rule.from.some((e) => peerMatches(e, src, p.metadata.namespace))) &&
    portMatches(rule.ports, port, protocol, dst)));
}
