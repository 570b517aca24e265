"""Synthetic projects of any size for benchmarks and checks (`python -m generator synth`).

Not part of the production path: nothing in `generator/` imports it except the `synth`
command, lazily.

Modules, each importing only those listed before it: `pools` (Russian texts), `spec` (the
spec, fixed names, small helpers), `yamltext` (records as YAML), `people`, `towns` (schools
and their heads), `region` (people, staff, towns, events), `year` (an association's school
year), then what a year holds — `meetings`, `consultations` (deficits, requests and
consultations), `plans` (plan, membership, analysis), `practices` — and what the region
holds — `council`, `regionwide` (settings, organizations, normative acts, associations);
`writing` writes a tree and `world` puts it all together (`generate`, `synthesize`).
"""

from synth.spec import WORLD_DATE, Spec, SynthError
from synth.world import generate, synthesize
from synth.yamltext import dump

__all__ = ["WORLD_DATE", "Spec", "SynthError", "dump", "generate", "synthesize"]
