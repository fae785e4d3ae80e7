"""The database-free scoring core: reading prediction files and computing metrics.

Nothing here touches the ORM, so the submission services, the Celery job, the
`score_predictions` command and the benchmark all call the same two modules:

- `predictions`: stream and validate an uploaded prediction file against the expected ids,
- `metrics`: accuracy, macro-F1, AUC, per-category breakdown, bootstrap confidence
  intervals, the paired comparison with the leader and leaderboard rank bands.
"""
