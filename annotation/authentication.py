"""API token authentication for every endpoint (REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES).

DRF's token authentication reads the token and its user, then accounts.roles reads the user's
groups: two queries on every request. This class reads both in one prepared statement on
PostgreSQL, which matters on the annotators' hot path (bench/annotation_load.py). It must not
import DRF's views (DRF imports authentication classes while loading them).
"""

import functools

from django.db import connection
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from accounts.models import User
from accounts.roles import ADMIN, ROLES
from annotation.assignment_sql import sql_row


class FastTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, with the user's roles read in the same query (DRF's reads the
    token and its user, then accounts.roles the user's groups: two queries per request)."""

    def authenticate_credentials(self, key):
        if connection.vendor != "postgresql":
            return super().authenticate_credentials(key)
        row = sql_row(_token_sql(), {"key": key}, write=False)
        if row is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        fields = User._meta.concrete_fields
        user = User.from_db(connection.alias, [f.attname for f in fields], row[: len(fields)])
        if not user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        token_created, held = row[len(fields)], row[len(fields) + 1 :]
        roles = {role for role, has in zip(ROLES, held, strict=True) if has}
        if user.is_superuser:
            roles.add(ADMIN)
        user._ecomscript_roles = roles  # what accounts.roles.user_roles caches per request
        token = Token(key=key, user=user, created=token_created)
        return user, token


@functools.cache
def _token_sql() -> str:
    user_table = User._meta.db_table
    groups = User.groups.through._meta.db_table
    group_table = User.groups.field.related_model._meta.db_table
    columns = ", ".join(f'u."{f.column}"' for f in User._meta.concrete_fields)
    # ROLES are constants of accounts.roles, not input: safe to put in the statement.
    held = ", ".join(
        f"EXISTS (SELECT 1 FROM {groups} ug JOIN {group_table} g ON g.id = ug.group_id "
        f"WHERE ug.user_id = u.id AND g.name = '{role}')"
        for role in ROLES
    )
    return (
        f"SELECT {columns}, t.created, {held} FROM {Token._meta.db_table} t "
        f"JOIN {user_table} u ON u.id = t.user_id WHERE t.key = %(key)s"
    )
