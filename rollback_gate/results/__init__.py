"""Analysis results across runs and processes: the content-addressed result cache
(``cache``, with its strict JSON ``codec``) and the runner that serves migration analyses
from it and runs the rest serially or on a balanced process pool (``pool``)."""
