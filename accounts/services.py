"""Writes for accounts: users with roles."""

from django.db import transaction

from .models import User
from .roles import role_assign


@transaction.atomic
def user_create_with_roles(*, username: str, password: str, roles: list[str], email: str = ""):
    """Create the user, or reset the password and add roles if it exists (idempotent)."""
    user, _ = User.objects.get_or_create(username=username, defaults={"email": email})
    user.set_password(password)
    user.save()
    for role in roles:
        role_assign(user, role)
    return user
