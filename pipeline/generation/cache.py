"""The response cache: requests keyed by model, messages and parameters, kept in the database.

Re-running a stage, or resuming after a crash, finds every answer already given and makes no
second call. Seeds are part of the key, so a retry with a new seed is a new request.
"""

import hashlib

import orjson
from django.db import IntegrityError, transaction

from pipeline.models import LLMResponse

from .llm import ChatRequest, ChatResult, LLMClient


def llm_request_key(model: str, request: ChatRequest) -> str:
    material = {"model": model, **request.as_key_material()}
    return hashlib.sha256(orjson.dumps(material, option=orjson.OPT_SORT_KEYS)).hexdigest()


def llm_chat_cached(client: LLMClient, request: ChatRequest) -> tuple[ChatResult, bool]:
    """The answer to ``request``, from the cache when it was asked before; (result, cached)."""
    key = llm_request_key(client.model_name, request)
    hit = LLMResponse.objects.filter(key=key).first()
    if hit is not None:
        return (
            ChatResult(
                text=hit.text,
                model=hit.model,
                tokens_in=hit.tokens_in,
                tokens_out=hit.tokens_out,
                seconds=0.0,
                attempts=0,
            ),
            True,
        )
    result = client.chat(request)
    try:
        with transaction.atomic():
            LLMResponse.objects.create(
                key=key,
                model=client.model_name,
                request=request.as_key_material(),
                text=result.text,
                tokens_in=result.tokens_in,
                tokens_out=result.tokens_out,
                seconds=result.seconds,
            )
    except IntegrityError:
        # A concurrent worker stored the same request first: use its answer, so that every
        # reader of this request sees one answer.
        return llm_chat_cached(client, request)
    return result, False
