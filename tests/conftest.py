"""Settings for the whole suite.

The machines that run it are shared and noisy: Hypothesis gets no deadline and no "too slow"
health check (a slow draw is the machine, not the code). Speed is measured in benchmarks/.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "cartable", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("cartable")
