"""An OTLP receiver for the end-to-end tests: oteltest's gRPC or HTTP sink, on loopback.

Usage: otlp_sink.py grpc|http

Prints `PORT <n>` once listening on 127.0.0.1 (a port the OS picks), then one line per span
received: `SPAN<TAB>service.name<TAB>trace id<TAB>name`.
Exits when its standard input closes.
"""

import logging
import sys
import threading
import time
from http.server import HTTPServer

import grpc
import oteltest.sink
from oteltest.sink import GrpcSink, HttpSink
from oteltest.sink.handler import RequestHandler

_print_lock = threading.Lock()


class SpanPrinter(RequestHandler):
    def handle_trace(self, request, headers):  # noqa: ARG002
        lines = []
        for resource_spans in request.resource_spans:
            service = ""
            for kv in resource_spans.resource.attributes:
                if kv.key == "service.name":
                    service = kv.value.string_value
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    lines.append(
                        "\t".join(
                            [
                                "SPAN",
                                service,
                                span.trace_id.hex(),
                                span.name,
                            ]
                        )
                    )
        # Printed before the sink answers, so a client that got its answer has been counted.
        with _print_lock:
            for line in lines:
                print(line)
            sys.stdout.flush()

    def handle_metrics(self, request, headers):
        pass

    def handle_logs(self, request, headers):
        pass


# oteltest's sinks listen on every interface at a fixed port; tests listen on loopback
# only, at a port the OS picks, so they never clash or accept outside traffic.
class _LoopbackGrpcServer:
    def __init__(self, server):
        self._server = server
        self.port = None

    def add_insecure_port(self, _address):
        self.port = self._server.add_insecure_port("127.0.0.1:0")
        return self.port

    def __getattr__(self, name):
        return getattr(self._server, name)


class _LoopbackHTTPServer(HTTPServer):
    def __init__(self, _address, handler):
        super().__init__(("127.0.0.1", 0), handler)


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else ""
    logger = logging.getLogger("otlp_sink")
    if kind == "grpc":
        real_server = grpc.server
        grpc.server = lambda *a, **kw: _LoopbackGrpcServer(real_server(*a, **kw))
        sink = GrpcSink(SpanPrinter(), logger)
        sink.start()
        port = sink.svr.port
    elif kind == "http":
        oteltest.sink.HTTPServer = _LoopbackHTTPServer
        sink = HttpSink(SpanPrinter(), logger)
        sink.start()
        deadline = time.monotonic() + 10
        while sink.httpd is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if sink.httpd is None:
            sys.exit("the HTTP sink did not start")
        port = sink.httpd.server_address[1]
    else:
        sys.exit("usage: otlp_sink.py grpc|http")
    print(f"PORT {port}", flush=True)
    sys.stdin.read()
    sink.stop()


if __name__ == "__main__":
    main()
