"""Synthetic projects of any size for benchmarks and checks (`python -m generator synth`).

Not part of the production path: nothing in `generator/` imports it except the `synth`
command, lazily.
"""

from synth.world import WORLD_DATE, Spec, SynthError, dump, generate, synthesize

__all__ = ["WORLD_DATE", "Spec", "SynthError", "dump", "generate", "synthesize"]
