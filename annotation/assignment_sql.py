"""The statements of the PostgreSQL path of assignment (annotation/services.py): each next
item, reservation and judgement is one prepared statement, whose result row holds the model
instances the ORM path would load (read back by ``Row``), in the order they were selected.

``statement(name)`` gives the text of ``state``, ``reserve`` and ``submit``; ``sql_row`` runs
one on a prepared-statement cursor of the connection.
"""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.db import connection, transaction

from annotation.models import Assignment, Campaign, CampaignAnnotator, CampaignItem
from pipeline.models import Item

# Campaign columns the rules read (the guideline text is left out: it can be long).
CAMPAIGN_FIELDS = (
    "id",
    "name",
    "item_set_id",
    "task",
    "votes_per_item",
    "initial_votes",
    "reservation_minutes",
    "guideline_version",
    "control_share",
    "qualification_items",
    "qualification_pass",
    "pause_below",
    "pause_min_controls",
    "min_seconds",
    "source_campaign_id",
    "state",
    "created_by_id",
    "created_at",
)
LAST_FIELDS = ("id", "status", "submitted_at")
PAYLOAD_FIELDS = ("id", "uid", "task", "payload")


@functools.cache
def _fields(model, names) -> tuple:
    """Concrete fields of ``model`` in table-definition order (``from_db`` expects it), all of
    them or those named."""
    return tuple(f for f in model._meta.concrete_fields if names is None or f.attname in names)


@functools.cache
def _loading(model, names) -> tuple[list[str], list[tuple[int, object]]]:
    """The attribute names of those fields, and the fields whose raw value needs converting
    (JSON comes back as text)."""
    fields = _fields(model, names)
    converters = [(n, f) for n, f in enumerate(fields) if hasattr(f, "from_db_value")]
    return [f.attname for f in fields], converters


def _columns(model, alias: str, names=None) -> str:
    return ", ".join(f'{alias}."{f.column}"' for f in _fields(model, names))


class Row:
    """Reads model instances off one result row, in the order the statement selected them."""

    def __init__(self, row):
        self.row = row
        self.at = 0

    def peek(self):
        return self.row[self.at]

    def take(self):
        self.at += 1
        return self.row[self.at - 1]

    def skip(self, model, names) -> None:
        self.at += len(_fields(model, names))

    def instance(self, model, names):
        attnames, converters = _loading(model, names)
        values = list(self.row[self.at : self.at + len(attnames)])
        self.at += len(attnames)
        for n, field in converters:
            if values[n] is not None:
                values[n] = field.from_db_value(values[n], None, connection)
        # The fields left out are deferred: reading one loads it, never a wrong default.
        return model.from_db(connection.alias, attnames, values)


def assignment_built(values: Row, campaign: Campaign) -> Assignment:
    """An assignment, its campaign item and the pipeline item (payload), as the ORM path's
    ``select_related("item__item")`` gives them."""
    assignment = values.instance(Assignment, None)
    item = values.instance(CampaignItem, None)
    item.item = values.instance(Item, PAYLOAD_FIELDS)
    item.campaign = campaign
    assignment.item = item
    assignment.campaign = campaign
    return assignment


def sql_row(sql: str, params: dict, *, write: bool = True):
    """One statement of the PostgreSQL path, one row (or None).

    Alone it is its own transaction; inside a caller's transaction it runs in a savepoint, so
    that a row the database refuses (IntegrityError) leaves that transaction usable, as
    ``transaction.atomic`` does on the ORM path. The statement is prepared on the connection
    (parsed and planned once per connection, not on every call: about half of PostgreSQL's
    time on these statements), unless ANNOTATION_PREPARED_STATEMENTS is off (a connection
    pooler in transaction mode that does not support prepared statements)."""
    if write and connection.in_atomic_block:
        with transaction.atomic():
            return sql_row(sql, params, write=False)
    with _cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _cursor():
    if connection.queries_logged or not getattr(settings, "ANNOTATION_PREPARED_STATEMENTS", True):
        # Logged queries (DEBUG, CaptureQueriesContext) are recorded with their parameters in
        # place, which Django can do only for its own client-side binding cursor.
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns psycopg's automatic preparing off. Its own cursors bind parameters on
        # the client and never prepare, so this only lets the explicit prepare below work;
        # nothing else gets prepared behind its back.
        raw.prepare_threshold = 2**31 - 1
    _plans_refresh(raw)
    return connection.make_cursor(_prepared_cursor_class()(raw))


def _plans_refresh(raw) -> None:
    """Drop this connection's prepared statements after 1 s, 2 s, 4 s ... and from then on
    every ANNOTATION_REPLAN_SECONDS, so that they are planned again for the tables as they
    are now (tables grow fastest, relative to their size, when a campaign starts).

    PostgreSQL keeps the generic plan of a prepared statement until an ANALYZE or a schema
    change invalidates it, and plans by the tables' size at planning time. A campaign's
    assignments grow from none to tens of thousands within minutes, long before autovacuum
    analyzes them: a plan made on the near-empty table (sequential scans of it, a lookup by
    status where the primary key was the one to use) then read the whole table on every
    call, and PostgreSQL's time per next + submit went from about 2 ms to 7 ms within a
    minute. psycopg forgets its own prepared statements when it sees DEALLOCATE ALL."""
    now = time.monotonic()
    due = getattr(raw, "_annotation_replan", None)
    if due is None:
        raw._annotation_replan = (now + 1.0, 1.0)
    elif now >= due[0]:
        raw.execute("DEALLOCATE ALL")
        wait = min(due[1] * 2, getattr(settings, "ANNOTATION_REPLAN_SECONDS", 10))
        raw._annotation_replan = (now + wait, wait)


@functools.cache
def _prepared_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        """Binds parameters on the server and prepares every statement it runs."""

        def execute(self, query, params=None, **options):
            return super().execute(query, params, prepare=True)

    return PreparedCursor


def _stale_sql(campaign_id: str, *, but: str | None = None) -> str:
    """Whether any reservation of the campaign has run out (``but``: leaving one out), as
    ``reservations_expire`` would find it."""
    other = f" AND stale.id <> {but}" if but else ""
    return f"""EXISTS (SELECT 1 FROM {Assignment._meta.db_table} stale
               WHERE stale.status = 'reserved' AND stale.expires_at < %(now)s
                 AND stale.campaign_id = {campaign_id}{other})"""


def _held_join_sql(campaign_id: str, item_alias: str, payload_alias: str, *, but=None) -> str:
    """The annotator's oldest live reservation in the campaign as ``live`` (``but``: leaving
    one out), with its campaign item and pipeline item: what the ORM path's ``live`` reads."""
    assignment = Assignment._meta.db_table
    other = f" AND held.id <> {but}" if but else ""
    return f"""LEFT JOIN {assignment} live ON live.id = (
    SELECT held.id FROM {assignment} held
    WHERE held.campaign_id = {campaign_id} AND held.annotator_id = %(user)s
      AND held.status = 'reserved' AND held.expires_at > %(now)s{other}
    ORDER BY held.reserved_at LIMIT 1)
LEFT JOIN {CampaignItem._meta.db_table} {item_alias} ON {item_alias}.id = live.item_id
LEFT JOIN {Item._meta.db_table} {payload_alias} ON {payload_alias}.id = {item_alias}.item_id"""


@functools.cache
def statement(name: str) -> str:
    campaign = Campaign._meta.db_table
    member = CampaignAnnotator._meta.db_table
    assignment = Assignment._meta.db_table
    item = CampaignItem._meta.db_table
    pipeline_item = Item._meta.db_table
    if name == "state":
        return f"""
SELECT {_columns(Campaign, "c", CAMPAIGN_FIELDS)},
       {_columns(CampaignAnnotator, "m")},
       {_columns(Assignment, "lastj", LAST_FIELDS)},
       {_stale_sql("c.id")},
       {_columns(Assignment, "live")},
       {_columns(CampaignItem, "ci")},
       {_columns(Item, "pi", PAYLOAD_FIELDS)}
FROM {campaign} c
LEFT JOIN {member} m ON m.campaign_id = c.id AND m.annotator_id = %(user)s
LEFT JOIN {assignment} lastj ON lastj.id = m.last_judgement_id
{_held_join_sql("c.id", "ci", "pi")}
WHERE c.id = %(campaign)s"""
    if name == "reserve":
        # The same pick as the ORM path: real items with room, never one this annotator has
        # had (any status: a skipped item does not come back), oldest first, so items in
        # progress first (the order key is not a counter: see CampaignItem's index). The
        # lock is taken on the campaign item only; a row another request holds is skipped.
        return f"""
WITH pick AS (
    SELECT ci.id FROM {item} ci
    WHERE ci.campaign_id = %(campaign)s AND NOT ci.is_control AND NOT ci."full"
      AND NOT EXISTS (SELECT 1 FROM {assignment} seen
                      WHERE seen.item_id = ci.id AND seen.annotator_id = %(user)s)
    ORDER BY ci.position
    LIMIT 1
    FOR UPDATE OF ci SKIP LOCKED
), bumped AS (
    UPDATE {item} ci SET taken = ci.taken + 1, "full" = ci.taken + 1 >= ci.votes_target
    FROM pick WHERE ci.id = pick.id
    RETURNING {_columns(CampaignItem, "ci")}
), made AS (
    INSERT INTO {assignment} (campaign_id, item_id, annotator_id, external_annotator, status,
                              is_control, too_fast, reserved_at, expires_at)
    SELECT %(campaign)s, bumped.id, %(user)s, '', 'reserved', false, false, %(now)s, %(expires)s
    FROM bumped
    RETURNING {_columns(Assignment, assignment)}
)
SELECT {_columns(Assignment, "made")}, {_columns(CampaignItem, "bumped")},
       {_columns(Item, "pi", PAYLOAD_FIELDS)}
FROM made
JOIN bumped ON bumped.id = made.item_id
JOIN {pipeline_item} pi ON pi.id = bumped.item_id"""
    if name == "submit":
        # Locks in the order of the ORM path: the assignment row, the item row (real items
        # only), the member row. ``counted`` runs before ``member`` because ``member`` reads it.
        # The final SELECT sees the campaign and item rows as they were before the statement
        # (the new vote count comes from ``counted``).
        return f"""
WITH done AS (
    UPDATE {assignment} a
    SET status = 'submitted', label = %(label)s, seconds = %(seconds)s::double precision,
        too_fast = coalesce(%(seconds)s::double precision < c.min_seconds, false),
        submitted_at = %(now)s, guideline_version = c.guideline_version
    FROM {campaign} c, {item} ci
    WHERE a.id = %(id)s AND a.annotator_id = %(user)s AND a.status = 'reserved'
      AND c.id = a.campaign_id AND c.state <> 'closed' AND c.initial_votes IS NULL
      AND ci.id = a.item_id
      AND EXISTS (SELECT 1 FROM {member} m
                  WHERE m.campaign_id = a.campaign_id AND m.annotator_id = %(user)s)
    RETURNING {_columns(Assignment, "a")}, ci.control_answer AS answer
), counted AS (
    UPDATE {item} ci SET judged = ci.judged + 1
    FROM done WHERE ci.id = done.item_id AND NOT done.is_control
    RETURNING ci.id, ci.judged
), member AS (
    UPDATE {member} m
    SET judged = m.judged + 1,
        too_fast = m.too_fast + done.too_fast::int,
        controls_seen = m.controls_seen + done.is_control::int,
        controls_correct = m.controls_correct
            + (done.is_control AND done.label = done.answer)::int,
        judged_today = CASE WHEN m.judged_day = %(today)s THEN m.judged_today + 1 ELSE 1 END,
        judged_day = %(today)s,
        last_judgement_id = done.id
    FROM done LEFT JOIN counted ON counted.id = done.item_id
    WHERE m.campaign_id = done.campaign_id AND m.annotator_id = %(user)s
    RETURNING {_columns(CampaignAnnotator, "m")}
)
SELECT {_columns(Campaign, "c", CAMPAIGN_FIELDS)}, {_columns(Assignment, "done")},
       {_columns(CampaignItem, "ci")}, {_columns(Item, "pi", PAYLOAD_FIELDS)},
       counted.judged, {_columns(CampaignAnnotator, "member")},
       {_stale_sql("done.campaign_id", but="done.id")},
       {_columns(Assignment, "live")},
       {_columns(CampaignItem, "lci")},
       {_columns(Item, "lpi", PAYLOAD_FIELDS)}
FROM done
JOIN member ON true
LEFT JOIN counted ON true
JOIN {campaign} c ON c.id = done.campaign_id
JOIN {item} ci ON ci.id = done.item_id
JOIN {pipeline_item} pi ON pi.id = ci.item_id
{_held_join_sql("done.campaign_id", "lci", "lpi", but="done.id")}"""
    raise KeyError(name)
