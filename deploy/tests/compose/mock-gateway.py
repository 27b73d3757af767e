"""A stand-in for payment-gateway's two POST endpoints, used by compose-check.sh to run generate-traces.sh
without Docker. It follows the contract: CUST666 or an amount above 10000 -> DECLINED, baggage
paymesh.fault=fraud-slow|fraud-error -> PENDING_REVIEW, otherwise PENDING; process approve/refund with the
ledger's transitions; every POST /api/payments must carry an Idempotency-Key header.
Usage: python3 mock-gateway.py   (listens on a port the system picks and prints "ready <port>" once listening: a
fixed port can be held by another process's outgoing connection)"""
import json
from http.server import BaseHTTPRequestHandler, HTTPServer

payments = {}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path == "/api/payments":
            if not self.headers.get("Idempotency-Key"):
                return self.answer(400, {"title": "missing Idempotency-Key"})
            fault = self.headers.get("baggage", "")
            if body["customerId"] == "CUST666" or float(body["amount"]) > 10000:
                status = "DECLINED"
            elif "paymesh.fault=fraud-" in fault:
                status = "PENDING_REVIEW"
            else:
                status = "PENDING"
            pid = "PAY%03d" % (len(payments) + 6)
            payments[pid] = dict(body, id=pid, status=status)
            return self.answer(201, payments[pid])
        if self.path == "/api/payments/process":
            payment = payments.get(body.get("paymentId"))
            if payment is None:
                return self.answer(404, {"title": "unknown payment"})
            moves = {"approve": ({"PENDING", "PENDING_REVIEW"}, "APPROVED"), "refund": ({"APPROVED"}, "REFUNDED")}
            allowed, target = moves[body["action"]]
            if payment["status"] not in allowed:
                return self.answer(409, {"title": "illegal transition"})
            payment["status"] = target
            return self.answer(200, payment)
        return self.answer(404, {"title": "not found"})


server = HTTPServer(("127.0.0.1", 0), Handler)
print("ready", server.server_address[1], flush=True)
server.serve_forever()
