"""The one application error type and the handler that turns it into HTTP answers.

The errors are raised by services, jobs and commands that have nothing to do with HTTP, so this
module imports no web framework at load time: a Celery worker or ``manage.py export_release``
does not pay for DRF (about 20 MB) to raise an ApplicationError.
"""

from http import HTTPStatus


class ApplicationError(Exception):
    """A domain rule was broken by the caller's input; the message is safe to show."""

    http_status = HTTPStatus.BAD_REQUEST

    def __init__(self, message: str, *, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class NotFoundError(ApplicationError):
    http_status = HTTPStatus.NOT_FOUND


class ConflictError(ApplicationError):
    http_status = HTTPStatus.CONFLICT


def api_exception_handler(exc, context):
    from rest_framework.response import Response
    from rest_framework.views import exception_handler

    if isinstance(exc, ApplicationError):
        return Response({"detail": exc.message, **exc.extra}, status=exc.http_status)
    return exception_handler(exc, context)
