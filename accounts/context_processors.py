from .roles import ADMIN, ANNOTATOR, CURATOR, MODEL_AUTHOR, user_roles


def roles(request):
    held = user_roles(getattr(request, "user", None))
    is_admin = ADMIN in held
    return {
        "user_roles": held,
        "is_annotator": is_admin or ANNOTATOR in held,
        "is_curator": is_admin or CURATOR in held,
        "is_model_author": is_admin or MODEL_AUTHOR in held,
        "is_admin": is_admin,
    }
