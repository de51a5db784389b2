"""Throughput benchmarks of the event store and the projector: `python -m benchmarks.run`."""
