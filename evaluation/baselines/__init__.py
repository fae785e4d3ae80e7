"""Built-in baselines scored as submissions of the "baselines" author: random, majority class,
the T2 intention-similarity baseline, and the LLM-judge harness. Entry points:
``evaluation.baselines.services.baseline_run`` (in process) and ``baseline_run_enqueue``
(a Celery job), and ``python manage.py run_baseline``."""
