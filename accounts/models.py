from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person using the studio. Roles are Django groups (see accounts.roles);
    one person may hold several, e.g. a curator who also annotates."""

    class Meta:
        db_table = "accounts_user"
