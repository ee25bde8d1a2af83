"""`python -m benchmarks [NAME...]`: our figure, a reference measured in the same run, the ratio.

Each benchmark is a module here with `run() -> Iterable[Figure]`; one line per figure:
`<benchmark>.<figure> ours=<v><unit> reference=<v><unit> ratio=<r> goal=<op><g> met|missed`.
"""
