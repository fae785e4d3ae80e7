from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class StudioUserAdmin(UserAdmin):
    list_display = ("username", "email", "is_active", "is_staff", "is_superuser", "role_list")
    list_filter = ("groups", "is_active", "is_staff", "is_superuser")

    @admin.display(description="Roles")
    def role_list(self, obj):
        return ", ".join(obj.groups.values_list("name", flat=True))
