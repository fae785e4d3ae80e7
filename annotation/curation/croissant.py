"""Croissant metadata (mlcommons.org/croissant) for a release export, built with mlcroissant.

mlcroissant pulls in pandas, rdflib and networkx (about 90 MB of memory), so the export runs
this module in a short-lived process of its own (``python -m annotation.curation.croissant``,
the spec as JSON on stdin, the JSON-LD on stdout): the exporting process stays small however
long it has been streaming rows. No Django here: the spec holds all it needs.

spec = {"name", "version", "description", "licence_url", "url", "cite_as", "date_published",
        "files": [{"name", "format", "bytes", "sha256", "task", "split", "rows",
                   "columns": [[name, kind], ...] (Parquet files; kind: text/int/float/bool)}]}
"""

from __future__ import annotations

import datetime
import json
import sys

FORMATS = {"jsonl": "JSON_LINES", "csv": "CSV", "parquet": "PARQUET"}
KINDS = {"text": "TEXT", "int": "INTEGER", "float": "FLOAT", "bool": "BOOL"}


def croissant_build(spec: dict) -> dict:
    """The Croissant JSON-LD: every file as a FileObject, one RecordSet per Parquet file
    (task and split). Raises ValueError when mlcroissant finds an error in it."""
    import mlcroissant as mlc

    distribution, record_sets = [], []
    for entry in spec["files"]:
        file_id = entry["name"].replace("/", "-")
        distribution.append(
            mlc.FileObject(
                id=file_id,
                name=file_id,
                content_url=entry["name"],
                content_size=f"{entry['bytes']} B",
                encoding_formats=[getattr(mlc.EncodingFormat, FORMATS[entry["format"]])],
                sha256=entry["sha256"],
            )
        )
        if entry["format"] != "parquet":
            continue
        set_id = f"{entry['task']}_{entry['split']}"
        fields = [
            mlc.Field(
                id=f"{set_id}/{name}",
                name=name,
                data_types=[getattr(mlc.DataType, KINDS[kind])],
                source=mlc.Source(file_object=file_id, extract=mlc.Extract(column=name)),
            )
            for name, kind in entry["columns"]
        ]
        hidden = ": inputs only, labels hidden" if entry["split"] == "test" else ""
        record_sets.append(
            mlc.RecordSet(
                id=set_id,
                name=set_id,
                description=f"{entry['task']} {entry['split']} ({entry['rows']:,} items){hidden}",
                key=[f"{set_id}/id"],
                fields=fields,
            )
        )
    published = spec.get("date_published")
    metadata = mlc.Metadata(
        name=spec["name"],
        description=spec["description"],
        version=spec["version"],
        license=[spec["licence_url"]],
        url=spec["url"],
        cite_as=spec["cite_as"],
        date_published=datetime.datetime.fromisoformat(published) if published else None,
        distribution=distribution,
        record_sets=record_sets,
    )
    errors = metadata.ctx.issues.errors
    if errors:
        raise ValueError("Croissant metadata is not valid: " + "; ".join(sorted(errors)))
    return metadata.to_json()


if __name__ == "__main__":
    try:
        document = croissant_build(json.load(sys.stdin))
    except ValueError as error:
        sys.stderr.write(f"{error}\n")
        sys.exit(2)
    json.dump(document, sys.stdout, indent=2, default=str)
