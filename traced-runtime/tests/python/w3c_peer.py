"""The other side of a process hop, with the OpenTelemetry Python SDK.

    w3c_peer.py produce [unsampled]  start a span, inject it (and baggage) into headers, print
                                     its ids and the headers
    w3c_peer.py consume              read `name=value` header lines on stdin, extract them, print
                                     the ids and baggage found

Output is `key=value` lines; headers are printed as `header.<name>=<value>`.
"""

import sys

from opentelemetry import baggage, context, trace
from opentelemetry.baggage.propagation import W3CBaggagePropagator
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ALWAYS_ON
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

# Explicit, so OTEL_PROPAGATORS in the environment cannot change what is tested.
PROPAGATOR = CompositePropagator([TraceContextTextMapPropagator(), W3CBaggagePropagator()])


def print_span_context(span_context):
    print(f"trace_id={span_context.trace_id:032x}")
    print(f"span_id={span_context.span_id:016x}")
    print(f"sampled={int(span_context.trace_flags.sampled)}")
    print(f"valid={int(span_context.is_valid)}")


def produce(sampled):
    provider = TracerProvider(sampler=ALWAYS_ON if sampled else ALWAYS_OFF)
    tracer = provider.get_tracer("traced-interop")
    token = context.attach(baggage.set_baggage("customer.tier", "gold"))
    try:
        with tracer.start_as_current_span("python.produce") as span:
            headers = {}
            PROPAGATOR.inject(headers)
            print_span_context(span.get_span_context())
            for name, value in headers.items():
                print(f"header.{name}={value}")
    finally:
        context.detach(token)


def consume():
    carrier = {}
    for line in sys.stdin:
        name, _, value = line.rstrip("\n").partition("=")
        if name:
            carrier[name] = value
    extracted = PROPAGATOR.extract(carrier)
    print_span_context(trace.get_current_span(extracted).get_span_context())
    print(f"baggage.customer.tier={baggage.get_baggage('customer.tier', extracted) or ''}")


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "produce":
        produce(sampled=sys.argv[2:] != ["unsampled"])
    elif mode == "consume":
        consume()
    else:
        sys.exit(__doc__)
