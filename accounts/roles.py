"""Roles and the checks every view and API endpoint uses.

A role is a Django group of the same name. Superusers are the "admin" role and pass
every role check. Views use ``role_required`` / ``RoleRequiredMixin``; API views use
``HasRole``.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

ANNOTATOR = "annotator"
CURATOR = "curator"
MODEL_AUTHOR = "model_author"
ADMIN = "admin"
ROLES = (ANNOTATOR, CURATOR, MODEL_AUTHOR)
ROLE_LABELS = {
    ANNOTATOR: "Annotator",
    CURATOR: "Curator",
    MODEL_AUTHOR: "Model author",
    ADMIN: "Administrator",
}


def user_roles(user) -> set[str]:
    """The roles a user holds; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_ecomscript_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        if user.is_superuser:
            cached.add(ADMIN)
        user._ecomscript_roles = cached
    return cached


def user_has_role(user, *roles: str) -> bool:
    """True when the user holds any of ``roles``; administrators hold them all."""
    held = user_roles(user)
    return ADMIN in held or bool(held.intersection(roles))


def role_assign(user, role: str) -> None:
    if role == ADMIN:
        user.is_superuser = True
        user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    else:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; choose from {', '.join(ROLES + (ADMIN,))}")
        group, _ = Group.objects.get_or_create(name=role)
        user.groups.add(group)
    user.__dict__.pop("_ecomscript_roles", None)


def role_required(*roles: str) -> Callable:
    """Function-view decorator: anonymous users go to login, others without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, *roles):
                raise PermissionDenied("This page is for: " + _role_names(roles))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RoleRequiredMixin(AccessMixin):
    """Class-view mixin; set ``required_roles``."""

    required_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not user_has_role(request.user, *self.required_roles):
            raise PermissionDenied("This page is for: " + _role_names(self.required_roles))
        return super().dispatch(request, *args, **kwargs)


class HasRole(BasePermission):
    """DRF permission; set ``required_roles`` on the view."""

    message = "Your account does not have the role this endpoint needs."

    def has_permission(self, request, view) -> bool:
        roles = getattr(view, "required_roles", ())
        return bool(request.user and request.user.is_authenticated) and user_has_role(
            request.user, *roles
        )


def _role_names(roles: Iterable[str]) -> str:
    return ", ".join(ROLE_LABELS.get(r, r) for r in roles)
