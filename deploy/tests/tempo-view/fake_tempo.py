"""Serves OTLP JSON lines (the quick start's spans file) the way Tempo's HTTP API answers, including its quirks:
/api/traces/<id> has a top-level "batches" array, base64 trace/span ids and enum names (grafana/tempo#5437);
/api/search returns hex traceIDs, honours limit, start and end, and of q understands the one TraceQL form the quick
start sends. Lets CI check
that MeshTool and the quick start read Tempo without a Tempo binary.

Usage: fake_tempo.py <spans.otlp.jsonl> <port file>. Listens on a port the system picks (a fixed one can be taken by
another process's outgoing connection) and writes that port to <port file> once it listens."""
import base64
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

spans_file, port_file = sys.argv[1], sys.argv[2]
KINDS = ["SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT"]
traces = {}
with open(spans_file) as lines:
    for line in filter(str.strip, lines):
        for rs in json.loads(line)["resourceSpans"]:
            for ss in rs["scopeSpans"]:
                for span in ss["spans"]:
                    tempo_span = dict(span)
                    for key in ("traceId", "spanId", "parentSpanId"):
                        if key in tempo_span:
                            tempo_span[key] = base64.b64encode(bytes.fromhex(tempo_span[key])).decode()
                    tempo_span["kind"] = KINDS[span["kind"]]
                    tempo_span["status"] = {"code": "STATUS_CODE_ERROR"} if span["status"].get("code") == 2 else {}
                    batch = {"resource": rs["resource"], "scopeSpans": [{"scope": ss["scope"], "spans": [tempo_span]}]}
                    traces.setdefault(span["traceId"], []).append(batch)


def service_of(batch):
    return next((a["value"]["stringValue"] for a in batch["resource"]["attributes"] if a["key"] == "service.name"), None)


def matches(trace_id, traceql):
    """The one TraceQL form the quick start sends: { resource.service.name = "S" && name = "N" }."""
    query = re.fullmatch(r'\{ resource\.service\.name = "([^"]*)" && name = "([^"]*)" \}', traceql)
    if not query:
        raise ValueError("unexpected TraceQL: " + traceql)
    return any(service_of(batch) == query[1] and span["name"] == query[2]
               for batch in traces[trace_id] for span in batch["scopeSpans"][0]["spans"])


def start_s(trace_id):
    return min(int(span["startTimeUnixNano"]) for batch in traces[trace_id]
               for span in batch["scopeSpans"][0]["spans"]) // 1_000_000_000


class Tempo(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/api/search"):
            params = parse_qs(urlsplit(self.path).query)
            traceql = params.get("q", [None])[0]
            start, end = int(params.get("start", ["0"])[0]), int(params.get("end", [str(2**62)])[0])
            limit = int(params.get("limit", ["20"])[0])  # Tempo's default
            try:
                found = [trace_id for trace_id in traces if start <= start_s(trace_id) <= end
                         and (traceql is None or matches(trace_id, traceql))]
            except ValueError as error:
                self.send_error(400, str(error))
                return
            body = {"traces": [{"traceID": trace_id} for trace_id in found[:limit]]}
        elif self.path.startswith("/api/traces/") and self.path.rsplit("/", 1)[1] in traces:
            body = {"batches": traces[self.path.rsplit("/", 1)[1]]}
        else:
            self.send_error(404)
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Tempo)
with open(port_file, "w") as out:
    out.write(str(server.server_address[1]))
server.serve_forever()
