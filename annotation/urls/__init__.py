"""Pages: annotator pages (annotator.py) and curator pages (curator.py), one namespace."""

from .annotator import urlpatterns as annotator_urls
from .curation import urlpatterns as curation_urls
from .curator import urlpatterns as curator_urls
from .exports import urlpatterns as export_urls

app_name = "annotation"

urlpatterns = [*annotator_urls, *curator_urls, *curation_urls, *export_urls]
